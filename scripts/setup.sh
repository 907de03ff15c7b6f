#!/bin/sh
# `npm run setup`: everything Tribune needs to build and run, from a fresh clone.
# System packages on Debian/Ubuntu (scripts/system-packages.sh), Node >= 22 (taken from the
# npm registry into .tools/node when the machine's is older),
# the npm packages, the Electron binary when it can be downloaded, then a build.
set -e
TRIBUNE_ROOT=$(cd "$(dirname "$0")/.." && pwd); export TRIBUNE_ROOT
cd "$TRIBUNE_ROOT"
# System packages first (Chromium, keychain, CalDAV server... for the tests; see the script).
sh "$TRIBUNE_ROOT/scripts/system-packages.sh"
. "$TRIBUNE_ROOT/scripts/ensure-node.sh"
echo "Using Node $(node --version) ($(command -v node))"
# The Electron binary is fetched separately so that a machine which cannot download it
# still gets everything else (and `npm run web`).
ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund
if [ -z "$CI" ] && [ -z "$TRIBUNE_SKIP_ELECTRON" ]; then
  node node_modules/electron/install.js >/dev/null 2>&1 \
    && echo "Electron binary installed." \
    || echo "The Electron binary could not be downloaded here: use \`npm run web\` to open Tribune in a browser."
fi
node scripts/build.mjs
echo "Tribune is set up. Start it with: npm start   (or in a browser: npm run web)"
