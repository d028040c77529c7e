#!/usr/bin/env bash
# Install the Debian packages Qt needs, only those missing. Usage: sysdeps.sh offscreen|window
set -euo pipefail
offscreen="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3"
window="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 xvfb xauth"
want="$offscreen"
[ "${1:-offscreen}" = window ] && want="$offscreen $window"
if ! command -v dpkg >/dev/null 2>&1; then
  echo "sysdeps: not a Debian system; install the Qt libraries yourself: $want" >&2
  exit 0
fi
missing=""
for p in $want; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing="$missing python3 python3-venv"
fi
[ -z "$missing" ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "sysdeps: installing$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
