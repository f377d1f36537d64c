#!/usr/bin/env bash
# Install the Debian packages cadregraph's tests need, only when missing: a CJK font (png/svg exports with
# readable Chinese labels) and Chromium (the headless check that the HTML picture draws offline).
set -euo pipefail
missing=()
fc-list 2>/dev/null | grep -qiE 'Noto (Sans|Serif) CJK|WenQuanYi' || missing+=(fonts-noto-cjk fontconfig)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
