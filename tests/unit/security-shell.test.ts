/**
 * The Electron shell's wiring of the security policy: who may talk to the core,
 * where a window may go, what a page may ask for, what app:// serves. Electron is
 * replaced by recorders (its binary cannot run here).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../src/shared/contract';
import type { Core, CoreEventListener } from '../../src/main/core/types';

type Handler = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  openExternal: vi.fn(async (_url: string) => {}),
  privileged: [] as unknown[],
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  shell: { openExternal: electron.openExternal },
  protocol: { registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes) },
}));

const { connectCoreToIpc } = await import('../../src/main/desktop/ipc');
const { guardWebContents, hardenSession } = await import('../../src/main/desktop/hardening');
const { registerAppScheme, serveApp } = await import('../../src/main/desktop/protocol');

function fakeCore() {
  let listener: CoreEventListener = () => {};
  const core = {
    dataDir: '/data',
    handle: vi.fn(async (command: string) => ({ ok: true as const, value: `did ${command}` })),
    subscribe: vi.fn((l: CoreEventListener) => {
      listener = l;
      return () => {
        listener = () => {};
      };
    }),
    close: vi.fn(async () => {}),
  };
  return { core: core as Core & typeof core, emit: (event: Parameters<CoreEventListener>[0], payload: unknown) => listener(event, payload) };
}

let nextContentsId = 1;
function fakeContents(url = 'app://tribune/') {
  const events = new Map<string, Handler>();
  let windowOpenHandler: Handler = () => ({ action: 'allow' });
  return {
    id: nextContentsId++,
    url,
    destroyed: false,
    send: vi.fn(),
    getURL() {
      return this.url;
    },
    isDestroyed() {
      return this.destroyed;
    },
    on(event: string, handler: Handler) {
      events.set(event, handler);
      return this;
    },
    setWindowOpenHandler(handler: Handler) {
      windowOpenHandler = handler;
    },
    emit(event: string, ...args: unknown[]) {
      events.get(event)?.(...args);
    },
    open(url: string) {
      return windowOpenHandler({ url, frameName: '', features: '', disposition: 'new-window' });
    },
  };
}

const mainFrame = (url = 'app://tribune/') => ({ url, parent: null });
const subFrame = (url = 'app://tribune/') => ({ url, parent: mainFrame() });

describe('IPC from the renderer to the core', () => {
  let wiring: ReturnType<typeof fakeCore>;
  let win: ReturnType<typeof fakeContents>;
  let unwire: () => void = () => {};
  const invoke = (sender: unknown, senderFrame: unknown, command: unknown, input: unknown = {}) =>
    electron.handlers.get(IPC_INVOKE_CHANNEL)!({ sender, senderFrame }, command, input);

  beforeEach(() => {
    unwire();
    wiring = fakeCore();
    win = fakeContents();
    unwire = connectCoreToIpc(wiring.core, () => [win as never]);
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });

  it('passes a contract command from the app’s top-level frame to the core', async () => {
    await expect(invoke(win, mainFrame(), 'draft.list', { workspaceId: 'w' })).resolves.toEqual({ ok: true, value: 'did draft.list' });
    expect(wiring.core.handle).toHaveBeenCalledWith('draft.list', { workspaceId: 'w' });
  });

  it.each([
    ['an iframe of the app', () => subFrame()],
    ['a top-level frame showing another site', () => mainFrame('https://bsky.app/')],
    ['a file:// page', () => mainFrame('file:///etc/passwd')],
    ['a frame that is gone', () => null],
  ])('refuses %s without reaching the core', async (_name, frame) => {
    await expect(invoke(win, frame(), 'app.info')).rejects.toThrow(/Refused/);
    expect(wiring.core.handle).not.toHaveBeenCalled();
  });

  it('refuses a webContents that is not one of the app’s windows', async () => {
    const stranger = fakeContents();
    await expect(invoke(stranger, mainFrame(), 'app.info')).rejects.toThrow(/Refused/);
    expect(wiring.core.handle).not.toHaveBeenCalled();
  });

  it('answers an unknown command with a typed failure, without reaching the core', async () => {
    await expect(invoke(win, mainFrame(), 'fs.readFile')).resolves.toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    await expect(invoke(win, mainFrame(), '__proto__')).resolves.toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    expect(wiring.core.handle).not.toHaveBeenCalled();
  });

  it('forwards core events to the app windows as { event, payload }', () => {
    wiring.emit('drafts.changed', { workspaceId: 'w' });
    expect(win.send).toHaveBeenCalledWith(IPC_EVENT_CHANNEL, { event: 'drafts.changed', payload: { workspaceId: 'w' } });
  });

  it('does not send events to a closed window or to a page that is not the app', () => {
    win.destroyed = true;
    wiring.emit('workspaces.changed', {});
    win.destroyed = false;
    win.url = 'https://evil.example/';
    wiring.emit('workspaces.changed', {});
    expect(win.send).not.toHaveBeenCalled();
  });

  it('unwires completely', () => {
    unwire();
    expect(electron.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    wiring.emit('workspaces.changed', {});
    expect(win.send).not.toHaveBeenCalled();
    unwire = () => {};
  });

  afterAll(() => unwire());
});

describe('navigation and new windows', () => {
  let contents: ReturnType<typeof fakeContents>;
  const navigate = (name: string, params: Record<string, unknown>) => {
    const event = { preventDefault: vi.fn(), isSameDocument: false, isMainFrame: true, ...params };
    contents.emit(name, event);
    return event.preventDefault;
  };

  beforeEach(() => {
    electron.openExternal.mockClear();
    contents = fakeContents();
    guardWebContents(contents as never, () => new Set(['social.example']));
  });

  it('keeps the window on the app and opens allowed links in the browser', () => {
    expect(navigate('will-navigate', { url: 'https://bsky.app/profile/a' })).toHaveBeenCalled();
    expect(electron.openExternal).toHaveBeenCalledWith('https://bsky.app/profile/a');
  });

  it("opens the person's own instance in the browser", () => {
    navigate('will-navigate', { url: 'https://social.example/@alice' });
    expect(electron.openExternal).toHaveBeenCalledWith('https://social.example/@alice');
  });

  it.each(['https://evil.example/', 'http://bsky.app/', 'file:///etc/passwd', 'app://tribune/other.html'])('blocks %s and opens nothing', (url) => {
    expect(navigate('will-navigate', { url })).toHaveBeenCalled();
    expect(electron.openExternal).not.toHaveBeenCalled();
  });

  it('lets a hash change within the app through', () => {
    expect(navigate('will-navigate', { url: 'app://tribune/#/drafts', isSameDocument: true })).not.toHaveBeenCalled();
  });

  it('blocks every redirect and every subframe navigation', () => {
    expect(navigate('will-redirect', { url: 'app://tribune/' })).toHaveBeenCalled();
    expect(navigate('will-frame-navigate', { url: 'app://tribune/', isMainFrame: false })).toHaveBeenCalled();
  });

  it('never opens a new window; allowed links go to the browser instead', () => {
    expect(contents.open('https://bsky.app/')).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledWith('https://bsky.app/');
    expect(contents.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses to attach a webview', () => {
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('session permissions', () => {
  const session = {
    request: undefined as Handler | undefined,
    check: undefined as Handler | undefined,
    device: undefined as Handler | undefined,
    download: undefined as Handler | undefined,
    setPermissionRequestHandler(h: Handler) {
      this.request = h;
    },
    setPermissionCheckHandler(h: Handler) {
      this.check = h;
    },
    setDevicePermissionHandler(h: Handler) {
      this.device = h;
    },
    on(event: string, h: Handler) {
      if (event === 'will-download') this.download = h;
    },
  };
  hardenSession(session as never);

  const request = (permission: string, requestingUrl = 'app://tribune/', isMainFrame = true) => {
    let granted: boolean | undefined;
    session.request!({}, permission, (g: boolean) => (granted = g), { requestingUrl, isMainFrame });
    return granted;
  };

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'usb', 'fullscreen'])('denies %s', (permission) => {
    expect(request(permission)).toBe(false);
    expect(session.check!({}, permission, 'app://tribune', { isMainFrame: true, requestingUrl: 'app://tribune/' })).toBe(false);
  });

  it('grants clipboard writing to the app page only', () => {
    expect(request('clipboard-sanitized-write')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(session.check!({}, 'clipboard-sanitized-write', 'app://tribune', { isMainFrame: true })).toBe(true);
    expect(session.check!({}, 'clipboard-sanitized-write', 'https://evil.example', { isMainFrame: true })).toBe(false);
  });

  it('denies devices and downloads', () => {
    expect(session.device!({ deviceType: 'usb', origin: 'app://tribune' })).toBe(false);
    const event = { preventDefault: vi.fn() };
    session.download!(event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('the app:// protocol', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-protocol-'));
  fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>Tribune</title>');
  fs.writeFileSync(path.join(root, 'renderer', 'assets', 'app-1.js'), 'export {}');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'secret');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  let handler: Handler | undefined;
  serveApp({ protocol: { handle: (scheme: string, h: Handler) => scheme === 'app' && (handler = h) } } as never, path.join(root, 'renderer'));
  const get = (url: string, method = 'GET') => handler!({ url, method }) as Promise<Response>;

  it('registers app as a standard, secure scheme without bypassing the CSP', () => {
    registerAppScheme();
    expect(electron.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
    expect(JSON.stringify(electron.privileged)).not.toMatch(/bypassCSP|corsEnabled|allowServiceWorkers/);
  });

  it('serves the page with its CSP and type', async () => {
    const response = await get('app://tribune/');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Tribune</title>');
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets with the CSP too', async () => {
    const response = await get('app://tribune/assets/app-1.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
  });

  it('answers 404, with the CSP, for anything outside the renderer folder', async () => {
    for (const url of ['app://tribune/../secret.txt', 'app://tribune/..%2fsecret.txt', 'app://tribune/missing.js', 'app://other/index.html']) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text()).not.toContain('secret');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
  });

  it('only answers reads', async () => {
    expect((await get('app://tribune/', 'POST')).status).toBe(405);
    const head = await get('app://tribune/', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
