#!/usr/bin/env bash
# The steps of action.yml (the aami GitHub Action), as one script so that CI can run them outside
# GitHub (.ci/run runs it against the jar it built): find the pinned aami jar in the cache or
# download it, refuse it unless its SHA-256 is the pinned one, then run one aami command.
#
# Environment (action.yml maps its inputs onto these):
#   AAMI_VERSION    the release, e.g. 0.2.0 (required)
#   AAMI_SHA256     the SHA-256 the jar must have; empty: the line for the jar in the release's
#                   SHA256SUMS, downloaded beside it (weaker: it trusts the server at first use)
#   AAMI_JAR_URL    where to download the jar (default: the release asset of AAMI_VERSION)
#   AAMI_CACHE_DIR  where verified jars are kept (default: ~/.cache/aami-action)
#   AAMI_COMMAND    the aami command to run, e.g. validate; empty: only fetch and verify
#   AAMI_ARGS       its arguments, split at whitespace (no quoting)
#   AAMI_OUTPUT     a file that receives the command's standard output (default: the log)
# Exit status: the command's, or 2 for bad settings and 3 for a jar that cannot be fetched or verified.
set -euo pipefail

die() {
  printf 'aami-action: error: %s\n' "$2" >&2
  exit "$1"
}

version=${AAMI_VERSION:-}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$ ]] ||
  die 2 "version '$version' is not a release version such as 0.2.0"
name=aami-$version.jar
url=${AAMI_JAR_URL:-https://github.com/aami-io/aami/releases/download/v$version/$name}
cache=${AAMI_CACHE_DIR:-$HOME/.cache/aami-action}
jar=$cache/$name
expected=${AAMI_SHA256:-}

fetch() { curl -fsSL --retry 3 --connect-timeout 20 -o "$2" "$1"; }

if [[ -z $expected ]]; then
  sums_url="${url%/*}/SHA256SUMS"
  sums=$(mktemp)
  trap 'rm -f "$sums"' EXIT
  fetch "$sums_url" "$sums" || die 3 "cannot download $sums_url"
  expected=$(awk -v file="$name" '$2 == file || $2 == "*" file { print $1; exit }' "$sums")
  printf 'aami-action: warning: no sha256 pinned; trusting %s for %s\n' "$sums_url" "$name" >&2
fi
[[ $expected =~ ^[0-9a-f]{64}$ ]] || die 2 "sha256 '$expected' is not 64 lowercase hex digits"

verified() { [[ $(sha256sum "$1" | cut -d' ' -f1) == "$expected" ]]; }

mkdir -p "$cache"
if [[ -f $jar ]] && verified "$jar"; then
  echo "aami-action: using the cached $name (sha256 $expected)" >&2
else
  partial=$(mktemp "$cache/.download.XXXXXX")
  if ! fetch "$url" "$partial"; then
    rm -f "$partial"
    die 3 "cannot download $url"
  fi
  if ! verified "$partial"; then
    actual=$(sha256sum "$partial" | cut -d' ' -f1)
    rm -f "$partial"
    die 3 "$url has sha256 $actual, not the pinned $expected; refusing to run it"
  fi
  mv -f "$partial" "$jar"
  echo "aami-action: downloaded $name (sha256 $expected verified)" >&2
fi
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
  printf 'jar=%s\n' "$jar" >>"$GITHUB_OUTPUT"
fi

[[ -n ${AAMI_COMMAND:-} ]] || exit 0
read -r -a args <<<"${AAMI_ARGS:-}"
command=(java -jar "$jar" "$AAMI_COMMAND" "${args[@]}")
if [[ -n ${AAMI_OUTPUT:-} ]]; then
  exec "${command[@]}" >"$AAMI_OUTPUT"
fi
exec "${command[@]}"
