#!/bin/sh
# `npm test`: typecheck, lint, layering, build, then unit + integration (vitest) and
# end-to-end (Playwright in Debian's Chromium), inside a throwaway D-Bus session with a
# real, unlocked gnome-keyring so the vault meets a real Secret Service.
set -e
TRIBUNE_ROOT=$(cd "$(dirname "$0")/.." && pwd); export TRIBUNE_ROOT
cd "$TRIBUNE_ROOT"
. "$TRIBUNE_ROOT/scripts/ensure-node.sh"
PATH="$TRIBUNE_ROOT/node_modules/.bin:$PATH"; export PATH
step() { printf '\n== %s\n' "$1"; }
step "typecheck"; tsc --noEmit -p tsconfig.json
step "lint"; eslint --max-warnings 0 .
step "layering"; node scripts/layering.mjs
step "build"; node scripts/build.mjs
step "unit, integration and end-to-end tests"
sh scripts/with-keyring.sh sh -c 'vitest run && playwright test'
