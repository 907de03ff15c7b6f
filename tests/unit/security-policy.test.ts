import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  decideNavigation,
  decidePermission,
  instanceHostsOf,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  resolveAppPath,
  toAllowedExternalUrl,
} from '../../src/main/security/policy';

describe('app URLs', () => {
  it('recognises the app origin and its pages', () => {
    expect(APP_ORIGIN).toBe('app://tribune');
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://tribune/assets/index-abc.js')).toBe(true);
    expect(isAppUrl('app://tribune')).toBe(true);
  });

  it.each([
    'app://evil/',
    'app://tribune.evil.com/',
    'app://tribune:8080/',
    'app://user@tribune/',
    'app://user:pw@tribune/',
    'file:///app/tribune/index.html',
    'http://tribune/',
    'https://tribune/',
    'apps://tribune/',
    'javascript:alert(1)',
    'about:blank',
    'data:text/html,<p>hi</p>',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl({ toString: () => APP_ENTRY_URL })).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts only the top-level frame of an app page', () => {
    expect(isTrustedSender('app://tribune/', true)).toBe(true);
    expect(isTrustedSender('app://tribune/index.html', true)).toBe(true);
  });

  it('refuses an iframe even of the app itself', () => {
    expect(isTrustedSender('app://tribune/', false)).toBe(false);
  });

  it('refuses a top-level frame that left the app', () => {
    expect(isTrustedSender('https://bsky.app/', true)).toBe(false);
    expect(isTrustedSender('file:///etc/passwd', true)).toBe(false);
    expect(isTrustedSender('about:blank', true)).toBe(false);
    expect(isTrustedSender('', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
  });
});

describe('external links', () => {
  it.each(['https://bsky.app/profile/alice.bsky.social', 'https://joinmastodon.org/', 'https://docs.joinmastodon.org/client/intro/', 'https://BSKY.APP/x'])(
    'opens the networks’ own sites: %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true);
    },
  );

  it('hands over the normalised URL, not the raw string', () => {
    expect(toAllowedExternalUrl('https://BSKY.app/profile/a?x=1#y')).toBe('https://bsky.app/profile/a?x=1#y');
    expect(toAllowedExternalUrl('https://bsky.app:443/')).toBe('https://bsky.app/');
  });

  it.each([
    ['a look-alike subdomain', 'https://bsky.app.evil.com/'],
    ['a suffix match', 'https://evilbsky.app/'],
    ['a subdomain of an allowed host', 'https://evil.bsky.app/'],
    ['userinfo that looks like the host', 'https://bsky.app@evil.com/'],
    ['userinfo with a password', 'https://bsky.app:pw@evil.com/'],
    ['credentials on an allowed host', 'https://user:pw@bsky.app/'],
    ['a username on an allowed host', 'https://user@bsky.app/'],
    ['plain http', 'http://bsky.app/'],
    ['a non-default port', 'https://bsky.app:8443/'],
    ['a trailing dot', 'https://bsky.app./'],
    ['a Cyrillic homograph', 'https://bѕky.app/'],
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with an allowed host in it', 'javascript://bsky.app/%0aalert(1)'],
    ['data:', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=='],
    ['file:', 'file:///etc/passwd'],
    ['a custom scheme', 'ms-msdt:/id PCWDiagnostic'],
    ['the app scheme', 'app://tribune/'],
    ['smb', 'smb://bsky.app/share'],
    ['a backslash trick', 'https://evil.com\\@bsky.app/'],
    ['a backslash after the host', 'https://bsky.app\\@evil.com/'],
    ['a newline inside the host', 'https://bsky.app\n.evil.com/'],
    ['a tab inside the scheme', 'ht\ttps://bsky.app/'],
    ['leading whitespace', ' https://bsky.app/'],
    ['a zero-width space', 'https://bsky\u200b.app/'],
    ['an IP address', 'https://127.0.0.1/'],
    ['a protocol-relative URL', '//bsky.app/'],
    ['an empty string', ''],
    ['a huge URL', `https://bsky.app/${'a'.repeat(3000)}`],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses values that are not strings', () => {
    expect(isAllowedExternalUrl(undefined)).toBe(false);
    expect(isAllowedExternalUrl(new URL('https://bsky.app/'))).toBe(false);
  });

  it("opens the person's own instances, and only exactly those hosts", () => {
    const mine = new Set(['social.example', 'Masto.Example.org', 'odd.example:8443']);
    expect(isAllowedExternalUrl('https://social.example/@alice', mine)).toBe(true);
    expect(isAllowedExternalUrl('https://masto.example.org/', mine)).toBe(true);
    expect(isAllowedExternalUrl('https://odd.example:8443/', mine)).toBe(true);
    expect(isAllowedExternalUrl('https://odd.example/', mine)).toBe(false);
    expect(isAllowedExternalUrl('http://social.example/', mine)).toBe(false);
    expect(isAllowedExternalUrl('https://evil.social.example/', mine)).toBe(false);
    expect(isAllowedExternalUrl('https://social.example.evil.com/', mine)).toBe(false);
    expect(isAllowedExternalUrl('https://social.example/', new Set())).toBe(false);
  });
});

describe('navigation guard', () => {
  it('never lets the window leave the app, even for its own pages', () => {
    expect(decideNavigation('app://tribune/')).toEqual({ action: 'deny' });
    expect(decideNavigation('app://tribune/other.html')).toEqual({ action: 'deny' });
  });

  it('lets the renderer change the hash of its own page (same-document)', () => {
    expect(decideNavigation('app://tribune/#/drafts', undefined, { sameDocument: true })).toEqual({ action: 'allow' });
  });

  it('does not treat a same-document flag as a pass for other origins', () => {
    expect(decideNavigation('https://evil.com/#x', undefined, { sameDocument: true })).toEqual({ action: 'deny' });
    expect(decideNavigation('file:///etc/passwd', undefined, { sameDocument: true })).toEqual({ action: 'deny' });
    expect(decideNavigation('https://bsky.app/#x', undefined, { sameDocument: true })).toEqual({
      action: 'deny-and-open-externally',
      url: 'https://bsky.app/#x',
    });
  });

  it('sends allowed https links to the system browser instead', () => {
    expect(decideNavigation('https://bsky.app/profile/x')).toEqual({ action: 'deny-and-open-externally', url: 'https://bsky.app/profile/x' });
    expect(decideNavigation('https://social.example/@a', new Set(['social.example']))).toEqual({
      action: 'deny-and-open-externally',
      url: 'https://social.example/@a',
    });
  });

  it.each(['https://evil.com/', 'http://bsky.app/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank', 'chrome://gpu', 'devtools://devtools/'])(
    'denies %s without opening anything',
    (url) => {
      expect(decideNavigation(url)).toEqual({ action: 'deny' });
    },
  );
});

describe('permissions', () => {
  it('lets the app page write text to the clipboard', () => {
    expect(decidePermission('clipboard-sanitized-write', 'app://tribune/', true)).toBe(true);
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'unknown'])(
    'refuses %s even to the app page',
    (permission) => {
      expect(decidePermission(permission, 'app://tribune/', true)).toBe(false);
    },
  );

  it('refuses the clipboard to iframes and to other origins', () => {
    expect(decidePermission('clipboard-sanitized-write', 'app://tribune/', false)).toBe(false);
    expect(decidePermission('clipboard-sanitized-write', 'https://bsky.app/', true)).toBe(false);
  });
});

describe('instance hosts from accounts', () => {
  it('takes the server of Mastodon handles only', () => {
    const hosts = instanceHostsOf([
      { network: 'mastodon', handle: '@alice@Social.Example' },
      { network: 'mastodon', handle: 'bob@masto.example.org' },
      { network: 'bluesky', handle: 'carol.bsky.social' },
      { network: 'bluesky', handle: 'dave@evil.example' },
    ]);
    expect([...hosts].sort()).toEqual(['masto.example.org', 'social.example']);
  });

  it('ignores handles whose server part is not a plain host', () => {
    const hosts = instanceHostsOf([
      { network: 'mastodon', handle: 'alice' },
      { network: 'mastodon', handle: '@alice' },
      { network: 'mastodon', handle: 'a@localhost' },
      { network: 'mastodon', handle: 'a@evil.com/path' },
      { network: 'mastodon', handle: 'a@user:pw@evil.com' },
      { network: 'mastodon', handle: 'a@' },
      { network: 'mastodon', handle: 'a@ex ample.com' },
    ]);
    expect([...hosts]).toEqual([]);
  });

  it('adds the host an account was connected at, when its handle domain is another one', () => {
    const hosts = instanceHostsOf([
      { network: 'mastodon', handle: 'alice@example.org', serviceUrl: 'https://social.example.org' },
      { network: 'mastodon', handle: 'bob@plain.example', serviceUrl: 'http://plain.example' },
      { network: 'mastodon', handle: 'eve@x.example', serviceUrl: 'https://user:pw@evil.example' },
      { network: 'bluesky', handle: 'carol.bsky.social', serviceUrl: 'https://pds.example' },
    ]);
    expect([...hosts].sort()).toEqual(['example.org', 'plain.example', 'social.example.org', 'x.example']);
  });
});

describe('app protocol path guard', () => {
  let root: string;
  let outside: string;

  beforeAll(() => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-pathguard-'));
    root = path.join(base, 'renderer');
    outside = path.join(base, 'secret');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html>');
    fs.writeFileSync(path.join(root, 'assets', 'index-Ab_c-12.js'), 'console.log(1)');
    fs.writeFileSync(path.join(root, 'assets', 'font@2x.woff2'), '');
    fs.writeFileSync(path.join(root, '.env'), 'TOKEN=x');
    fs.writeFileSync(path.join(outside, 'vault.key'), 'k');
    fs.mkdirSync(path.join(root, 'folder'));
    fs.symlinkSync(path.join(outside, 'vault.key'), path.join(root, 'assets', 'link.js'));
    fs.symlinkSync(outside, path.join(root, 'escape'));
    fs.symlinkSync(path.join(root, 'index.html'), path.join(root, 'assets', 'inside-link.html'));
  });

  afterAll(() => {
    fs.rmSync(path.dirname(root), { recursive: true, force: true });
  });

  const real = (...parts: string[]) => fs.realpathSync(path.join(root, ...parts));

  it('serves index.html for the root', () => {
    expect(resolveAppPath(root, 'app://tribune/')).toBe(real('index.html'));
    expect(resolveAppPath(root, 'app://tribune')).toBe(real('index.html'));
    expect(resolveAppPath(root, 'app://tribune/?q=1#/drafts')).toBe(real('index.html'));
  });

  it('serves real files under the root', () => {
    expect(resolveAppPath(root, 'app://tribune/index.html')).toBe(real('index.html'));
    expect(resolveAppPath(root, 'app://tribune/assets/index-Ab_c-12.js')).toBe(real('assets', 'index-Ab_c-12.js'));
    expect(resolveAppPath(root, 'app://tribune/assets/font%402x.woff2')).toBe(real('assets', 'font@2x.woff2'));
  });

  it("resolves the web host's http://127.0.0.1 URLs the same way (the host checks the origin)", () => {
    expect(resolveAppPath(root, 'http://127.0.0.1:41234/')).toBe(real('index.html'));
    expect(resolveAppPath(root, 'http://127.0.0.1:41234/assets/index-Ab_c-12.js')).toBe(real('assets', 'index-Ab_c-12.js'));
    expect(resolveAppPath(root, 'http://127.0.0.1:41234/assets/..%2f..%2fsecret/vault.key')).toBeNull();
    expect(resolveAppPath(root, 'http://127.0.0.1:41234/%2e%2e/%2e%2e/secret/vault.key')).toBeNull();
    expect(resolveAppPath(root, 'http://127.0.0.1:41234/assets%5c..%5c..%5csecret%5cvault.key')).toBeNull();
    expect(resolveAppPath(root, 'http://127.0.0.1:41234/.env')).toBeNull();
  });

  it('follows a symbolic link that stays inside the root', () => {
    expect(resolveAppPath(root, 'app://tribune/assets/inside-link.html')).toBe(real('index.html'));
  });

  it('returns null for unknown paths and folders (no SPA fallback)', () => {
    expect(resolveAppPath(root, 'app://tribune/drafts/123')).toBeNull();
    expect(resolveAppPath(root, 'app://tribune/assets')).toBeNull();
    expect(resolveAppPath(root, 'app://tribune/assets/')).toBeNull();
    expect(resolveAppPath(root, 'app://tribune/folder')).toBeNull();
  });

  it.each([
    ['plain dot-dot', 'app://tribune/../secret/vault.key'],
    ['dot-dot in the middle', 'app://tribune/assets/../../secret/vault.key'],
    ['encoded dots', 'app://tribune/%2e%2e/secret/vault.key'],
    ['upper-case encoded dots', 'app://tribune/%2E%2E/%2E%2E/secret/vault.key'],
    ['an encoded slash', 'app://tribune/assets/..%2f..%2fsecret/vault.key'],
    ['an encoded slash and dots', 'app://tribune/%2e%2e%2fsecret%2fvault.key'],
    ['double-encoded dots', 'app://tribune/%252e%252e/secret/vault.key'],
    ['a backslash', 'app://tribune/assets\\..\\..\\secret\\vault.key'],
    ['an encoded backslash', 'app://tribune/assets%5c..%5c..%5csecret%5cvault.key'],
    ['a NUL byte', 'app://tribune/index.html%00.js'],
    ['a trailing NUL', 'app://tribune/index.html%00'],
    ['an absolute path', 'app://tribune//etc/passwd'],
    ['an encoded absolute path', 'app://tribune/%2fetc%2fpasswd'],
    ['a drive letter', 'app://tribune/C:/Windows/win.ini'],
    ['a hidden file', 'app://tribune/.env'],
    ['a single dot segment', 'app://tribune/./index.html%2f.'],
    ['fullwidth dots', 'app://tribune/%EF%BC%8E%EF%BC%8E/secret/vault.key'],
    ['a unicode one-dot leader', 'app://tribune/%E2%80%A5/secret/vault.key'],
    ['overlong UTF-8 dots', 'app://tribune/%C0%AE%C0%AE/secret/vault.key'],
    ['a malformed escape', 'app://tribune/%E0%A4%A'],
    ['a symbolic link to a file outside', 'app://tribune/assets/link.js'],
    ['a symbolic link to a folder outside', 'app://tribune/escape/vault.key'],
    ['userinfo', 'app://x@tribune/index.html'],
    ['userinfo over http', 'http://x:y@127.0.0.1:4000/index.html'],
    ['the data scheme', 'data:text/html,hi'],
    ['a custom scheme', 'evil://tribune/index.html'],
    ['the file scheme', 'file:///etc/passwd'],
    ['a non-string', undefined],
  ])('refuses %s', (_name, url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('refuses everything when the root does not exist', () => {
    expect(resolveAppPath(path.join(root, 'missing'), 'app://tribune/')).toBeNull();
  });
});
