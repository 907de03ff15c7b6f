// Builds everything into dist/: the renderer (Vite), the Electron main and preload,
// and the web host (esbuild). `node scripts/build.mjs [--only web|desktop|renderer]`.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
const want = (part) => !only || only === part;
const define = { __TRIBUNE_VERSION__: JSON.stringify(pkg.version) };
const nodeCommon = { bundle: true, platform: 'node', target: 'node22', sourcemap: false, define, logLevel: 'warning', absWorkingDir: root };
const started = Date.now();
// ws (Mastodon streaming) tries two optional native add-ons and falls back to plain JavaScript when
// they are missing: the desktop bundle answers them with a module that throws, so ws takes its
// fallback and the package needs no native module it does not ship.
const leaveOutOptionalAddons = {
  name: 'leave-out-optional-addons',
  setup(b) {
    b.onResolve({ filter: /^(bufferutil|utf-8-validate)$/ }, (args) => ({ path: args.path, namespace: 'left-out' }));
    b.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({ contents: `throw new Error(${JSON.stringify(`${args.path} is left out of the package`)});`, loader: 'js' }));
  },
};

if (want('renderer')) {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
if (want('desktop')) {
  await esbuild({
    ...nodeCommon,
    entryPoints: ['src/main/desktop/main.ts'],
    outfile: 'dist/desktop/main.cjs',
    format: 'cjs',
    // Native modules (and sharp, which finds its platform binary at run time) stay outside the bundle.
    external: ['electron', 'better-sqlite3', 'keytar', 'sharp'],
    plugins: [leaveOutOptionalAddons],
  });
  // A sandboxed preload can only require('electron'): everything else is bundled in.
  await esbuild({
    ...nodeCommon,
    entryPoints: ['src/main/desktop/preload.ts'],
    outfile: 'dist/desktop/preload.cjs',
    format: 'cjs',
    external: ['electron'],
  });
}
if (want('web')) {
  await esbuild({
    ...nodeCommon,
    entryPoints: ['src/main/web/cli.ts'],
    outfile: 'dist/web/host.mjs',
    format: 'esm',
    external: ['better-sqlite3', 'keytar', 'sharp', 'ws', 'zod'],
    banner: { js: "import { createRequire as __tribuneRequire } from 'node:module'; const require = __tribuneRequire(import.meta.url);" },
  });
}
process.stdout.write(`Built ${only ?? 'everything'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
