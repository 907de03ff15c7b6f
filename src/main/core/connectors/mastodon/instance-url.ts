/**
 * What the person types to name their Mastodon server, turned into the origin Tribune talks to.
 *
 * Accepted: "mastodon.social", "https://Mastodon.Social/", "https://mastodon.social/@me",
 * "@me@mastodon.social", "me@mastodon.social". The result is always an origin without a path:
 * "https://mastodon.social". Plain http is refused except for this computer (127.0.0.1,
 * localhost, [::1]), which tests and local servers use.
 */

export class InstanceUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceUrlError';
  }
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for the hosts of this computer, where http is allowed. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

// A DNS name (labels of letters, digits and hyphens; the URL parser already turned IDNs into punycode) or an IP literal.
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function validHostname(hostname: string): boolean {
  if (hostname.startsWith('[') && hostname.endsWith(']')) return true; // IPv6 literal, already checked by URL
  if (IPV4.test(hostname)) return true;
  if (hostname.length > 253) return false;
  return hostname.split('.').every((label) => HOST_LABEL.test(label));
}

export function normalizeInstanceUrl(input: string): string {
  let text = input.trim();
  if (!text) throw new InstanceUrlError('Type the address of your Mastodon server, for example mastodon.social.');
  if (/\s/.test(text)) throw new InstanceUrlError(`"${text}" is not a server address: it contains spaces.`);

  // A handle: @user@server or user@server.
  const handle = /^@?[^@/:]+@([^@/]+)$/.exec(text);
  if (handle) text = handle[1]!;

  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text)) {
      throw new InstanceUrlError(`"${input.trim()}" is not a server address. Type something like mastodon.social.`);
    }
    text = `https://${text}`;
  } else if (scheme !== 'https' && scheme !== 'http') {
    throw new InstanceUrlError(`Mastodon servers are reached over https, not ${scheme}.`);
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InstanceUrlError(`"${input.trim()}" is not a valid server address. Type something like mastodon.social.`);
  }
  if (url.username || url.password) {
    throw new InstanceUrlError('A server address cannot contain a user name or password. Type only the server, for example mastodon.social.');
  }
  const hostname = url.hostname.replace(/\.$/, '').toLowerCase();
  if (!hostname || !validHostname(hostname)) {
    throw new InstanceUrlError(`"${input.trim()}" is not a valid server address. Type something like mastodon.social.`);
  }
  const loopback = isLoopbackHost(hostname);
  if (!loopback && !hostname.includes('.') && !hostname.startsWith('[')) {
    throw new InstanceUrlError(`"${hostname}" is not a complete server address. Type the full name, for example mastodon.social.`);
  }
  if (url.protocol === 'http:' && !loopback) {
    throw new InstanceUrlError(`Tribune only connects to Mastodon servers over https. Use https://${url.host} instead.`);
  }
  const port = url.port ? `:${url.port}` : '';
  return `${url.protocol}//${hostname}${port}`;
}
