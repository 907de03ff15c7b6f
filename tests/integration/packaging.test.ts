/**
 * Packaging, checked without the Electron binary: electron-builder packs the real
 * build around a stand-in 'electron' file, and the archive's file list is the
 * specification of what ships. Also the fuse hook and `npm start` without Electron.
 */
import { extractFile, listPackage, statFile } from '@electron/asar';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const electronVersion: string = require('electron/package.json').version;
const afterPackHook = require('../../scripts/after-pack.cjs');

const SLOW = 15 * 60_000;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tribune-packaging-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: '1' };
delete env.TRIBUNE_REQUIRE_FUSES;

function run(args: string[], cwd: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = `${result.stdout}\n${result.stderr}`;
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed (${result.status}):\n${output}`);
  return output;
}

function ensureBuilt(): void {
  const outputs = ['dist/desktop/main.cjs', 'dist/desktop/preload.cjs', 'dist/renderer/index.html'];
  if (outputs.every((f) => fs.existsSync(path.join(root, f)))) return;
  run([path.join(root, 'scripts', 'build.mjs')], root);
}

/** A folder electron-builder accepts as an unpacked Electron: an 'electron' file and a 'version' file. */
function standInElectron(): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'electron-dist-'));
  fs.writeFileSync(path.join(dir, 'electron'), '#!/bin/sh\necho stand-in\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'version'), electronVersion);
  return dir;
}

interface Packaged {
  files: string[];
  archive: string;
  unpackedDir: string;
  log: string;
}

function packageLinuxDir(projectDir: string): Packaged {
  const out = fs.mkdtempSync(path.join(tmp, 'release-'));
  const log = run(
    [
      path.join(root, 'node_modules', 'electron-builder', 'cli.js'),
      '--linux',
      'dir',
      '--projectDir',
      projectDir,
      `-c.electronDist=${standInElectron()}`,
      `-c.directories.output=${out}`,
    ],
    projectDir,
  );
  const resources = path.join(out, 'linux-unpacked', 'resources');
  const archive = path.join(resources, 'app.asar');
  const files = listPackage(archive, { isPack: false }).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
  return { files, archive, unpackedDir: path.join(resources, 'app.asar.unpacked'), log };
}

const isFile = (p: Packaged, file: string) => {
  try {
    return 'size' in statFile(p.archive, file);
  } catch {
    return false;
  }
};

describe('the packaged app (real build, stand-in Electron)', () => {
  let pkg: Packaged;

  beforeAll(() => {
    ensureBuilt();
    pkg = packageLinuxDir(root);
  }, SLOW);

  it('holds the main bundle, the preload and the built renderer', () => {
    for (const file of ['package.json', 'dist/desktop/main.cjs', 'dist/desktop/preload.cjs', 'dist/renderer/index.html']) {
      expect(pkg.files, file).toContain(file);
      expect(isFile(pkg, file), `${file} is a file`).toBe(true);
    }
    expect(pkg.files.some((f) => /^dist\/renderer\/assets\/[^/]+\.js$/.test(f))).toBe(true);
  });

  it('starts from the bundled main file', () => {
    const manifest = JSON.parse(extractFile(pkg.archive, 'package.json').toString('utf8')) as { main: string; name: string };
    expect(manifest.main).toBe('dist/desktop/main.cjs');
    expect(pkg.files).toContain(manifest.main);
  });

  it('ships the native modules the main bundle requires, outside the archive', () => {
    expect(pkg.files).toContain('node_modules/better-sqlite3/package.json');
    expect(pkg.files).toContain('node_modules/keytar/package.json');
    const nativeFiles = pkg.files.filter((f) => f.endsWith('.node'));
    expect(nativeFiles).toContain(`node_modules/better-sqlite3/prebuilds/${process.platform}-${process.arch}.node`);
    expect(nativeFiles).toContain('node_modules/keytar/build/Release/keytar.node');
    // sharp (image resizing for the networks' limits) loads its platform's binary and libvips.
    const platform = `${process.platform}-${process.arch}`;
    expect(nativeFiles).toContain(`node_modules/@img/sharp-${platform}/lib/sharp-${platform}.node`);
    const libvips = pkg.files.find((f) => f.startsWith(`node_modules/@img/sharp-libvips-${platform}/lib/libvips`));
    expect(libvips).toBeDefined();
    expect(fs.existsSync(path.join(pkg.unpackedDir, libvips!)), 'libvips is unpacked beside sharp').toBe(true);
    for (const file of nativeFiles) {
      expect(fs.existsSync(path.join(pkg.unpackedDir, file)), `${file} is unpacked`).toBe(true);
    }
  });

  it('leaves out sources, tests, tools, maps and local data', () => {
    const forbidden = pkg.files.filter(
      (f) =>
        /^(src|tests|bench|scripts|\.tools|\.git|release|\.tribune-data)(\/|$)/.test(f) ||
        /\.(ts|tsx|mts|cts|map)$/.test(f) ||
        /(^|\/)\.env/.test(f) ||
        /(^|\/)vault\.key$/.test(f) ||
        /\.sqlite3(-wal|-shm)?$/.test(f),
    );
    expect(forbidden).toEqual([]);
  });

  it('holds every package the main bundle loads at run time', () => {
    const bundle = extractFile(pkg.archive, 'dist/desktop/main.cjs').toString('utf8');
    const loaded = new Set([...bundle.matchAll(/\b(?:require|import)\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((m) => m[1]!));
    const packageName = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
    const external = [...loaded].filter((s) => !s.startsWith('node:') && !builtinModules.includes(s) && s !== 'electron').map(packageName);
    expect(external.length).toBeGreaterThan(0);
    for (const name of external) expect(pkg.files, `${name} is required by main.cjs`).toContain(`node_modules/${name}/package.json`);
  });

  it('leaves out the dependencies that esbuild and Vite already bundled', () => {
    const packages = new Set(pkg.files.filter((f) => f.startsWith('node_modules/')).map((f) => f.split('/').slice(0, 2).join('/')));
    expect([...packages].sort()).toEqual(
      [
        'node_modules/@img',
        'node_modules/better-sqlite3',
        'node_modules/color',
        'node_modules/color-convert',
        'node_modules/color-name',
        'node_modules/color-string',
        'node_modules/detect-libc',
        'node_modules/is-arrayish',
        'node_modules/keytar',
        'node_modules/semver',
        'node_modules/sharp',
        'node_modules/simple-swizzle',
      ].sort(),
    );
  });

  it('says plainly that the stand-in binary got no fuses', () => {
    expect(pkg.log).toMatch(/Electron fuses NOT applied: .*stand-in/);
  });
});

describe('packaging exclusions (decoys planted in a copy of the build)', () => {
  let pkg: Packaged;

  beforeAll(() => {
    ensureBuilt();
    const project = fs.mkdtempSync(path.join(tmp, 'project-'));
    for (const file of ['package.json', 'electron-builder.yml', 'scripts/after-pack.cjs']) {
      fs.mkdirSync(path.dirname(path.join(project, file)), { recursive: true });
      fs.copyFileSync(path.join(root, file), path.join(project, file));
    }
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    for (const part of ['desktop', 'renderer']) {
      fs.cpSync(path.join(root, 'dist', part), path.join(project, 'dist', part), { recursive: true });
    }
    const decoys = [
      '.env',
      'vault.key',
      'tribune.sqlite3',
      'src/main/desktop/main.ts',
      'tests/unit/x.test.ts',
      '.tools/node/bin/node',
      'dist/desktop/main.cjs.map',
      'dist/desktop/vault.key',
      'dist/desktop/.env.local',
      'dist/renderer/assets/index.js.map',
      'dist/renderer/tribune.sqlite3',
      'dist/renderer/tribune.sqlite3-wal',
      'dist/renderer/src/leak.ts',
      'dist/renderer/.tools/x',
    ];
    for (const decoy of decoys) {
      fs.mkdirSync(path.dirname(path.join(project, decoy)), { recursive: true });
      fs.writeFileSync(path.join(project, decoy), 'decoy');
    }
    pkg = packageLinuxDir(project);
  }, SLOW);

  it('still packs the app itself', () => {
    expect(pkg.files).toContain('dist/desktop/main.cjs');
    expect(pkg.files).toContain('dist/renderer/index.html');
  });

  it.each([
    ['a .env file', /(^|\/)\.env/],
    ['vault.key', /vault\.key$/],
    ['a database', /\.sqlite3/],
    ['a source map', /\.map$/],
    ['TypeScript sources', /\.ts$/],
    ['src/', /(^|\/)src\//],
    ['tests/', /^tests\//],
    ['.tools/', /(^|\/)\.tools\//],
  ])('keeps %s out, wherever it sits', (_name, pattern) => {
    expect(pkg.files.filter((f) => pattern.test(f))).toEqual([]);
  });
});

describe('the fuse hook (scripts/after-pack.cjs)', () => {
  const SENTINEL: Buffer = afterPackHook.FUSE_SENTINEL;
  const FUSE_COUNT = 9;
  const ENABLE = 49;
  const DISABLE = 48;

  /** A file shaped like Electron where it matters: padding, the sentinel, version 1, then the wire. */
  function fakeElectron(name: string, paddingBytes: number, initial = ENABLE): string {
    const file = path.join(tmp, name);
    const wire = Buffer.from([1, FUSE_COUNT, ...Array<number>(FUSE_COUNT).fill(initial)]);
    fs.writeFileSync(file, Buffer.concat([Buffer.alloc(paddingBytes, 0x2e), SENTINEL, wire, Buffer.from('trailing bytes')]));
    return file;
  }

  function wireOf(file: string): number[] {
    const bytes = fs.readFileSync(file);
    const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    return [...bytes.subarray(at, at + FUSE_COUNT)];
  }

  it('calls a binary without a fuse wire a stand-in, and does not throw', async () => {
    const file = path.join(tmp, 'stand-in-electron');
    fs.writeFileSync(file, '#!/bin/sh\n');
    const decision = await afterPackHook.decideFuses(file, {});
    expect(decision.action).toBe('stand-in');
    expect(decision.message).toMatch(/fuses NOT applied.*stand-in.*do not ship/);
  });

  it('refuses a stand-in when fuses are required (release builds)', async () => {
    const file = path.join(tmp, 'stand-in-required');
    fs.writeFileSync(file, 'not electron');
    await expect(afterPackHook.decideFuses(file, { TRIBUNE_REQUIRE_FUSES: '1' })).rejects.toThrow(/NOT applied/);
  });

  it('finds the wire of a real binary, even across a read-chunk boundary', async () => {
    expect((await afterPackHook.decideFuses(fakeElectron('electron-small', 100), {})).action).toBe('flip');
    const straddling = fakeElectron('electron-straddling', 4 * 1024 * 1024 - 10);
    expect((await afterPackHook.decideFuses(straddling, {})).action).toBe('flip');
  });

  it('burns exactly Tribune’s fuse settings into the wire', async () => {
    const file = fakeElectron('electron-flip', 1000, ENABLE);
    await afterPackHook.applyFuses(file);
    const wire = wireOf(file);
    expect(wire).toEqual([
      DISABLE, // RunAsNode
      ENABLE, // EnableCookieEncryption
      DISABLE, // EnableNodeOptionsEnvironmentVariable
      DISABLE, // EnableNodeCliInspectArguments
      ENABLE, // EnableEmbeddedAsarIntegrityValidation
      ENABLE, // OnlyLoadAppFromAsar
      ENABLE, // LoadBrowserProcessSpecificV8Snapshot: not ours to set, left as found
      DISABLE, // GrantFileProtocolExtraPrivileges
      ENABLE, // WasmTrapHandlers: left as found
    ]);
  });

  it('runs as electron-builder calls it, flipping the packaged linux binary', async () => {
    const appOutDir = fs.mkdtempSync(path.join(tmp, 'app-out-'));
    fs.copyFileSync(fakeElectron('electron-for-hook', 10, DISABLE), path.join(appOutDir, 'tribune'));
    await afterPackHook({ appOutDir, electronPlatformName: 'linux', arch: 1, packager: { executableName: 'tribune' } });
    expect(wireOf(path.join(appOutDir, 'tribune')).slice(0, 2)).toEqual([DISABLE, ENABLE]);
  });
});

describe('npm start on a machine without the Electron binary', () => {
  it('prints one clear line pointing to the web version and exits 1, before building', () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'no-electron-'));
    const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
      cwd: root,
      env: { ...env, ELECTRON_OVERRIDE_DIST_PATH: empty },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    // No build ran: a build says "Built … in … s" on stdout.
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      'The Electron binary is not installed on this machine (it could not be downloaded). Run `npm run web` to use Tribune in your browser.',
    ]);
  });
});
