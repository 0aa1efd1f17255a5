#!/usr/bin/env bash
# Installs the Debian browsers CanDo runs in when missing (needs apt-get and root, or sudo).
#   bash scripts/install-browsers.sh chromium   what `npm start` needs (the demo runs in Chromium)
#   bash scripts/install-browsers.sh            both: the tests also drive Firefox ESR
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium firefox-esr)
missing=()
for browser in "${wanted[@]}"; do
  case "$browser" in
    chromium | firefox-esr) command -v "$browser" >/dev/null 2>&1 || missing+=("$browser") ;;
    *) echo "install-browsers.sh: unknown browser $browser (chromium or firefox-esr)" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
