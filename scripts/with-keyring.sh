#!/bin/sh
# Runs a command against a throwaway Secret Service: a private D-Bus session bus and a
# gnome-keyring unlocked with a random password, in fresh XDG folders. Nothing touches
# the person's own keyring, and every run starts from an empty one (reusing a keyring
# with another password would make reads return null silently).
# Usage: sh scripts/with-keyring.sh <command...>   (exits with the command's status)
if [ $# -eq 0 ]; then
  echo "usage: with-keyring.sh <command...>" >&2
  exit 64
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "with-keyring.sh: $tool is missing (apt-get install -y gnome-keyring dbus-x11)" >&2
    exit 69
  }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/tribune-keyring.XXXXXX") || exit 1
mkdir -p "$tmp/data" "$tmp/runtime" && chmod 700 "$tmp/runtime"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime" \
  dbus-run-session -- sh -c '
    pass=$(od -An -tx1 -N16 /dev/urandom | tr -d " \n")
    if ! printf %s "$pass" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
      echo "with-keyring.sh: gnome-keyring-daemon did not start" >&2
      exit 70
    fi
    unset pass
    exec "$@"
  ' with-keyring "$@"
status=$?
# The daemon leaves with its bus; give it a moment so the folder is not removed under it.
sleep 0.2
exit $status
