#!/usr/bin/env bash
# Install the Debian packages cadregraph's tests need, only when missing: Java 17+ and Maven (the Neo4j
# server assembled from Maven Central), a CJK font (png/svg exports with readable Chinese labels) and
# Chromium (the headless check that the HTML picture draws offline).
set -euo pipefail
missing=()
java_version=$(java -version 2>&1 || true)
java_major=$(sed -n 's/.*version "\([0-9]*\).*/\1/p' <<<"$java_version" | head -n 1)
[ -n "$java_major" ] && [ "$java_major" -ge 17 ] || missing+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
fonts=$(fc-list 2>/dev/null || true)  # not piped into grep -q: under pipefail its SIGPIPE would count as a miss
grep -qiE 'Noto (Sans|Serif) CJK|WenQuanYi' <<<"$fonts" || missing+=(fonts-noto-cjk fontconfig)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "system-deps: missing ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}" >&2
  # Outside CI the tests that need them skip; under CI they must not.
  [ -n "${CI:-}" ] && exit 1
  exit 0
fi
echo "system-deps: installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
