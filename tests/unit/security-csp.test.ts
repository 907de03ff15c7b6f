import { describe, expect, it } from 'vitest';
import { buildCsp } from '../../src/main/security/csp';
import { appResponseHeaders, contentTypeFor } from '../../src/main/security/headers';

/** Parses "a x y; b z" into { a: ['x', 'y'], b: ['z'] }, failing on a repeated directive. */
function directives(csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of csp.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(out[name], `directive ${name} appears twice`).toBeUndefined();
    out[name] = sources;
  }
  return out;
}

describe('Content-Security-Policy', () => {
  const csp = buildCsp();
  const d = directives(csp);

  it('denies everything not listed', () => {
    expect(d['default-src']).toEqual(["'none'"]);
  });

  it('runs only the app’s own scripts and styles', () => {
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['style-src']).toEqual(["'self'"]);
    expect(d['font-src']).toEqual(["'self'"]);
  });

  it('never allows inline code, eval or wildcards', () => {
    expect(csp).not.toMatch(/unsafe-/);
    expect(csp).not.toMatch(/'wasm-unsafe-eval'|'strict-dynamic'/);
    for (const sources of Object.values(d)) expect(sources).not.toContain('*');
  });

  it('forbids plugins, framing, <base> and form posts', () => {
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
  });

  it('shows images only from the app itself (the core\'s image cache) and the composer\'s data: thumbnails', () => {
    expect(d['img-src']).toEqual(["'self'", 'data:']);
    for (const remote of ['https:', 'http:', 'blob:']) expect(d['img-src']).not.toContain(remote);
  });

  it('connects only to itself unless told otherwise', () => {
    expect(d['connect-src']).toEqual(["'self'"]);
  });

  it('adds the web host’s websocket to connect-src and nowhere else', () => {
    const web = directives(buildCsp({ connectSrc: ['ws://127.0.0.1:48123'] }));
    expect(web['connect-src']).toEqual(["'self'", 'ws://127.0.0.1:48123']);
    expect(web['script-src']).toEqual(["'self'"]);
    expect(web['default-src']).toEqual(["'none'"]);
  });

  it('accepts IPv6 loopback and lists a repeated origin once', () => {
    const web = directives(buildCsp({ connectSrc: ['ws://[::1]:5000', 'ws://[::1]:5000'] }));
    expect(web['connect-src']).toEqual(["'self'", 'ws://[::1]:5000']);
  });

  it.each([
    ['a wildcard', '*'],
    ['a host wildcard', 'ws://*.example.com'],
    ['a bare scheme', 'https:'],
    ['a keyword', "'unsafe-eval'"],
    ['an injected directive', "ws://127.0.0.1:1; script-src 'unsafe-inline'"],
    ['a second source', 'ws://127.0.0.1:1 https://evil.com'],
    ['a comma', 'ws://127.0.0.1:1,script-src'],
    ['a path', 'https://evil.com/x'],
    ['data:', 'data:'],
    ['javascript:', 'javascript:alert(1)'],
    ['an empty string', ''],
  ])('refuses %s in connect-src', (_name, source) => {
    expect(() => buildCsp({ connectSrc: [source] })).toThrow(/connect-src/);
  });
});

describe('response headers for app files', () => {
  it('sends the CSP and forbids MIME sniffing on every file', () => {
    const csp = buildCsp();
    for (const file of ['/r/index.html', '/r/assets/a.js', '/r/assets/a.css', '/r/unknown.bin']) {
      const h = appResponseHeaders(file, csp);
      expect(h['Content-Security-Policy']).toBe(csp);
      expect(h['X-Content-Type-Options']).toBe('nosniff');
      expect(h['Referrer-Policy']).toBe('no-referrer');
    }
  });

  it.each([
    ['/r/index.html', 'text/html; charset=utf-8'],
    ['/r/assets/index-AB12.js', 'text/javascript; charset=utf-8'],
    ['/r/assets/x.CSS', 'text/css; charset=utf-8'],
    ['/r/assets/font.woff2', 'font/woff2'],
    ['/r/logo.svg', 'image/svg+xml'],
    ['/r/archive.tar.gz', 'application/octet-stream'],
    ['/r/no-extension', 'application/octet-stream'],
    ['/r/dir.js/file', 'application/octet-stream'],
  ])('types %s as %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});
