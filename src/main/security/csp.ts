/**
 * The Content-Security-Policy every Tribune page is served with, by the desktop
 * shell (app:// protocol) and by the web host alike. Pure: no electron import.
 */

export interface CspOptions {
  /** Extra origins the page may connect to, e.g. the web host's `ws://127.0.0.1:PORT`. */
  connectSrc?: readonly string[];
}

/**
 * A connect-src entry must be one plain origin (scheme://host[:port]). Keywords,
 * wildcards and bare schemes are refused so that a caller cannot widen the policy
 * by accident ("*", "https:", "'unsafe-eval'"), and separators cannot smuggle in a
 * second directive (";" or ",").
 */
const ORIGIN_SOURCE = /^(?:https|wss|http|ws):\/\/(?:\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i;

export function isValidConnectSource(source: string): boolean {
  return ORIGIN_SOURCE.test(source) && !source.includes('*');
}

export function buildCsp(options: CspOptions = {}): string {
  const extras = options.connectSrc ?? [];
  for (const source of extras) {
    if (!isValidConnectSource(source)) {
      throw new Error(`Refusing connect-src entry ${JSON.stringify(source)}: only scheme://host[:port] origins are allowed`);
    }
  }
  const directives: [string, string[]][] = [
    ['default-src', ["'none'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'"]],
    // Remote images (avatars, thumbnails) come through the core's image cache at /remote-image/
    // (same origin); data: is the composer's thumbnails of local media. No remote origin.
    ['img-src', ["'self'", 'data:']],
    ['font-src', ["'self'"]],
    ['connect-src', ["'self'", ...new Set(extras)]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['object-src', ["'none'"]],
  ];
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
