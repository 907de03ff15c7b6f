#!/bin/sh
# Part of `npm run setup`: the system packages Tribune's tests and desktop app need, installed
# when missing on Debian and Ubuntu (with sudo when not root), each with the reason it is needed.
# Elsewhere it only says what to install. TRIBUNE_SKIP_SYSTEM_PACKAGES=1 skips this step.
# Usage: sh scripts/system-packages.sh
set -e
[ -n "$TRIBUNE_SKIP_SYSTEM_PACKAGES" ] && exit 0

# package|why (one per line)
NEEDS='chromium|the end-to-end tests drive the real interface in Chromium
fonts-noto-color-emoji|emoji in posts render in Chromium
libsecret-1-dev|the keychain module (keytar) is built against libsecret
gnome-keyring|the tests use a real, throwaway system keychain
dbus-x11|the throwaway keychain runs on its own D-Bus session
postgresql|the local Bluesky network falls back on it when its bundled database cannot run
radicale|the team calendar is synchronized with a local CalDAV server in the tests
xvfb|Chromium can run headed without a screen
python3|building native modules (node-gyp)
make|building native modules (node-gyp)
g++|building native modules (node-gyp)'

if [ "$(uname -s)" != "Linux" ] || ! command -v dpkg >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "Tribune's tests need these system packages (install them with your package manager):"
  echo "$NEEDS" | while IFS='|' read -r pkg why; do echo "  - $pkg: $why"; done
  echo "(On macOS and Windows the desktop app itself needs none of them.)"
  exit 0
fi

# On Ubuntu, Chromium is a snap behind `chromium-browser`; Debian ships `chromium`.
if [ -r /etc/os-release ] && grep -qi '^ID=ubuntu' /etc/os-release; then
  NEEDS=$(echo "$NEEDS" | sed 's/^chromium|/chromium-browser|/')
fi

missing=""
echo "$NEEDS" > "${TMPDIR:-/tmp}/tribune-needs.$$"
while IFS='|' read -r pkg why; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    echo "Will install $pkg: $why."
    missing="$missing $pkg"
  fi
done < "${TMPDIR:-/tmp}/tribune-needs.$$"
rm -f "${TMPDIR:-/tmp}/tribune-needs.$$"
[ -z "$missing" ] && { echo "System packages: all present."; exit 0; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
    echo "Installing them needs administrator rights: sudo may ask for your password."
  else
    echo "Please install, as root: apt-get install -y$missing" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq $missing >/dev/null
echo "System packages installed:$missing"
