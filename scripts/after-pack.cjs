// electron-builder afterPack hook: burns Tribune's Electron fuses into the packaged
// binary (before signing, which electron-builder does next).
//
// Why a hook and not electron-builder's `electronFuses` option: on machines where the
// Electron binary cannot be downloaded the build runs against a stand-in file with
// no fuse wire, and the built-in option would crash. Here that case is a decision of
// its own: a binary without the fuse sentinel is reported as a stand-in and skipped
// (the package is NOT shippable), or refused outright when TRIBUNE_REQUIRE_FUSES=1
// (set it in release pipelines). After a flip the wire is read back and checked.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this hook as CommonJS */

const fs = require('node:fs/promises');
const path = require('node:path');

// The marker Electron puts in front of its fuse wire (FUSE_SENTINEL in electron/fuses.json5,
// also @electron/fuses' SENTINEL, which that package does not export).
const FUSE_SENTINEL = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');

/** Tribune's fuse settings, by @electron/fuses FuseV1Options name. */
const FUSE_SETTINGS = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

const ARCH_ARM64 = 3; // builder-util Arch enum
const ARCH_UNIVERSAL = 4;

/** Where electron-builder put the Electron executable for this platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'linux') return path.join(appOutDir, packager.executableName);
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, `${name}.app`);
}

/** Streams through the file: a real Electron is 150+ MB. */
async function containsFuseSentinel(file) {
  const handle = await fs.open(file, 'r');
  try {
    const chunkSize = 4 * 1024 * 1024;
    const overlap = FUSE_SENTINEL.length - 1;
    const buffer = Buffer.alloc(chunkSize + overlap);
    let position = 0;
    let carried = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, chunkSize, position);
      if (bytesRead === 0) return false;
      const filled = carried + bytesRead;
      if (buffer.subarray(0, filled).indexOf(FUSE_SENTINEL) !== -1) return true;
      position += bytesRead;
      carried = Math.min(overlap, filled);
      buffer.copy(buffer, 0, filled - carried, filled);
    }
  } finally {
    await handle.close();
  }
}

/**
 * What to do with the binary at `binaryPath` (for macOS, the .app): 'flip' for a real
 * Electron, 'stand-in' (with the sentence to print) for a file without a fuse wire.
 * Throws when fuses are required (`env.TRIBUNE_REQUIRE_FUSES === '1'`) and cannot be set.
 */
async function decideFuses(binaryPath, env = process.env) {
  const { pathToFuseFile } = await import('@electron/fuses');
  const fuseFile = pathToFuseFile(binaryPath);
  if (await containsFuseSentinel(fuseFile)) return { action: 'flip', fuseFile };
  const message =
    `Electron fuses NOT applied: ${fuseFile} has no fuse wire, so it is a stand-in, not a real Electron binary. ` +
    'This package is only good for checking its contents; do not ship it.';
  if (env.TRIBUNE_REQUIRE_FUSES === '1') throw new Error(`${message} (TRIBUNE_REQUIRE_FUSES=1)`);
  return { action: 'stand-in', fuseFile, message };
}

/** Flips the fuses, then reads the wire back: a fuse left in another state fails the build. */
async function applyFuses(binaryPath, { resetAdHocDarwinSignature = false } = {}) {
  const { flipFuses, getCurrentFuseWire, FuseV1Options, FuseVersion, FuseState } = await import('@electron/fuses');
  const config = { version: FuseVersion.V1, resetAdHocDarwinSignature };
  for (const [name, enabled] of Object.entries(FUSE_SETTINGS)) config[FuseV1Options[name]] = enabled;
  await flipFuses(binaryPath, config);
  const wire = await getCurrentFuseWire(binaryPath);
  const wrong = Object.entries(FUSE_SETTINGS).filter(
    ([name, enabled]) => wire[FuseV1Options[name]] !== (enabled ? FuseState.ENABLE : FuseState.DISABLE),
  );
  if (wrong.length > 0) throw new Error(`Electron fuses did not take: ${wrong.map(([name]) => name).join(', ')}`);
}

async function afterPack(context) {
  const binaryPath = electronBinaryPath(context);
  const decision = await decideFuses(binaryPath);
  if (decision.action === 'stand-in') {
    console.warn(`[tribune after-pack] ${decision.message}`);
    return;
  }
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Flipping invalidates the ad-hoc signature Apple Silicon requires to launch at all.
  await applyFuses(binaryPath, { resetAdHocDarwinSignature: isMac && (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL) });
  console.log(`[tribune after-pack] Electron fuses applied to ${decision.fuseFile}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSE_SETTINGS = FUSE_SETTINGS;
module.exports.FUSE_SENTINEL = FUSE_SENTINEL;
module.exports.decideFuses = decideFuses;
module.exports.applyFuses = applyFuses;
module.exports.electronBinaryPath = electronBinaryPath;
