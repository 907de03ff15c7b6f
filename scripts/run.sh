#!/bin/sh
# Runs a command with Node >= 22 first on PATH (see ensure-node.sh).
TRIBUNE_ROOT=$(cd "$(dirname "$0")/.." && pwd); export TRIBUNE_ROOT
. "$TRIBUNE_ROOT/scripts/ensure-node.sh" || exit 1
PATH="$TRIBUNE_ROOT/node_modules/.bin:$PATH"; export PATH
exec "$@"
