/**
 * Network text is untrusted: the only links a card makes are http(s) addresses, opened in the
 * system browser; mentions and hashtags open in Tribune. Pure, no React.
 */

/** The address when it is an absolute http(s) URL, normalised by the URL parser; otherwise null. */
export function safeHref(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname) return null;
  // Credentials in a link are a phishing trick: refuse them.
  if (url.username || url.password) return null;
  return url.href;
}

/** What a link shows: the host and path without the scheme, cut at `max` characters. */
export function linkLabel(href: string, max = 40): string {
  const bare = href.replace(/^https?:\/\//, '').replace(/\/$/, '');
  return bare.length > max ? `${bare.slice(0, max - 1)}…` : bare;
}

/** "#PortLumiere" -> "portlumiere": the tag a search column looks for. */
export function normaliseTag(tag: string): string {
  return tag.replace(/^#/, '').normalize('NFC').toLowerCase();
}

/** "@alice.example" from a handle with or without its "@". */
export function atHandle(handle: string): string {
  return handle.startsWith('@') ? handle : `@${handle}`;
}

/** Long names from hostile servers are cut (the card stays readable; the full name is in the tooltip). */
export function clampText(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}
