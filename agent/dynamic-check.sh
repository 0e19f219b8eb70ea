#!/usr/bin/env bash
# aami node agent: fetches this node's effective checks over HTTPS, verifies every script against its
# published SHA-256, runs the checks and publishes their Prometheus metrics in node_exporter's textfile
# directory. Depends only on bash (>= 4.4), curl, jq, awk, flock and coreutils; see docs/AGENT.md.
#
# Safety rules this script keeps (each one a defect of the original agent):
#   - nothing runs unless sha256(script_content) equals the published hash, checked before caching and
#     again on the cached file in every run before it runs (one sha256sum for the whole run);
#   - a failed or unreachable server never leaves the node without checks: the last good response is
#     reused and the metrics say so;
#   - overlapping runs are serialised by a lock; published files are replaced atomically; files of checks
#     that failed or are no longer assigned are removed, so no stale success survives;
#   - only valid Prometheus text exposition is ever written to the textfile directory.

set -uo pipefail
shopt -s nullglob
# Byte-wise regexes, '.' as decimal point and a predictable sort order, whatever the host locale is.
export LC_ALL=C
umask 077

readonly AGENT_VERSION="0.2.0"
readonly PROG="dynamic-check"

readonly EXIT_OK=0 EXIT_CHECK_FAILED=1 EXIT_USAGE=2 EXIT_NO_CHECKS=3 EXIT_STALE=4 EXIT_LOCKED=5 EXIT_IO=6

readonly SAFE_ID_RE='^[A-Za-z0-9][A-Za-z0-9._-]*$'
# BEGIN GENERATED LIMITS from schemas/published-defs.schema.json; do not edit. PublishedLimitsAgentTest fails
# when this block and the schema disagree, and rewrites it with -Daami.updateGolden=true.
readonly CHECK_NAME_RE='\A[A-Za-z0-9][A-Za-z0-9._-]*\z'
readonly CHECK_NAME_MAX_LENGTH=128
readonly TIMEOUT_MIN_SECONDS=1
readonly TIMEOUT_MAX_SECONDS=86400
readonly LANGUAGES_JSON='["bash","sh","python"]'
readonly HASH_RE='\A[0-9a-f]{64}\z'
readonly TEXT_MAX_LENGTH=253
readonly CONFIG_MAX_JSON_BYTES=65536
readonly MAX_RESPONSE_BYTES=16777216
# END GENERATED LIMITS
# RLIMIT_FSIZE for checks (KiB): bounds their output and every file they write, so a runaway check cannot
# fill the disk before its timeout.
readonly MAX_CHECK_FILE_KIB=16384
readonly KILL_GRACE_SECONDS=5 MAX_LOGGED_STDERR_LINES=50 MAX_LOGGED_STDERR_CHARS=1000
# The resolution of the duration clock (see monotonic_ns) and then some: a check that timeout(1) ended
# is recognised as timed out even if the clock reads a little short of the timeout.
readonly CLOCK_SLACK_NS=50000000

# Settings, in precedence order: command-line flag, environment variable, config file, default. A
# setting's flag is its name without AAMI_, in lower case with dashes: --ca-file sets AAMI_CA_FILE.
readonly SETTING_KEYS=(AAMI_BASE_URL AAMI_TARGET_ID AAMI_HOSTNAME AAMI_TEXTFILE_DIR AAMI_CACHE_DIR
  AAMI_CA_FILE AAMI_INTERVAL AAMI_LOCK_WAIT AAMI_CONNECT_TIMEOUT AAMI_MAX_TIME AAMI_TRUSTED_KEYS AAMI_JOBS)
declare -A SETTING_DEFAULTS=([AAMI_TEXTFILE_DIR]=/var/lib/node_exporter/textfile [AAMI_CACHE_DIR]=/var/cache/aami
  [AAMI_INTERVAL]=60 [AAMI_LOCK_WAIT]=300 [AAMI_CONNECT_TIMEOUT]=10 [AAMI_MAX_TIME]=30 [AAMI_JOBS]=1)
readonly DEFAULT_CONFIG_FILE=/etc/aami/agent.conf

usage() {
  cat <<'EOF'
Usage: dynamic-check.sh [--once | --dry-run] [options]
       dynamic-check.sh --check-output FILE [--declared JSON]

Fetches this node's checks from BASE_URL/api/v2/checks/target/<id> (or .../hostname/<hostname>), their
scripts by hash from BASE_URL/api/v1/scripts/sha256/<hash> unless cached (or api/v1/checks/target/... with
inline scripts where no compact list is published); verifies each script's SHA-256, runs it and writes its
metrics to <textfile-dir>/aami_check_<name>.prom, its own to aami_agent.prom. Without --once, it repeats.

Modes:
  --once                 run once and exit (what the systemd timer does)
  --dry-run              fetch and verify, print what would run; writes nothing, runs nothing
  --list-file FILE       with --once: run the check list in FILE, with no fetch and no cache ('aami check run')
  --check-output FILE    validate FILE ('-' for stdin) as check output (Prometheus text exposition)
  --declared JSON        with --check-output: the declared metrics ([{name, type, help, labels}]); metrics
                         or labels FILE has beyond them are warnings (exit status still 0)
  -h, --help, --version  show this help, or the agent version

Options (flag, environment variable, config file key; flags win over environment over file):
  --base-url URL         AAMI_BASE_URL         https://host[:port][/prefix] of the published site
  --target-id ID         AAMI_TARGET_ID        fetch .../checks/target/ID
  --hostname NAME        AAMI_HOSTNAME         without a target id: .../hostname/NAME (default: uname -n)
  --textfile-dir DIR     AAMI_TEXTFILE_DIR     default /var/lib/node_exporter/textfile
  --cache-dir DIR        AAMI_CACHE_DIR        default /var/cache/aami
  --ca-file FILE         AAMI_CA_FILE          PEM CA bundle to verify the server (default: system CAs)
  --interval SECONDS     AAMI_INTERVAL         pause between runs without --once (default 60)
  --lock-wait SECONDS    AAMI_LOCK_WAIT        how long to wait for a concurrent run (default 300)
  --connect-timeout SEC  AAMI_CONNECT_TIMEOUT  default 10
  --max-time SECONDS     AAMI_MAX_TIME         whole fetch, default 30
  --trusted-keys DIR     AAMI_TRUSTED_KEYS     run only lists signed by a DIR/*.pem key (docs/SECURITY.md)
  --jobs N               AAMI_JOBS             run up to N checks at once, each with its own timeout
                                               (default 1); output, metrics and logs keep list order
  --config FILE          AAMI_AGENT_CONFIG     KEY=VALUE file (parsed, never run), default /etc/aami/agent.conf
  --insecure-http        allow a plain http:// base URL (testing only)
  --debug                verbose log on stderr

Exit codes:
  0  every assigned check ran and published valid metrics (fresh or 304-confirmed check list)
  1  at least one check was refused (hash mismatch) or failed (exit status, timeout, invalid output)
  2  usage or configuration error; nothing was done
  3  no usable check list: the fetch failed or was rejected and nothing is cached; nothing ran
  4  the fetch failed or was rejected; the last good cached check list ran instead
  5  another run held the lock for longer than --lock-wait
  6  local I/O error (textfile or cache directory missing or not writable)
  129, 130, 143  stopped by SIGHUP, SIGINT or SIGTERM (the check in progress is killed)
EOF
}

# --- logging: stderr only, so nothing ever leaks into data ---------------------------------------------

debug_enabled=0
log() { printf '%s: %s: %s\n' "$PROG" "$1" "$2" >&2; }
debug() { ((!debug_enabled)) || log debug "$*"; }
usage_error() { log error "$1"; printf "Try '%s --help' for more information.\n" "$PROG" >&2; exit "$EXIT_USAGE"; }

# --- signals -------------------------------------------------------------------------------------------
# bash runs a trap only once the foreground command has returned, so a TERM during a check with a 10
# minute timeout would wait 10 minutes. Everything that can take long (the lock, the fetch, the checks,
# the pause between runs) therefore runs in the background and is awaited: `wait` returns at once on a
# trapped signal, and the trap passes the signal on to what is in progress.

background_pid=""
running_jobs=()

# Runs "$@" in the background (standard input /dev/null) and waits for it; returns its exit status.
# Commands redirect their own output: a redirection of the wait_for call would also capture what the
# trap logs while waiting.
wait_for() {
  "$@" &
  background_pid=$!
  wait "$background_pid"
  local status=$?
  background_pid=""
  return "$status"
}

# Stops the command in progress: its whole process group when it leads one (a check under timeout(1)
# does), else the process itself.
stop_background() {
  if [[ -n $background_pid ]]; then
    kill -TERM -- "-$background_pid" 2>/dev/null || kill -TERM "$background_pid" 2>/dev/null
  fi
  # The checks --jobs runs side by side: each passes the TERM on to its own check.
  if ((${#running_jobs[@]})); then
    kill -TERM "${running_jobs[@]}" 2>/dev/null
    wait "${running_jobs[@]}" 2>/dev/null
  fi
}

# The trap of a run (a subshell): stop the command in progress and exit through the EXIT trap, which
# removes the run's temporary files. A run in the background ignores SIGINT (bash does that to every
# asynchronous command), so the main process turns Ctrl-C into a TERM for it.
trap_run_signals() {
  trap 'log warning "run interrupted; stopping it"; stop_background; exit 143' TERM
  trap 'log warning "run interrupted; stopping it"; stop_background; exit 129' HUP
}

# The trap of the main process: pass the signal on to the run in progress, wait for it to clean up,
# and exit with the signal's conventional status.
stop_agent() {
  trap '' INT HUP TERM
  log warning "received SIG$1; stopping"
  [[ -z $background_pid ]] || { kill -TERM "$background_pid" 2>/dev/null; wait "$background_pid"; }
  exit "$2"
}

# --- configuration -------------------------------------------------------------------------------------

declare -A flag_values=() file_values=() cfg=()

# Reads KEY=VALUE lines, skipping '#' comments and blank lines; strips one pair of quotes; expands nothing.
parse_config_file() {
  local file=$1 line key value lineno=0
  while IFS= read -r line || [[ -n $line ]]; do
    lineno=$((lineno + 1))
    [[ $line =~ ^[[:space:]]*(#|$) ]] && continue
    [[ $line =~ ^[[:space:]]*([A-Za-z_][A-Za-z0-9_]*)[[:blank:]]*=[[:blank:]]*(.*[^[:space:]])?[[:space:]]*$ ]] ||
      usage_error "$file:$lineno: expected KEY=VALUE"
    key=${BASH_REMATCH[1]} value=${BASH_REMATCH[2]}
    [[ $value =~ ^\"(.*)\"$ || $value =~ ^\'(.*)\'$ ]] && value=${BASH_REMATCH[1]}
    [[ " ${SETTING_KEYS[*]} " == *" $key "* ]] ||
      usage_error "$file:$lineno: unknown key '$key' (known: ${SETTING_KEYS[*]})"
    file_values[$key]=$value
  done <"$file"
}

# Fills cfg, checked: each setting from its flag, else environment variable, else config file, else default.
resolve_settings() {
  local config_file=${flag_values[AAMI_CONFIG]:-${AAMI_AGENT_CONFIG:-}} key min base id what
  # The default config file is optional; a named one is not.
  [[ -n $config_file || ! -r $DEFAULT_CONFIG_FILE ]] || config_file=$DEFAULT_CONFIG_FILE
  [[ -z $config_file || -r $config_file ]] || usage_error "config file $config_file is not readable"
  [[ -z $config_file ]] || parse_config_file "$config_file"
  for key in "${SETTING_KEYS[@]}"; do
    cfg[$key]=${flag_values[$key]:-${!key:-${file_values[$key]:-${SETTING_DEFAULTS[$key]:-}}}}
  done

  base=${cfg[AAMI_BASE_URL]}
  # A local list needs no site; the placeholder only names the list in logs.
  [[ -n $base || -z $list_file ]] || base=https://local.invalid
  [[ -n $base ]] || usage_error "no base URL: set --base-url, AAMI_BASE_URL or AAMI_BASE_URL= in the config file"
  while [[ $base == */ ]]; do base=${base%/}; done
  [[ ! $base =~ ^http:// ]] || ((insecure_http)) ||
    usage_error "refusing plain http URL $base: use https, or --insecure-http for testing"
  [[ $base =~ ^https?:// ]] || usage_error "base URL must start with https:// (got '$base')"
  [[ $base =~ ^https?://[^/?#[:space:]]+(/[^?#[:space:]]*)?$ ]] || usage_error "malformed base URL '$base'"
  cfg[AAMI_BASE_URL]=$base
  scripts_url=$base/api/v1/scripts/sha256

  id=${cfg[AAMI_TARGET_ID]} what="target id" list_target=checks/target
  [[ -n $id ]] || id=${cfg[AAMI_HOSTNAME]:-$(uname -n)} what=hostname list_target=checks/target/hostname
  [[ $id =~ $SAFE_ID_RE ]] || usage_error "$what '$id' is not a safe id"
  list_target+=/$id
  use_list_form inline
  validate_trusted_keys

  for key in AAMI_INTERVAL:1 AAMI_LOCK_WAIT:0 AAMI_CONNECT_TIMEOUT:1 AAMI_MAX_TIME:1 AAMI_JOBS:1; do
    min=${key#*:} key=${key%:*}
    [[ ${cfg[$key]} =~ ^[0-9]+$ && $((10#${cfg[$key]})) -ge min ]] ||
      usage_error "$key must be an integer >= $min, got '${cfg[$key]}'"
    cfg[$key]=$((10#${cfg[$key]}))
  done
  [[ -z ${cfg[AAMI_CA_FILE]} || -r ${cfg[AAMI_CA_FILE]} ]] || usage_error "CA file ${cfg[AAMI_CA_FILE]} is not readable"
}

require_commands() {
  local cmd
  for cmd in "$@"; do command -v "$cmd" >/dev/null 2>&1 || usage_error "required command '$cmd' not found on PATH"; done
}

# --- the check list: fetch, parse, cache ----------------------------------------------------------------

# The server may publish each node's list inline (api/v1, every script in the list) and compact (api/v2,
# scripts named by hash, published once under scripts_url; preferred: a changed script then costs a small
# list and that one script). use_list_form makes form $1 (compact or inline) the one fetched, verified and
# cached: sets check_list_url, and check_list_path, which the list's signature (at URL.sig) must name.
use_list_form() {
  check_list_path=api/v1/$list_target
  [[ $1 == inline ]] || check_list_path=api/v2/$list_target
  check_list_url=${cfg[AAMI_BASE_URL]}/$check_list_path
}

compact_list() { [[ $check_list_path == api/v2/* ]]; }

# Sets the array named $1 to curl's options for GETs of at most $2 bytes each: bounded in time, HTTPS only
# (redirects too) unless --insecure-http, no ~/.curlrc (-q), each transfer's HTTP status on a line of stdout.
curl_options() {
  local -n curl_options_into=$1
  local proto="=https"
  ((insecure_http)) && proto="=http,https"
  curl_options_into=(-q --silent --show-error --fail --location --max-redirs 3 --proto "$proto" --proto-redir "$proto"
    --connect-timeout "${cfg[AAMI_CONNECT_TIMEOUT]}" --max-time "${cfg[AAMI_MAX_TIME]}" --max-filesize "$2"
    --user-agent "aami-dynamic-check/$AGENT_VERSION" -H 'Accept: application/json' --write-out '%{http_code}\n')
  [[ -z ${cfg[AAMI_CA_FILE]} ]] || curl_options_into+=(--cacert "${cfg[AAMI_CA_FILE]}")
}

# Runs curl "$@" with its statuses in $work/curl.status and its errors in $work/curl.err, under a file size
# limit that stops a chunked response too (curl before 8.4 applies --max-filesize only to a response that
# announces its length); only ever started with wait_for, so that the limit stays in that subshell.
fetch_bounded() {
  ulimit -f $((MAX_RESPONSE_BYTES / 1024))
  exec curl "$@" >"$work/curl.status" 2>"$work/curl.err"
}

# Whether $1 is a well-formed entity tag, which alone is stored or sent back.
valid_etag() { [[ $1 =~ ^(W/)?\"[!#-~]*\"$ ]]; }

# Sets the variable named $2 to the ETag of the last block of response headers in file $1 ("" if none).
etag_from_headers() {
  local line found=""
  while IFS= read -r line; do
    [[ $line =~ ^HTTP/ ]] && found=""
    [[ ${line%$'\r'} =~ ^[Ee][Tt][Aa][Gg]:[[:blank:]]*(.*[^[:blank:]])[[:blank:]]*$ ]] && found=${BASH_REMATCH[1]}
  done <"$1"
  valid_etag "$found" || found=""
  printf -v "$2" '%s' "$found"
}

cached_list_usable() {
  local url=""
  [[ -f $cache_dir/response.json && -f $cache_dir/response.url ]] &&
    IFS= read -r url <"$cache_dir/response.url" && [[ $url == "$check_list_url" ]]
}

# Sets the variable named $2 to the ETag cached in file $1 for the cached list, and fails when there is
# none to send: in a dry run, or when the cached list is not check_list_url's, none is.
cached_etag() {
  local tag=""
  ((!dry_run)) && cached_list_usable && [[ -s $1 ]] && IFS= read -r tag <"$1" && valid_etag "$tag" || tag=""
  printf -v "$2" '%s' "$tag"
  [[ -n $tag ]]
}

# GETs check_list_url into $work/response.body (headers: response.headers), conditionally when the cached
# list of this URL has an ETag and still parses (into parsed, for the 304; sets cached_list_parsed): a 304
# carries no body to fall back on. With $1 set, first the site generation into generation.body over the
# same connection (a list fetched after it is at least that new), setting generation_code. Sets
# obtain_check_list's curl_rc (curl reports the last transfer's), http_code and curl_error.
fetch_check_list() {
  local with_generation=$1 etag error options args=() codes
  cached_list_parsed=0
  cached_etag "$cache_dir/response.etag" etag && parse_check_list "$cache_dir/response.json" "cached check list" &&
    cached_list_parsed=1
  ((cached_list_parsed)) || etag=""
  if ((with_generation)); then
    curl_options options 4096
    args+=("${options[@]}" --output "$work/generation.body" "${cfg[AAMI_BASE_URL]}/api/v1/generation" --next)
  fi
  curl_options options "$MAX_RESPONSE_BYTES"
  args+=("${options[@]}" ${etag:+-H "If-None-Match: $etag"} --dump-header "$work/response.headers"
    --output "$work/response.body" "$check_list_url")
  debug "fetching $check_list_url${etag:+ (If-None-Match: $etag)}"
  wait_for fetch_bounded "${args[@]}"
  curl_rc=$?
  mapfile -t codes <"$work/curl.status"
  http_code=${codes[${#codes[@]} - 1]:-000}
  if ((with_generation)); then
    generation_code=${codes[0]:-000}
    # A fatal error on the generation (a redirect to another protocol) ends curl before the list's turn.
    ((${#codes[@]} >= 2)) || http_code=000 curl_rc=$((curl_rc ? curl_rc : 1))
  fi
  # One error line per failed transfer: the list's is the last.
  curl_error=""
  while IFS= read -r error; do [[ -z $error ]] || curl_error=$error; done <"$work/curl.err"
}

# Whether s is UTF-8: split at every valid multi-byte sequence (no overlong forms, surrogates or code
# points past U+10FFFF), no piece may hold a byte above 0x7f. Shared by the two awk programs below.
readonly UTF8_AWK='
function utf8_valid(s,  parts, n, i) {
  if (s !~ /[\200-\377]/) return 1
  n = split(s, parts, /[\302-\337][\200-\277]|\340[\240-\277][\200-\277]|[\341-\354\356\357][\200-\277][\200-\277]|\355[\200-\237][\200-\277]|\360[\220-\277][\200-\277][\200-\277]|[\361-\363][\200-\277][\200-\277][\200-\277]|\364[\200-\217][\200-\277][\200-\277]/)
  for (i = 1; i <= n; i++) if (parts[i] ~ /[\200-\377]/) return 0
  return 1
}
'

# What makes a body not strict UTF-8 JSON, whatever jq version reads it next (jq 1.6 reads a raw NUL as 0
# and accepts NaN, Infinity, 01, +1, .5 and 1.): a NUL byte, bytes that are not UTF-8, a \u escape of half
# a surrogate pair, a string with a raw control character, a bad escape or no end, and any token outside
# strings but punctuation, true, false, null and JSON's numbers; jq then checks the grammar. Prints the
# first problem and exits 1. Linear in the body's size (about 0.1 s per MB): records end at double quotes,
# so no regex runs over a whole line of a one-line document.
# shellcheck disable=SC2016 # awk's own $0
readonly JSON_LEXICAL_AWK=$UTF8_AWK'
# Records are the text between double quotes: outside a string and inside one, in turn.
function refuse(why) { printf "line %d: %s\n", line, why; failed = 1; exit 1 }
function count_lines(text,  copy) { copy = text; return gsub(/\n/, "", copy) }
function check_outside(text,  words, n, i) {
  if (text ~ /[^][{}:, \t\r\n0-9a-zE.+-]/) refuse("a character JSON does not allow outside strings")
  n = split(text, words, /[][{}:, \t\r\n]+/)
  for (i = 1; i <= n; i++)
    if (words[i] != "" && words[i] !~ /^(true|false|null|-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)$/)
      refuse("\"" substr(words[i], 1, 20) "\" is not a JSON value")
}
# The content of one string, without its quotes: no raw control character, only the escapes of JSON, and
# surrogate escapes in pairs. Split at backslashes: each part after one starts with its escape, but for
# the escape \\, which leaves an empty part before the text after it.
function check_string(text,  parts, n, i, part, high) {
  if (text ~ /[\001-\037]/) refuse("a string with a raw control character")
  n = split(text, parts, /\\/)
  for (i = 2; i <= n; i++) {
    part = parts[i]
    if (part == "") { part = "\\"; i++ }
    if (part !~ /^(u[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]|["\/bfnrt\\])/)
      refuse("a string with an escape JSON does not have")
    # A low surrogate escape comes right after a high one, and only then.
    if (high != (part ~ /^u[dD][c-fC-F]/)) refuse("a \\u escape of half a UTF-16 surrogate pair")
    high = part ~ /^u[dD][89abAB]/
    if (high && length(part) > 5) refuse("a \\u escape of half a UTF-16 surrogate pair")
  }
  if (high) refuse("a \\u escape of half a UTF-16 surrogate pair")
}
BEGIN { RS = "\""; line = 1 }
{
  if (index($0, "\000")) refuse("a NUL byte")
  if (!utf8_valid($0)) refuse("bytes that are not UTF-8")
  if (!in_string) { check_outside($0); line += count_lines($0); in_string = 1; pending = ""; next }
  # An odd number of backslashes before the quote escapes it: the string goes on.
  if (match($0, /\\+$/) && RLENGTH % 2 == 1) { pending = pending $0 "\""; next }
  check_string(pending $0)
  line += count_lines($0)
  in_string = 0
}
# Each outside part expects a string after it; after the last part, none came.
END { if (!failed && NR > 0 && (!in_string || pending != "")) refuse("a string with no end") }
'

# Sets the variable named $2 to why file $1 is not strict UTF-8 JSON (see JSON_LEXICAL_AWK); fails if it is.
strict_json_problem() {
  local found
  found=$(awk "$JSON_LEXICAL_AWK" "$1") && return 1
  printf -v "$2" '%s' "${found:-cannot be read}"
}

# A check's metrics declaration in the form the validation awk reads: "" without one, "!" when it is not a
# list of {name, type, labels}, else "+" and one "<name>/<type>/<label>,<label>..." per metric, separated by
# spaces. Names and labels that no sample could carry are left out: they never match anything.
# shellcheck disable=SC2016 # jq's own $variables and \(interpolation)
readonly DECLARATION_JQ='
def declaration:
  if . == null or . == false then ""
  elif type != "array" or (all(type == "object" and (.name | type) == "string"
       and ((.labels // []) | type) == "array") | not) then "!"
  else "+" + (map(select(.name | test("^[a-zA-Z_:][a-zA-Z0-9_:]*$"))
    | "\(.name)/\(if .type == "histogram" or .type == "summary" then .type else "other" end)/\(
       (.labels // []) | map(strings | select(test("^[a-zA-Z_][a-zA-Z0-9_]*$"))) | join(","))") | join(" "))
  end;
'

# Parses a check list (slurped: an empty body or several documents are caught) in one pass, printing
# NUL-terminated fields: "problem" and why the whole document is unusable; or per entry "refused", its check
# ("#<index>" for an invalid name), reason and messages when it breaks the published contract (the generated
# limits above; entries sharing a name all break it), else "check" and its name, language, version, hash,
# timeout, config (JSON) and metrics declaration. A compact list is checked as inline with empty scripts.
# shellcheck disable=SC2016 # jq's own $variables and \(interpolation)
readonly CHECK_LIST_JQ=$DECLARATION_JQ'
def printable: explode | all(. >= 32 and . != 127);
def valid_name: type == "string" and test($name_re) and length <= $name_max;
# problem, when the input has a field $k and bad holds for its value.
def when_present($k; bad; problem): select(has($k) and (.[$k] | bad)) | problem;
def text_problem($k):
  if (.[$k] | type) != "string" then ["invalid_field", "\"\($k)\" must be a string"]
  elif (.[$k] | printable | not) then ["invalid_field", "\"\($k)\" contains control characters"]
  elif (.[$k] | length) > $text_max then ["invalid_field", "\"\($k)\" is longer than \($text_max) characters"]
  else empty end;
def problems:
  (["name","script_type","script_content","language","config","version","hash","instance_id",
    "timeout_seconds"][] as $k | select(has($k) | not) | ["missing_field", "missing field \"\($k)\""]),
  when_present("name"; valid_name | not; ["invalid_name",
    "name \(.name | tojson | .[0:200]) does not match [A-Za-z0-9][A-Za-z0-9._-]* (max \($name_max) characters)"]),
  (("script_type","version","instance_id") as $k | select(has($k)) | text_problem($k)),
  when_present("script_content"; type != "string"; ["invalid_field", "\"script_content\" must be a string"]),
  when_present("language"; type != "string" or (IN($languages[]) | not); ["invalid_language",
    "language \(.language | tojson | .[0:100]) is not one of \($languages | join(", "))"]),
  when_present("config"; type != "object"; ["invalid_config", "\"config\" must be an object"]),
  when_present("config"; type == "object" and (tojson | utf8bytelength) > $config_max; ["config_too_large",
    "\"config\" is \(.config | tojson | utf8bytelength) bytes of JSON, more than \($config_max)"]),
  when_present("hash"; type != "string" or (test($hash_re) | not);
    ["invalid_hash", "\"hash\" must be 64 lowercase hex digits"]),
  when_present("timeout_seconds"; type != "number" or . != floor or . < $timeout_min or . > $timeout_max;
    ["invalid_timeout", "\"timeout_seconds\" must be an integer from \($timeout_min) to \($timeout_max)"]);
def fields: .name, .language, .version, .hash, (.timeout_seconds | tostring), (.config | tojson),
  (.metrics | declaration);
(if length != 1 then "problem", "the response must be exactly one JSON document, found \(length)"
 elif (.[0] | type) != "array" then "problem", "the check list must be a JSON array, got \(.[0] | type)"
 else .[0]
 | (if $compact then map(if type == "object" then {script_content: ""} + . else . end) else . end)
 | ([.[] | objects | .name | select(valid_name)] | group_by(.) | map(select(length > 1) | .[0])) as $duplicated
 | [to_entries[] | .key as $i | .value as $c
    | (if ($c | type) != "object" then [["not_an_object", "must be an object, got \($c | type)"]]
       else [$c | problems]
         + (if ($c.name | valid_name) and ($c.name | IN($duplicated[])) then
              [["duplicate_name", "another entry has the same name"]] else [] end)
       end) as $p
    | {entry: $c, problems: $p,
       check: (if ($c | type) == "object" and ($c.name | valid_name) then $c.name else "#\($i)" end)}]
 | (.[] | select(.problems != []) | "refused",
      ([.check, .problems[0][0], ([.problems[0:5][][1]] | join("; "))] | map(gsub("[[:cntrl:]]"; "?")) | .[])),
   (.[] | select(.problems == []) | .entry | "check", fields)
 end)
| . + "\u0000"
'

# Parses check list file $1 (named $2 in logs) into parsed (see CHECK_LIST_JQ): one awk for its strict JSON
# lexis, one jq for everything else. Returns 1, with the reasons logged, when the whole document is unusable.
parse_check_list() {
  local file=$1 what=$2 problem compact=false i
  parsed=()
  ! strict_json_problem "$file" problem || { log error "$what is not valid JSON: $problem"; return 1; }
  compact_list && compact=true
  if ! jq -j --slurp --argjson compact "$compact" \
    --arg name_re "$CHECK_NAME_RE" --argjson name_max "$CHECK_NAME_MAX_LENGTH" \
    --argjson timeout_min "$TIMEOUT_MIN_SECONDS" --argjson timeout_max "$TIMEOUT_MAX_SECONDS" \
    --argjson languages "$LANGUAGES_JSON" --arg hash_re "$HASH_RE" --argjson text_max "$TEXT_MAX_LENGTH" \
    --argjson config_max "$CONFIG_MAX_JSON_BYTES" "$CHECK_LIST_JQ" <"$file" >"$work/parsed" 2>"$work/parse.err"; then
    problem=$(<"$work/parse.err")
    log error "$what is not valid JSON: ${problem//$'\n'/ }"
    return 1
  fi
  mapfile -d '' parsed <"$work/parsed"
  if [[ ${parsed[0]:-} == problem ]]; then
    for ((i = 0; i + 1 < ${#parsed[@]}; i += 2)); do log error "$what rejected: ${parsed[i + 1]}"; done
    parsed=()
    return 1
  fi
}

# Loads the parsed list: logs every refused entry and keeps its check and reason in refused_check and
# refused_reason, and the runnable entries in the check_* arrays (check_count of them).
load_check_list() {
  local i=0 n=0
  refused_check=() refused_reason=() check_name=() check_language=() check_version=() check_hash=()
  check_timeout=() check_config=() check_metrics=() check_script=() check_problem=()
  while ((i < ${#parsed[@]})); do
    if [[ ${parsed[i]} == refused ]]; then
      refused_check+=("${parsed[i + 1]}") refused_reason+=("${parsed[i + 2]}")
      log error "check ${parsed[i + 1]}: REFUSED (${parsed[i + 2]}): ${parsed[i + 3]}; not run (the other checks run)"
      i=$((i + 4))
    else
      check_name[n]=${parsed[i + 1]} check_language[n]=${parsed[i + 2]} check_version[n]=${parsed[i + 3]}
      check_hash[n]=${parsed[i + 4]} check_timeout[n]=${parsed[i + 5]} check_config[n]=${parsed[i + 6]}
      check_metrics[n]=${parsed[i + 7]} check_script[n]="" check_problem[n]=""
      n=$((n + 1)) i=$((i + 8))
    fi
  done
  check_count=$n
}

# Sets check_list (the file to use, empty if none), parsed to its content, fetch_success, using_cached_list,
# not_modified, list_rejected and the signature state. Fetches the compact form, else (404) the inline one.
# A dry run sends no If-None-Match, fetches no generation and writes nothing to the cache.
obtain_check_list() {
  local body=$work/response.body etag form with_generation=$((!dry_run)) curl_rc http_code curl_error cached_list_parsed
  check_list="" fetch_success=0 using_cached_list=0 not_modified=0 list_rejected=0 generation_code=""
  signature_failure="" signature_verified=0 accepted_signature="" accepted_signature_etag="" accepted_generation=""
  [[ -n $trusted_keys_dir ]] || log warning "check lists are not signature-verified: AAMI_TRUSTED_KEYS is not set"
  if [[ -n $list_file ]]; then
    use_list_form inline
    parse_check_list "$list_file" "check list $list_file" && check_list=$list_file fetch_success=1
    list_rejected=$((!fetch_success))
    return 0
  fi
  for form in compact inline; do
    use_list_form "$form"
    fetch_check_list "$with_generation"
    [[ $form == compact && $http_code == 404 && $curl_rc == 22 ]] || break
    debug "no compact check list at $check_list_url (HTTP 404); using the inline form"
    with_generation=0
  done

  # Only a conditional GET, never sent in a dry run, is answered 304.
  if ((curl_rc == 0)) && [[ $http_code == 304 ]] && ((cached_list_parsed)) && cached_list_usable; then
    debug "check list not modified (304); reusing the cached copy"
    if signature_accepts "$cache_dir/response.json"; then
      touch "$cache_dir/response.json" # records when the server last confirmed it
      check_list=$cache_dir/response.json fetch_success=1 not_modified=1
      store_signature
    fi
  elif ((curl_rc == 63 || curl_rc == 153)) ||
    { ((curl_rc == 23)) && [[ -f $body ]] && (($(wc -c <"$body") >= MAX_RESPONSE_BYTES)); }; then
    log error "fetch of $check_list_url failed: the response is larger than $MAX_RESPONSE_BYTES bytes"
  elif ((curl_rc == 0)) && [[ $http_code == 200 ]]; then
    if ! parse_check_list "$body" "check list from $check_list_url"; then
      list_rejected=1
    elif signature_accepts "$body"; then
      fetch_success=1 check_list=$body
      etag_from_headers "$work/response.headers" etag
      ((!dry_run)) && store_check_list "$body" "$etag" && check_list=$cache_dir/response.json
      debug "fetched a new check list (HTTP 200)"
    fi
  elif ((curl_rc == 0)) && [[ $http_code == 304 ]]; then
    log error "fetch of $check_list_url answered 304 Not Modified, but no cached check list for it is left"
  elif ((curl_rc == 0)); then
    log error "fetch of $check_list_url answered HTTP $http_code, expected 200 or 304"
  else
    log error "fetch of $check_list_url failed (curl exit $curl_rc): $curl_error"
  fi

  [[ -n $check_list ]] || fall_back_to_cached_list
}

# Caches list file $1 with its ETag $2 and the accepted signature. The URL and ETag go last so that a
# crash in between can only make the cache unusable, never wrong.
store_check_list() {
  local body=$1 etag=$2
  rm -f "$cache_dir"/response.{url,etag,sig,sig.etag}
  copy_file "$body" "$cache_dir/response.json" && store_signature &&
    write_file "$cache_dir/response.url" "$check_list_url" &&
    { [[ -z $etag ]] || write_file "$cache_dir/response.etag" "$etag"; } && return 0
  log warning "cannot write the check list cache in $cache_dir; it will not survive a server outage"
  return 1
}

# Sets site_generation to the generation the site announced in this run's fetch (the rendered commit's
# time), "" when it announced none (renders before fleet-health) or not a non-negative integer. The flat
# object aami render writes is read without a process; any other body is checked as strict JSON for jq.
read_site_generation() {
  local file=$work/generation.body body problem value=""
  site_generation=""
  [[ $generation_code == 200 && -f $file ]] || return 0
  # read -d '' reads the whole body and fails, unless it stops at a NUL byte.
  if IFS= read -r -d '' body <"$file" || ! flat_json_generation "$body" value; then
    strict_json_problem "$file" problem && return 0
    value=$(jq -r '.generation | select(type == "number" and . >= 0 and . == floor)' "$file" 2>/dev/null)
  fi
  [[ $value =~ ^(0|[1-9][0-9]{0,14})$ ]] && site_generation=$value
}

# Sets the variable named $2 to the value of the last "generation" member of JSON text $1 ("" without
# one) when $1 is an object of printable ASCII whose members are strings without escapes and non-negative
# integers; fails for any other text. Such a text is strict JSON, and jq would read the same value.
flat_json_generation() {
  local ws=$'[\t\n\r ]*' string='"[^"\\[:cntrl:]]*"' rest found=""
  rest=${1#"${1%%[!$'\t\n\r ']*}"}
  [[ $1 != *[!\ -~$'\t\n\r']* && $rest == \{* ]] || return 1
  [[ $rest =~ ^\{$ws\} ]] && rest="}${rest:${#BASH_REMATCH[0]}}"
  while [[ $rest =~ ^[{,]$ws($string)$ws:$ws($string|0|[1-9][0-9]*)$ws ]]; do
    [[ ${BASH_REMATCH[1]} != '"generation"' ]] || found=${BASH_REMATCH[2]}
    rest=${rest:${#BASH_REMATCH[0]}}
  done
  [[ $rest =~ ^\}$ws$ ]] || return 1
  printf -v "$2" '%s' "$found"
}

# Sets list_generation: the site generation this node's list is current with. It moves only when the list
# was fetched or confirmed (200 or 304) after the generation was read, so an unreachable site shows.
record_list_generation() {
  local file=$cache_dir/list.generation recorded=""
  list_generation=""
  [[ -f $file && ! -L $file ]] && IFS= read -r -n 32 recorded <"$file"
  [[ $recorded =~ ^[0-9]{1,15}$ ]] && list_generation=$recorded
  if ((fetch_success)) && [[ -n $site_generation ]]; then
    list_generation=$site_generation
    [[ $recorded == "$site_generation" ]] || write_file "$file" "$site_generation" ||
      log warning "cannot record the list generation in $file"
  fi
}

# The fetch gave nothing to run: the last good list for this node runs instead, in the form it was cached.
fall_back_to_cached_list() {
  local cached_url=""
  [[ -f $cache_dir/response.url ]] && IFS= read -r cached_url <"$cache_dir/response.url"
  [[ $cached_url != "${cfg[AAMI_BASE_URL]}/api/v1/$list_target" ]] || use_list_form inline
  [[ $cached_url != "${cfg[AAMI_BASE_URL]}/api/v2/$list_target" ]] || use_list_form compact
  if cached_list_usable && parse_check_list "$cache_dir/response.json" "cached check list" &&
    cached_signature_accepts; then
    log warning "using the last good check list cached in $cache_dir/response.json"
    check_list=$cache_dir/response.json using_cached_list=1
  else
    log error "no usable cached check list for $check_list_url; nothing to run"
  fi
}

# --- signed check lists (docs/SECURITY.md) --------------------------------------------------------------
# With AAMI_TRUSTED_KEYS set, a check list runs only if its signature file (the list's URL + ".sig")
# verifies with a trusted Ed25519 key through openssl, names the path this agent asked for and the list's
# SHA-256, has a generation not older than the last one accepted, and has not expired. Anything else is
# refused whole and the last good (verified) list runs; there is no fallback to an unsigned list.

readonly SIGNATURE_HEADER='aami-signature 1' MAX_SIGNATURE_BYTES=4096
readonly SIGNATURE_LINE_RE='^signature ([0-9a-f]{16}) ([A-Za-z0-9+/]{86}==)$'
# Generations and expiry times have at most 18 digits, so bash's 64-bit arithmetic compares them exactly.
readonly SIGNATURE_NUMBER_RE='(0|[1-9][0-9]{0,17})'
trusted_keys_dir=""
declare -A trusted_key_files=()

# A key directory without keys is a usage error, never a silent switch to unverified lists.
validate_trusted_keys() {
  local dir=${cfg[AAMI_TRUSTED_KEYS]} version files
  [[ -n $dir ]] || return 0
  [[ -d $dir && -r $dir && -x $dir ]] || usage_error "trusted keys directory $dir is not a readable directory"
  files=("$dir"/*.pem)
  ((${#files[@]} > 0)) || usage_error "trusted keys directory $dir holds no *.pem public key"
  require_commands openssl base64
  version=$(openssl version 2>/dev/null)
  [[ $version =~ ^OpenSSL\ ([3-9]|[1-9][0-9]+)\. ]] ||
    usage_error "AAMI_TRUSTED_KEYS needs OpenSSL 3.0 or later (Ed25519 with pkeyutl -rawin); found '${version:-none}'"
  trusted_keys_dir=$dir
}

# Logs why the check list is refused and records reason $1 (the first one of the run) for the metrics.
signature_refused() {
  log error "check list from $check_list_url REFUSED: signature $1: $2; nothing in it runs"
  [[ -n $signature_failure ]] || signature_failure=$1
  return 1
}

# Whether one of the signatures "$2"... (pairs of key id and base64 value) of the statement in file $1
# verifies with the trusted key of its key id: the first 16 hex digits of the SHA-256 of its DER form, as
# aami prints it. The keys are read every run, so removing a key file revokes the key at the next run.
signature_by_trusted_key() {
  local payload=$1 binary=$work/signature.bin file id key ids="" known=0
  local -A sums=()
  shift
  ((${#trusted_key_files[@]})) || for file in "$trusted_keys_dir"/*.pem; do
    if id=$(openssl pkey -pubin -in "$file" -outform DER 2>/dev/null | sha256sum) && [[ -n $id ]]; then
      trusted_key_files[${id:0:16}]=$file
    else
      log warning "$file is not a public key; ignored"
    fi
  done
  ((!debug_enabled)) || hash_files sums "$payload"
  debug "signed statement of $check_list_path has sha256 ${sums[$payload]:-unreadable}"
  while (($# >= 2)); do
    ids+=${ids:+ }$1 key=${trusted_key_files[$1]:-}
    [[ -z $key ]] || known=1
    if [[ -n $key ]] && printf '%s' "$2" | base64 -d >"$binary" 2>/dev/null &&
      openssl pkeyutl -verify -pubin -inkey "$key" -rawin -in "$payload" -sigfile "$binary" >/dev/null 2>&1; then
      debug "check list signature verified with trusted key $1 ($key)"
      return 0
    fi
    shift 2
  done
  ((known)) || { signature_refused unknown_key "signed only by key(s) $ids, none of them in $trusted_keys_dir"; return; }
  signature_refused bad_signature "the signature by a trusted key does not verify"
}

# Verifies check list file $1 against signature file $2: its strict format (docs/SECURITY.md), a trusted
# key, the path, the digest, then, when $3 names a variable, the generation against the last accepted one
# and the expiry, and sets that variable to the generation. Returns 1 with the reason recorded.
verify_signature() {
  local doc=$1 sig=$2 content numbers i path sha256 generation expires actual now minimum
  local -a lines signatures=()
  local -A sums=()
  # read -d '' succeeds only when it finds a NUL byte, which bash would otherwise drop silently.
  if IFS= read -r -d '' content <"$sig" || ((${#content} > MAX_SIGNATURE_BYTES)) ||
    [[ -n $content && $content != *$'\n' ]]; then
    signature_refused malformed "larger than $MAX_SIGNATURE_BYTES bytes, a NUL byte or no final newline"
    return
  fi
  mapfile -t lines <"$sig"
  [[ ${#lines[@]} -ge 6 && ${lines[0]} == "$SIGNATURE_HEADER" &&
    ${lines[1]} =~ ^path\ ([A-Za-z0-9._/-]{1,1024})$ ]] ||
    { signature_refused malformed "expected '$SIGNATURE_HEADER', path, sha256, generation, expires and signature lines"; return; }
  path=${BASH_REMATCH[1]}
  [[ ${lines[2]} =~ ^sha256\ ([0-9a-f]{64})$ ]] ||
    { signature_refused malformed "line 3 must be 'sha256 <64 hex digits>'"; return; }
  sha256=${BASH_REMATCH[1]}
  numbers="^generation $SIGNATURE_NUMBER_RE"$'\n'"expires $SIGNATURE_NUMBER_RE\$"
  [[ ${lines[3]}$'\n'${lines[4]} =~ $numbers ]] ||
    { signature_refused malformed "lines 4 and 5 must be 'generation <integer>' and 'expires <integer>'"; return; }
  generation=${BASH_REMATCH[1]} expires=${BASH_REMATCH[2]}
  for ((i = 5; i < ${#lines[@]}; i++)); do
    [[ ${lines[i]} =~ $SIGNATURE_LINE_RE ]] ||
      { signature_refused malformed "line $((i + 1)) must be 'signature <key id> <base64>'"; return; }
    signatures+=("${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}")
  done
  printf '%s\n' "${lines[@]:0:5}" >"$work/signature.payload"
  signature_by_trusted_key "$work/signature.payload" "${signatures[@]}" || return 1
  [[ $path == "$check_list_path" ]] ||
    { signature_refused wrong_path "signed for $path, but this node asked for $check_list_path"; return; }
  hash_files sums "$doc"
  actual=${sums[$doc]:-unreadable}
  [[ $actual == "$sha256" ]] ||
    { signature_refused digest_mismatch "the list has sha256 $actual, the signature names $sha256"; return; }
  [[ -n ${3:-} ]] || return 0
  last_accepted_generation minimum
  ((generation >= minimum)) || {
    signature_refused rollback "generation $generation is older than generation $minimum, which this node accepted before (in any form or path)"
    return
  }
  printf -v now '%(%s)T' -1
  ((expires > now)) ||
    { signature_refused expired "expired at $(date -u -d "@$expires" +%FT%TZ) (generation $generation)"; return; }
  printf -v "$3" '%s' "$generation"
}

# Sets the variable named $1 to the highest generation this node has accepted; 0 if none. It binds the
# node's target, not a URL: both forms and paths share it, so deleting the compact list to fall back to an
# older inline one is a rollback too (docs/SECURITY.md). The path after it is for people (agents before
# 0.2.0 kept one minimum per path, and their file reads the same way).
last_accepted_generation() {
  local line found=0
  [[ -f $cache_dir/accepted-generation ]] && IFS= read -r line <"$cache_dir/accepted-generation" &&
    [[ $line =~ ^$SIGNATURE_NUMBER_RE\ [A-Za-z0-9._/-]{1,1024}$ ]] && found=${BASH_REMATCH[1]}
  printf -v "$1" '%s' "$found"
}

# Accepts check list file $1 when no trusted keys are configured, or when its signature verifies. The
# signature is fetched (conditionally when a cached one can answer a 304) into work/response.sig, and its
# ETag kept in accepted_signature_etag; a failed fetch is refused as missing or fetch_failed.
signature_accepts() {
  local doc=$1 sig=$work/response.sig headers=$work/signature.headers etag="" status code options
  [[ -n $trusted_keys_dir ]] || return 0
  curl_options options "$MAX_RESPONSE_BYTES"
  [[ -s $cache_dir/response.sig ]] && cached_etag "$cache_dir/response.sig.etag" etag &&
    options+=(-H "If-None-Match: $etag")
  wait_for fetch_bounded "${options[@]}" --dump-header "$headers" --output "$sig" "$check_list_url.sig"
  status=$?
  IFS= read -r code <"$work/curl.status"
  if ((status == 0)) && [[ $code == 304 && -n $etag ]]; then
    cp "$cache_dir/response.sig" "$sig" && accepted_signature_etag=$etag
  elif ((status == 0)) && [[ $code == 200 ]]; then
    etag_from_headers "$headers" accepted_signature_etag
  elif [[ $code == 404 || $code == 410 ]]; then
    signature_refused missing "$check_list_url.sig does not exist (HTTP $code)"
  else
    signature_refused fetch_failed "fetch of $check_list_url.sig failed (curl exit $status, HTTP $code)"
  fi || return 1
  verify_signature "$doc" "$sig" accepted_generation || return 1
  accepted_signature=$sig signature_verified=1
}

# With trusted keys, the cached list runs only if its cached signature still verifies with a trusted key for
# this path and content; its generation and expiry were checked when it was accepted (it keeps running).
cached_signature_accepts() {
  [[ -n $trusted_keys_dir ]] || return 0
  [[ -f $cache_dir/response.sig ]] ||
    { log error "the cached check list is not signed; it does not run while AAMI_TRUSTED_KEYS is set"; return 1; }
  verify_signature "$cache_dir/response.json" "$cache_dir/response.sig" || return 1
  signature_verified=1
}

# Caches the accepted signature beside the cached list, and its generation as the new minimum.
store_signature() {
  local minimum
  [[ -n $accepted_signature ]] || return 0
  copy_file "$accepted_signature" "$cache_dir/response.sig" || return 1
  [[ -z $accepted_signature_etag ]] || write_file "$cache_dir/response.sig.etag" "$accepted_signature_etag"
  last_accepted_generation minimum
  ((accepted_generation < minimum)) ||
    write_file "$cache_dir/accepted-generation" "$accepted_generation $check_list_path"
}

print_signature_metrics() {
  gauge aami_agent_signature_verified \
    '1 if the check list that ran was verified with a trusted key (AAMI_TRUSTED_KEYS); 0 otherwise.' \
    "$signature_verified"
  gauge_header aami_agent_signature_failure \
    'Why the fetched check list was refused: missing, fetch_failed, malformed, unknown_key, bad_signature, wrong_path, digest_mismatch, rollback or expired.'
  [[ -z $signature_failure ]] || printf 'aami_agent_signature_failure{reason="%s"} 1\n' "$signature_failure"
}

# --- check output validation (Prometheus text exposition, stricter than the parser) ---------------------
# One awk validates every output of a run. Its arguments are triples: an output file, where to copy it
# (only when it is valid, so what gets published is exactly what was validated) and the check's metrics
# declaration (DECLARATION_JQ). Per triple it prints "<n> + <finding>" for each metric or label a valid
# output has beyond its declaration (the first MAX_UNDECLARED_REPORTED in byte order, then "... and N
# more"), then "<n> = <first problem>", empty when the output is valid.
# Rules: the output ends with a newline, has no NUL bytes and is UTF-8 (an empty output is valid); HELP
# and TYPE lines are well-formed and come once per family, TYPE before the family's samples; a sample is
# '<name>{<labels>} <value>' with no timestamp; label values use only the escapes \\, \" and \n; no label
# name starts with "__" or repeats; no series repeats; aami_check_* and aami_agent_* are the agent's own;
# a histogram's buckets carry a numeric "le" and a summary's samples a numeric "quantile". Values follow
# the text format's float grammar (Go's strconv.ParseFloat without hex floats and '_'): decimals,
# inf/infinity with an optional sign and nan, case-insensitive, and only what a float64 can hold,
# compared digit by digit against 2^1024 - 2^970 (half an ULP above the largest float64; from there up
# ParseFloat reports out of range). Anything else makes node_exporter drop the whole file.
# shellcheck disable=SC2016 # awk's own $0
readonly EXPOSITION_AWK=$UTF8_AWK'
BEGIN {
  # Each output is read as one record (RS never matches), so its last byte and its NUL bytes are seen.
  RS = "x^"
  OVERFLOW = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792"
  NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*"
  MAX_FINDINGS = max_findings + 0
  for (arg = 1; arg + 2 < ARGC; arg += 3) {
    text = ""
    while ((status = (getline chunk < ARGV[arg])) > 0) text = text chunk
    close(ARGV[arg])
    declare(ARGV[arg + 2])
    why = status < 0 ? "cannot read the output" : problem_of(text)
    if (why == "") {
      printf "%s", text > ARGV[arg + 1]
      close(ARGV[arg + 1])
      print_findings((arg - 1) / 3)
    }
    printf "%d = %s\n", (arg - 1) / 3, why
  }
  exit
}
# Reads a declaration (DECLARATION_JQ) into known[sample] and allowed[sample, label]: a histogram\047s
# _bucket/_sum/_count and a summary\047s _sum/_count belong to it, with the format\047s le/quantile label.
function declare(declaration,  entries, i, parts, labels, suffixes, k, l, sample) {
  split("", known); split("", allowed); split("", findings)
  declared = declaration != ""
  for (i = split(substr(declaration, 2), entries, " "); i > 0; i--) {
    split(entries[i], parts, "/")
    split(parts[3], labels, ",")
    split(parts[2] == "histogram" ? "_bucket _sum _count" : parts[2] == "summary" ? "_sum _count" : "", suffixes, " ")
    suffixes[0] = ""
    for (k in suffixes) {
      known[sample = parts[1] suffixes[k]] = 1
      for (l in labels) allowed[sample, labels[l]] = 1
    }
    if (parts[2] == "histogram") allowed[parts[1] "_bucket", "le"] = 1
    if (parts[2] == "summary") allowed[parts[1], "quantile"] = 1
  }
}
# Prints the first MAX_FINDINGS findings in byte order, then how many more there are: a selection, not a
# sort, so that an output with many undeclared series costs linear time.
function print_findings(number,  f, shown, count, i, j) {
  shown = 0
  for (f in findings) {
    count++
    if (shown == MAX_FINDINGS && f >= first[shown]) continue
    for (i = (shown < MAX_FINDINGS ? ++shown : shown); i > 1 && first[i - 1] > f; i--) first[i] = first[i - 1]
    first[i] = f
  }
  for (j = 1; j <= shown; j++) printf "%d + %s\n", number, first[j]
  if (count > shown) printf "%d + ... and %d more\n", number, count - shown
}
# Records the first problem of the output; returns 0 so that a caller can "return invalid(...)".
function invalid(why) { if (problem == "") problem = why; return 0 }
function invalid_line(why) { return invalid("line " lineno ": " why) }
function problem_of(text,  last, n) {
  problem = ""
  split("", help); split("", type); split("", sampled); split("", series)
  if (text == "") return ""
  # A final NUL byte is reported as one, not as a missing newline.
  last = substr(text, length(text))
  if (last != "\n" && last != "\000") return "output does not end with a newline"
  if (index(text, "\000")) return "output contains NUL bytes"
  if (!utf8_valid(text)) return "output is not valid UTF-8"
  n = split(text, lines, "\n")
  for (lineno = 1; lineno < n && problem == ""; lineno++) {
    if (lines[lineno] == "") continue
    if (substr(lines[lineno], 1, 1) == "#") comment_line(lines[lineno])
    else sample_line(lines[lineno])
  }
  return problem
}
function valid_float(v,  int_part, frac, exp_sign, exp_digits, digits, order) {
  if (v ~ /^[+-]?[iI][nN][fF]([iI][nN][iI][tT][yY])?$/ || v ~ /^[nN][aA][nN]$/) return 1
  if (v !~ /^[+-]?[0-9]*(\.[0-9]*)?([eE][+-]?[0-9]+)?$/) return 0
  sub(/^[+-]/, "", v)
  int_part = v
  sub(/[.eE].*$/, "", int_part)
  frac = ""
  if (match(v, /\.[0-9]*/)) frac = substr(v, RSTART + 1, RLENGTH - 1)
  if (int_part frac == "") return 0
  exp_sign = ""
  exp_digits = ""
  if (match(v, /[eE][+-]?[0-9]+$/)) {
    exp_digits = substr(v, RSTART + 1)
    if (exp_digits ~ /^[+-]/) { exp_sign = substr(exp_digits, 1, 1); exp_digits = substr(exp_digits, 2) }
  }
  # The value is 0.<digits> x 10^order; an underflow is fine (ParseFloat rounds it to zero).
  digits = int_part frac
  sub(/^0+/, "", digits)
  if (digits == "") return 1
  sub(/^0+/, "", exp_digits)
  if (length(exp_digits) > 6) return exp_sign == "-"
  order = length(digits) - length(frac) + (exp_sign == "-" ? -1 : 1) * (exp_digits + 0)
  if (order < length(OVERFLOW)) return 1
  if (order > length(OVERFLOW)) return 0
  sub(/0+$/, "", digits)
  return ("x" digits) < ("x" OVERFLOW)
}
function reserved(name) { return name ~ /^aami_(check|agent)_/ }
# The TYPE of a family ("" without one); looking it up must not create it.
function kind(name) { return (name in type) ? type[name] : "" }
function comment_line(line,  name, text) {
  if (line !~ /^#[ \t]*(HELP|TYPE)([ \t]|$)/) return
  # After "# HELP " or "# TYPE ": the name, then its text or type.
  match(substr(line, 8), "^" NAME)
  name = substr(line, 8, RLENGTH)
  text = substr(line, 9 + RLENGTH)
  if (line ~ ("^# HELP " NAME "( |$)")) {
    if (text !~ /^([^\\]|\\[\\n])*$/) return invalid_line("HELP text may only use the escapes \\\\ and \\n")
    if (name in help) return invalid_line("second HELP line for " name)
    help[name] = 1
  } else if (line ~ ("^# TYPE " NAME " (counter|gauge|histogram|summary|untyped)$")) {
    if (name in type) return invalid_line("second TYPE line for " name)
    if (name in sampled) return invalid_line("TYPE line for " name " after its samples")
    type[name] = text
  } else {
    return invalid_line("malformed HELP/TYPE line (expected \047# HELP <name> <text>\047 or \047# TYPE <name> counter|gauge|histogram|summary|untyped\047)")
  }
  if (reserved(name)) invalid_line("metric name " name " is reserved for the agent" "\047" "s own metrics")
}
# Consumes an optional {name="value",...} from the front of rest, into labels and key (the label set as
# written, to recognise a repeated series).
function label_set(  label, value, pair) {
  if (rest !~ /^[ \t]*\{/) return
  sub(/^[ \t]*\{/, "", rest)
  while (1) {
    sub(/^[ \t]*/, "", rest)
    if (substr(rest, 1, 1) == "}") { rest = substr(rest, 2); return }
    if (!match(rest, /^[a-zA-Z_][a-zA-Z0-9_]*[ \t]*=[ \t]*"([^"\\]|\\[\\"n])*"[ \t]*/))
      return invalid_line("malformed label set (expected name=\"value\" with only \\\\, \\\" and \\n escapes)")
    pair = substr(rest, 1, RLENGTH)
    rest = substr(rest, RLENGTH + 1)
    match(pair, /[a-zA-Z_][a-zA-Z0-9_]*/)
    label = substr(pair, RSTART, RLENGTH)
    match(pair, /"([^"\\]|\\[\\"n])*"/)
    value = substr(pair, RSTART + 1, RLENGTH - 2)
    if (label ~ /^__/) return invalid_line("label name " label " is reserved")
    if (label in labels) return invalid_line("duplicate label " label)
    labels[label] = value
    key = key label "=\"" value "\","
    if (substr(rest, 1, 1) == ",") rest = substr(rest, 2)
    else if (substr(rest, 1, 1) != "}") return invalid_line("expected \047,\047 or \047}\047 after label " label)
  }
}
function sample_line(line,  name, family, base, value, l) {
  if (!match(line, "^" NAME)) return invalid_line("expected a comment or \047<metric_name>{<labels>} <value>\047")
  name = substr(line, 1, RLENGTH)
  rest = substr(line, RLENGTH + 1)
  if (reserved(name)) return invalid_line("metric name " name " is reserved for the agent" "\047" "s own metrics")
  # The family a sample belongs to: histogram and summary samples carry a suffix.
  family = name
  if (match(name, /.(_bucket|_sum|_count)$/) && (kind(base = substr(name, 1, RSTART)) == "histogram" || kind(base) == "summary"))
    family = base
  split("", labels)
  key = ""
  label_set()
  if (problem != "") return
  if (rest ~ /^[ \t]+[^ \t]+$/) {
    value = rest
    sub(/^[ \t]+/, "", value)
  } else if (rest ~ /^[ \t]+[^ \t]+[ \t]+-?[0-9]+[ \t]*$/) {
    return invalid_line("timestamps are not allowed in check output")
  } else {
    return invalid_line("expected one value after the metric name and labels, and nothing else")
  }
  if (!valid_float(value))
    return invalid_line("value \047" value "\047 is not a number a float64 can hold (Prometheus text format)")
  if (kind(family) == "histogram" && name == family "_bucket") {
    if (!valid_float(("le" in labels) ? labels["le"] : ""))
      return invalid_line("histogram bucket needs an \047le\047 label with a number")
  } else if (kind(family) == "summary" && name == family) {
    if (!valid_float(("quantile" in labels) ? labels["quantile"] : ""))
      return invalid_line("summary sample needs a \047quantile\047 label with a number")
  }
  if ((name "{" key) in series) return invalid_line("duplicate series " name "{" substr(key, 1, length(key) - 1) "}")
  series[name "{" key] = 1
  sampled[name] = 1
  sampled[family] = 1
  if (!declared) return
  if (!(name in known)) findings["metric " name] = 1
  else for (l in labels) if (!((name, l) in allowed)) findings["label " l " of metric " name] = 1
}
'

# --- declared output (the check's "metrics" list) -----------------------------------------------------

readonly MAX_UNDECLARED_REPORTED=10

# Logs the findings $3 (one per line) of check $1 with declaration $2 as warnings and sets the variable
# named $4 to how many there are ("" when not compared). Never refuses output.
report_undeclared_output() {
  local name=$1 line count=0
  if [[ $2 == "!" ]]; then
    log warning "check $name: its metrics declaration is not a list of {name, type, labels}; output not compared"
    printf -v "$4" '%s' ""
    return 0
  fi
  while IFS= read -r line; do
    [[ -n $line ]] || continue
    log warning "check $name: output has $line, which its metrics declaration does not list"
    [[ $line =~ ^\.\.\.\ and\ ([0-9]+)\ more$ ]] && count=$((count + BASH_REMATCH[1] - 1))
    count=$((count + 1))
  done <<<"$3"
  printf -v "$4" '%d' "$count"
}

# --check-output: validates FILE ('-' for stdin) and, with --declared, prints a warning line per metric
# or label it has beyond the declaration, then its verdict.
check_output_mode() {
  local shown=$1 file=$1 declaration="" mark finding problem="cannot read the output"
  local -a findings=()
  require_commands jq awk
  work=$(mktemp -d) || exit "$EXIT_IO"
  # shellcheck disable=SC2064 # expand now: the path is fixed
  trap "rm -rf '$work'" EXIT
  [[ $file != - ]] || { file=$work/output && cat >"$file"; }
  [[ -r $file ]] || usage_error "cannot read $file"
  if [[ -n $declared_json ]]; then
    declaration=$(jq -r -n --argjson declared "$declared_json" "$DECLARATION_JQ"'$declared | declaration' 2>/dev/null)
    # Only a list passed as --declared is a declaration; null and false are not.
    [[ -n $declaration ]] || declaration="!"
  fi
  while read -r _ mark finding; do
    if [[ $mark == + ]]; then findings+=("$finding"); else problem=$finding; fi
  done < <(awk -v max_findings="$MAX_UNDECLARED_REPORTED" "$EXPOSITION_AWK" "$file" "$work/out.prom" "${declaration/#!/}")
  [[ -z $problem ]] || { printf '%s: %s\n' "$shown" "$problem" && exit 1; }
  [[ $declaration != "!" ]] || usage_error "--declared must be a JSON array of {name, type, help, labels} objects"
  for finding in "${findings[@]}"; do printf '%s: warning: %s is not declared\n' "$shown" "$finding"; done
  printf '%s: ok\n' "$shown"
  exit 0
}

# --- scripts: cached, fetched, verified -------------------------------------------------------------------

# Adds the SHA-256 of each file $2... to the associative array named $1 (by path), in one sha256sum; a
# file it cannot read gets none. sha256sum escapes a name with a backslash or newline and marks its line
# with a leading backslash: such a line is skipped, and that file gets none either.
# shellcheck disable=SC2004,SC2034 # a nameref to the caller's associative array, indexed by path
hash_files() {
  local -n hash_files_into=$1
  local sum path
  shift
  (($#)) || return 0
  while read -r sum path; do
    [[ $sum == \\* ]] || hash_files_into[$path]=$sum
  done < <(sha256sum -- "$@" 2>/dev/null)
}

# Sets check_script[i] to each check's verified script, or check_problem[i] to why it cannot run
# (refused_hash_mismatch, script_unavailable, io_error). An inline list's scripts are hashed from the list
# every run, so content that does not match its hash is refused even when the cache holds the right
# script. A cached copy runs when its SHA-256, computed in this run, is the published hash; any other is
# replaced. The compact form's missing scripts come by hash in one curl. With dry_run set nothing is cached.
prepare_scripts() {
  local i name hash cached staged dir=$cache_dir/checks
  local -A sums=() by_hash=()
  local -a to_hash=() missing=() leftovers=()
  ((dry_run)) && dir=$work
  compact_list || stage_inline_scripts "$dir"
  for ((i = 0; i < check_count; i++)); do
    cached=$cache_dir/checks/check-${check_name[i]}-${check_hash[i]}
    ((dry_run)) || clear_non_regular "$cached"
    [[ -f $cached ]] && to_hash+=("$cached")
    compact_list || to_hash+=("$dir/.check-${check_name[i]}.new")
  done
  hash_files sums "${to_hash[@]}"
  if compact_list; then
    for ((i = 0; i < check_count; i++)); do
      cached=$cache_dir/checks/check-${check_name[i]}-${check_hash[i]}
      [[ ${sums[$cached]:-} == "${check_hash[i]}" ]] && by_hash[${check_hash[i]}]=$cached || missing+=("$i")
    done
    fetch_scripts "$dir" "${missing[@]}"
  fi

  for ((i = 0; i < check_count; i++)); do
    name=${check_name[i]} hash=${check_hash[i]}
    cached=$cache_dir/checks/check-$name-$hash staged=$dir/.check-$name.new
    [[ -z ${check_problem[i]} ]] || continue
    if [[ -z ${sums[$staged]+set} && ${sums[$cached]:-} == "$hash" ]]; then
      check_script[i]=$cached
    elif [[ ${sums[$staged]:-} != "$hash" ]]; then
      log error "check $name: REFUSED: script_content has sha256 ${sums[$staged]:-unreadable} but the check list says $hash; not cached, not run"
      check_problem[i]=refused_hash_mismatch
      leftovers+=("$staged")
    elif [[ ${sums[$cached]:-} == "$hash" ]]; then
      check_script[i]=$cached
      leftovers+=("$staged")
    elif ((dry_run)); then
      check_script[i]=$staged
    else
      if [[ -f $cached ]]; then
        log warning "check $name: cached $cached has sha256 ${sums[$cached]:-unreadable}, not $hash; replacing it"
      fi
      if replace_file "$staged" "$cached"; then
        check_script[i]=$cached
      else
        log error "check $name: cannot write $cached"
        check_problem[i]=io_error
        leftovers+=("$staged")
      fi
    fi
  done
  ((${#leftovers[@]} == 0)) || rm -f -- "${leftovers[@]}"
}

# Writes the script_content of every runnable check of the inline list to DIR/.check-<name>.new: jq prints
# each name and content after a separator random for this run and awk splits at it (a content holding it
# would only fail its hash). Runnable entries have safe file names, and no two share one.
stage_inline_scripts() {
  local dir=$1 separator names
  printf -v separator 'aami-%04x%04x%04x%04x%04x%04x-' "$RANDOM" "$RANDOM" "$RANDOM" "$RANDOM" "$RANDOM" "$RANDOM"
  printf -v names '"%s":1,' "${check_name[@]}"
  jq -j --arg separator "$separator" --argjson names "{${names%,}}" \
    '.[] | objects | select((.name | type) == "string" and $names[.name] == 1)
     | .name, $separator, .script_content, $separator' "$check_list" |
    staging_prefix="$dir/.check-" awk -v separator="$separator" '
      BEGIN { RS = separator; ORS = "" }
      NR % 2 == 1 { file = ENVIRON["staging_prefix"] $0 ".new"; next }
      { print > file; close(file) }'
}

# Fetches the script of each check number $2... by hash into DIR/.check-<name>.new in one curl (or copies a
# verified cached one of that hash) and hashes it into sums; check_problem says script_unavailable if not.
fetch_scripts() {
  local dir=$1 i name hash staged status error=""
  shift
  local -a fetch=() args=() codes=() staged_files=() options
  for i in "$@"; do
    name=${check_name[i]} hash=${check_hash[i]} staged=$dir/.check-$name.new
    staged_files+=("$staged")
    if [[ -n ${by_hash[$hash]:-} ]]; then
      cp -- "${by_hash[$hash]}" "$staged" || check_problem[i]=io_error
    else
      fetch+=("$i")
      args+=(--output "$staged" "$scripts_url/$hash")
    fi
  done
  if ((${#fetch[@]})); then
    curl_options options "$MAX_RESPONSE_BYTES"
    debug "fetching ${#fetch[@]} script(s) from $scripts_url"
    wait_for fetch_bounded "${options[@]}" "${args[@]}"
    status=$?
    # One status line per transfer, in order; a transfer that failed or never happened has no 200.
    mapfile -t codes <"$work/curl.status"
    for ((i = 0; i < ${#fetch[@]}; i++)); do
      if [[ ${codes[i]:-} != 200 ]]; then
        name=${check_name[fetch[i]]} hash=${check_hash[fetch[i]]}
        [[ -n $error ]] || error=$(<"$work/curl.err")
        log error "check $name: fetch of $scripts_url/$hash failed (HTTP ${codes[i]:-none}, curl exit $status): ${error//$'\n'/ }"
        check_problem[fetch[i]]=script_unavailable
        rm -f -- "$dir/.check-$name.new"
      fi
    done
  fi
  hash_files sums "${staged_files[@]}"
}

# --- running checks -------------------------------------------------------------------------------------
# A run starts a fixed number of processes for the whole list (curl, jq, sha256sum, mkdir, the validating
# awk, mv) and per check only the check under timeout(1), in one of --jobs slot directories emptied between
# checks (a directory made and removed per check costs more than many a check on some file systems).
# Results are validated and logged in list order, whichever check finishes first.

# Sets the variable named $2 to the absolute path of command $1 on PATH ("" and fails when there is none):
# checks run in a directory of their own, so a relative PATH entry does not count.
find_command() {
  local dir
  local -a dirs
  IFS=: read -ra dirs <<<"$PATH"
  for dir in "${dirs[@]}"; do
    [[ $dir == /* && -f $dir/$1 && -x $dir/$1 ]] && printf -v "$2" '%s' "$dir/$1" && return 0
  done
  printf -v "$2" '%s' ""
  return 1
}

# Sets the variable named $1 to the wall-clock time in ns, for timestamps (bash 5 has it built in).
now_ns() {
  [[ -z ${EPOCHREALTIME:-} ]] || { printf -v "$1" '%d' "$((10#${EPOCHREALTIME/[.,]/} * 1000))" && return; }
  printf -v "$1" '%d' "$(date +%s%N)"
}

# A clock for durations that a step of the wall clock (NTP, date -s) cannot move: the kernel's boot
# clock in /proc/uptime (10 ms resolution) where there is one. Sets the variable named $1.
monotonic_ns() {
  local uptime
  read -r uptime _ 2>/dev/null </proc/uptime || uptime=""
  [[ $uptime =~ ^([0-9]+)\.([0-9]{2})$ ]] || { now_ns "$1" && return; }
  printf -v "$1" '%d' "$((10#${BASH_REMATCH[1]} * 1000000000 + 10#${BASH_REMATCH[2]} * 10000000))"
}

# Sets the variable named $1 to $2 ns as seconds with millisecond decimals; a negative span (the wall-clock
# fallback going backwards) counts as 0: a sample like "0.-5" would make node_exporter drop the whole file.
seconds_from_ns() {
  local ms=$(($2 / 1000000))
  ((ms < 0)) && ms=0
  printf -v "$1" '%d.%03d' "$((ms / 1000))" "$((ms % 1000))"
}

# Sets the variable named $2 to the log lines of a check's stderr in file $1, at most
# MAX_LOGGED_STDERR_LINES of at most MAX_LOGGED_STDERR_CHARS each, control characters replaced.
check_stderr_log() {
  local line count=0 logged=""
  [[ ! -s $1 ]] || while IFS= read -r line; do
    if ((++count > MAX_LOGGED_STDERR_LINES)); then
      logged+="stderr: ... $(($(wc -l <"$1") - MAX_LOGGED_STDERR_LINES)) more lines not logged"$'\n'
      break
    fi
    line=${line//[[:cntrl:]]/?}
    ((${#line} > MAX_LOGGED_STDERR_CHARS)) && line="${line:0:MAX_LOGGED_STDERR_CHARS}... (truncated)"
    logged+="stderr: $line"$'\n'
  done <"$1"
  printf -v "$2" '%s' "$logged"
}

# Sets the variable named $2 to an empty directory for check number $1: its slot's (one per --jobs), emptied
# of what the slot's last check left there, or a new one if that check damaged it beyond that.
slot_directory() {
  local slot=$work/slot.$(($1 % max_jobs)) usable=0
  local -a leftovers=()
  if [[ -d $slot && ! -L $slot && -O $slot && -r $slot && -w $slot && -x $slot ]]; then
    shopt -s dotglob
    leftovers=("$slot"/*)
    shopt -u dotglob
    ((${#leftovers[@]} == 0)) || rm -rf -- "${leftovers[@]}" 2>/dev/null && usable=1
  fi
  if ((!usable)) && [[ -e $slot || -L $slot ]]; then slot=$work/check.$1; fi
  [[ -d $slot && ! -L $slot ]] || mkdir -- "$slot" || return 1
  printf -v "$2" '%s' "$slot"
}

# The check's process: no lock, bounded file sizes, directory $2, stderr to file $3 and only the documented
# environment (cleared here rather than by env -i: a process less per check). Started with wait_for.
exec_check() {
  local i=$1 dir=$2
  # A check must not inherit the lock: a daemon it leaves behind would block every later run.
  exec {lock_fd}>&-
  ulimit -f "$MAX_CHECK_FILE_KIB"
  cd "$dir" || exit 126
  export -n OLDPWD "${exported_variables[@]}" # OLDPWD: cd exports it
  ((${#exported_functions[@]} == 0)) || export -nf "${exported_functions[@]}"
  export PATH HOME="$dir" TMPDIR="$dir" LANG=C.UTF-8 CONFIG="${check_config[i]}" AAMI_CHECK_NAME="${check_name[i]}"
  exec <<<"${check_config[i]}" >"$work/out.$i" 2>"$3"
  exec "${commands[@]}"
}

# Runs check number $1 in directory $2 under timeout(1) (which kills the check's whole process group at the
# timeout) and sets ran_status, ran_start (wall clock, ns), ran_ns (boot clock) and ran_stderr (log lines of
# its stderr file $3). In the background (--jobs above 1) it passes a TERM on and prints the four.
launch_check() {
  local i=$1 start_mono end_mono
  local -a commands=("$timeout_path" --kill-after="$KILL_GRACE_SECONDS" "${check_timeout[$1]}"
    "${interpreter_paths[${check_language[$1]}]}")
  [[ ${check_language[i]} != python ]] || commands+=(-I)
  commands+=("${check_script[i]}")
  [[ $BASHPID == "$run_pid" ]] || trap 'stop_background; exit 143' TERM
  now_ns "ran_start[i]"
  monotonic_ns start_mono
  debug "check ${check_name[i]}: running ${commands[*]} with CONFIG ${check_config[i]}"
  wait_for exec_check "$i" "$2" "$3"
  ran_status[i]=$?
  monotonic_ns end_mono
  ran_ns[i]=$((end_mono - start_mono))
  check_stderr_log "$3" "ran_stderr[i]"
  [[ $BASHPID == "$run_pid" ]] ||
    printf '%d %d %d\n%s' "${ran_status[i]}" "${ran_start[i]}" "${ran_ns[i]}" "${ran_stderr[i]}"
}

# Whether check number $1 can be started: no problem so far, its interpreter found, its script in place
# (a regular file, not a symlink). finish_check says why not.
runnable() {
  [[ -z ${check_problem[$1]} && -n ${interpreter_paths[${check_language[$1]}]} && -f ${check_script[$1]} &&
    ! -L ${check_script[$1]} ]]
}

# Runs every runnable check, up to max_jobs at once, into the ran_* arrays; a background check's log is
# replayed when it is collected, in list order.
run_checks() {
  local i next=0 line dir
  local -a job_pid=()
  for ((i = 0; i < check_count; i++)); do
    if ((max_jobs == 1)); then
      runnable "$i" || continue
      slot_directory "$i" dir || return 1
      launch_check "$i" "$dir" "$dir.stderr"
      continue
    fi
    while ((next < check_count && next < i + max_jobs)); do
      if runnable "$next"; then
        # The slot of the check max_jobs before this one, which has been collected.
        slot_directory "$next" dir || return 1
        launch_check "$next" "$dir" "$dir.stderr" >"$work/result.$next" 2>"$work/log.$next" &
        job_pid[next]=$! running_jobs[next]=$!
      fi
      next=$((next + 1))
    done
    if [[ -n ${job_pid[i]:-} ]]; then
      wait "${job_pid[i]}"
      unset -v 'running_jobs[i]'
      { read -r "ran_status[i]" "ran_start[i]" "ran_ns[i]" && IFS= read -r -d '' "ran_stderr[i]"; } <"$work/result.$i"
      [[ ${ran_status[i]:-} =~ ^[0-9]+$ ]] || unset -v 'ran_status[i]' 'ran_start[i]' 'ran_ns[i]'
      while IFS= read -r line; do printf '%s\n' "$line" >&2; done <"$work/log.$i"
    fi
  done
}

# Sets the variable named $6 to why check $1 failed ("" when it exited 0), from its output file $2,
# timeout $3 s, exit status $4 and how long it ran ($5 ns, to tell a timeout from a kill), and logs it.
failure_reason() {
  local name=$1 out=$2 timeout=$3 status=$4 elapsed=$5 why=exit_status
  if ((status == 0)); then
    why=""
  elif ((status == 124 || status == 137)) && ((elapsed >= timeout * 1000000000 - CLOCK_SLACK_NS)); then
    log error "check $name: killed after its timeout of ${timeout}s"
    why=timeout
  elif ((status == 128 + 25)) || (($(wc -c <"$out") >= MAX_CHECK_FILE_KIB * 1024)); then
    # SIGXFSZ kills a shell; python3 ignores it and fails with EFBIG instead.
    log error "check $name: wrote more than $MAX_CHECK_FILE_KIB KiB to a file (or its output)"
    why=output_too_large
  elif ((status > 128)); then
    log error "check $name: killed by signal $((status - 128)) ($(kill -l "$status" 2>/dev/null || echo '?'))"
  else
    log error "check $name: exited with status $status"
  fi
  printf -v "$6" '%s' "$why"
}

# Validates the output of every check that exited 0 in one awk, stages the valid ones for publication
# (mode 0644: node_exporter, another user, reads them) and compares them with their declarations. Sets
# output_problem[i] ("" when staged) and undeclared_found[i] (one finding per line).
validate_outputs() {
  local i k mark finding
  local -a triples=() checks=()
  for ((i = 0; i < check_count; i++)); do
    [[ ${ran_status[i]:-} == 0 ]] || continue
    triples+=("$work/out.$i" "$staging/aami_check_${check_name[i]}.prom" "${check_metrics[i]/#!/}")
    checks+=("$i") output_problem[i]="cannot validate the output"
  done
  ((${#checks[@]})) || return 0
  umask 022
  awk -v max_findings="$MAX_UNDECLARED_REPORTED" "$EXPOSITION_AWK" "${triples[@]}" >"$work/verdicts"
  umask 077
  while read -r k mark finding; do
    if [[ $mark == + ]]; then undeclared_found[checks[k]]+=$finding$'\n'; else output_problem[checks[k]]=$finding; fi
  done <"$work/verdicts"
}

# Collects check number $1 in list order: logs its stderr and outcome (or why it did not run: a check
# is launched only when runnable) and fills result_*[$1].
finish_check() {
  local i=$1 name=${check_name[$1]} reason=${check_problem[$1]} started undeclared="" duration line
  if [[ -n $reason ]]; then
    :
  elif [[ -z ${interpreter_paths[${check_language[i]}]} ]]; then
    log error "check $name: interpreter ${check_language[i]/python/python3} not found"
    reason=interpreter_missing
  elif [[ -z ${ran_status[i]:-} ]]; then
    log error "check $name: cached script ${check_script[i]} is gone; not running it"
    reason=cache_corrupt
  else
    [[ -z ${ran_stderr[i]} ]] || while IFS= read -r line; do log "check $name" "$line"; done <<<"${ran_stderr[i]%$'\n'}"
    # aami check run shows the raw output too, valid or not; only a local list is run that way.
    [[ -z $list_file ]] || cp -f "$work/out.$i" "$cache_dir/$name.output" 2>/dev/null || true
    failure_reason "$name" "$work/out.$i" "${check_timeout[i]}" "${ran_status[i]}" "${ran_ns[i]}" reason
    if [[ -z $reason && -n ${output_problem[i]} ]]; then
      log error "check $name: output is not valid Prometheus text exposition: ${output_problem[i]}; not published"
      reason=invalid_output
    fi
    if [[ -z $reason && -n ${check_metrics[i]} ]]; then
      report_undeclared_output "$name" "${check_metrics[i]}" "${undeclared_found[i]:-}" undeclared
    fi
  fi
  if [[ -n ${ran_start[i]:-} ]]; then started=${ran_start[i]}; else now_ns started; fi
  seconds_from_ns duration "${ran_ns[i]:-0}"
  seconds_from_ns started "$started"
  result_success[i]=$((${#reason} == 0)) result_reason[i]=$reason result_duration[i]=$duration
  result_started[i]=$started result_undeclared[i]=$undeclared
}

# Runs, validates and collects every check into the result_* arrays.
run_and_collect_checks() {
  local i
  local -a ran_status=() ran_start=() ran_ns=() ran_stderr=() output_problem=() undeclared_found=() slots=()
  local -A interpreter_paths=()
  # Resolved once per run, not once per check.
  for i in bash sh python; do find_command "${i/python/python3}" "interpreter_paths[$i]"; done
  for ((i = 0; i < max_jobs && i < check_count; i++)); do slots+=("$work/slot.$i"); done
  mkdir -- "$staging" "${slots[@]}" || return 1
  run_checks || return 1
  validate_outputs
  for ((i = 0; i < check_count; i++)); do finish_check "$i"; done
}

# Publishes every staged output in one mv (a rename(2) each, so node_exporter never reads a partial file);
# a check whose output could not be renamed into place fails with io_error.
publish_outputs() {
  local i
  local -a staged=()
  for ((i = 0; i < check_count; i++)); do
    ((result_success[i])) || continue
    clear_non_regular "$textfile_dir/aami_check_${check_name[i]}.prom"
    staged+=("$staging/aami_check_${check_name[i]}.prom")
  done
  ((${#staged[@]} == 0)) || mv -f -t "$textfile_dir" -- "${staged[@]}" && return 0
  for ((i = 0; i < check_count; i++)); do
    if ((result_success[i])) && [[ -e $staging/aami_check_${check_name[i]}.prom ]]; then
      log error "check ${check_name[i]}: cannot publish $textfile_dir/aami_check_${check_name[i]}.prom"
      result_success[i]=0 result_reason[i]=io_error
    fi
  done
}

# --- metrics ------------------------------------------------------------------------------------------

# Sets the variable named $2 to $1 escaped as a label value.
label_escape() {
  local v=${1//\\/\\\\}
  v=${v//\"/\\\"}
  printf -v "$2" '%s' "${v//$'\n'/\\n}"
}

# Writes aami_agent.prom atomically (mode 0644: node_exporter, another user, reads it).
write_agent_metrics() {
  local now listed="" status=0
  now_ns now
  seconds_from_ns now "$now"
  # A list fetched or confirmed in this run was sent now; a cached or local one when its file last changed.
  if ((fetch_success)) && [[ -z $list_file ]]; then
    listed=${now%.*}
  elif [[ -n $check_list && -f $check_list ]]; then
    listed=$(date -r "$check_list" +%s)
  fi
  umask 022
  write_atomically "$textfile_dir/aami_agent.prom" print_metrics "$now" "$listed" || status=1
  umask 077
  ((status == 0)) || log error "cannot write $textfile_dir/aami_agent.prom"
  return "$status"
}

print_metrics() { print_agent_metrics "$@" && print_check_metrics; }

gauge_header() { printf '# HELP %s %s\n# TYPE %s gauge\n' "$1" "$2" "$1"; }

# A gauge without labels: its HELP and TYPE lines and its one sample, value $3.
gauge() { gauge_header "$1" "$2" && printf '%s %s\n' "$1" "$3"; }

# How this run went; $1 is the time it finished, $2 when the list that ran was last sent or confirmed.
print_agent_metrics() {
  gauge_header aami_agent_info 'The aami node agent version.'
  printf 'aami_agent_info{version="%s"} 1\n' "$AGENT_VERSION"
  gauge aami_agent_fetch_success \
    '1 if the last fetch returned a valid check list (200) or confirmed the cached one (304).' "$fetch_success"
  gauge aami_agent_using_cached_response \
    '1 if the fetch failed or was rejected and the last good cached check list ran instead.' "$using_cached_list"
  gauge aami_agent_response_not_modified \
    '1 if the server answered 304 Not Modified to the cached ETag.' "$not_modified"
  print_signature_metrics
  gauge aami_agent_response_rejected \
    '1 if the server sent a malformed check list that was rejected whole.' "$list_rejected"
  gauge aami_agent_checks_assigned 'Number of checks in the check list that ran.' "$check_count"
  gauge aami_agent_checks_failed 'Number of assigned checks that were refused or failed.' "$failed_count"
  gauge aami_agent_checks_refused \
    'Number of entries of the check list that broke the published-document contract and did not run.' \
    "${#refused_check[@]}"
  if [[ -n $check_list && -f $check_list ]]; then
    gauge aami_agent_response_timestamp_seconds \
      'When the server last sent or confirmed the check list that ran.' "$2"
  fi
  gauge aami_agent_last_run_timestamp_seconds 'When the agent last completed a run.' "$1"
  if [[ -n $list_generation ]]; then
    gauge aami_agent_list_generation \
      'Generation (render commit time) of the site that the check list that ran is current with.' "$list_generation"
  fi
}

# One series per refused entry and reason (two entries of one name and reason give one series), then one
# per assigned check and metric, from the result_* arrays of this run.
print_check_metrics() {
  local i version series check
  local -A printed=()
  gauge_header aami_check_refused \
    'An entry of the check list that broke the published-document contract (schemas/checks-document.schema.json) and did not run, by reason: missing_field, invalid_name, invalid_field, invalid_language, invalid_config, config_too_large, invalid_hash, invalid_timeout, not_an_object or duplicate_name.'
  for ((i = 0; i < ${#refused_check[@]}; i++)); do
    label_escape "${refused_check[i]}" check
    series="aami_check_refused{check=\"$check\",reason=\"${refused_reason[i]}\"}"
    [[ -n ${printed[$series]:-} ]] || printf '%s 1\n' "$series"
    printed[$series]=1
  done
  gauge_header aami_check_success \
    '1 if the check ran, exited 0 and published valid metrics; 0 if it was refused or failed.'
  for ((i = 0; i < check_count; i++)); do
    label_escape "${check_version[i]}" version
    printf 'aami_check_success{check="%s",version="%s",hash="%s"} %d\n' "${check_name[i]}" "$version" \
      "${check_hash[i]}" "${result_success[i]}"
  done
  gauge_header aami_check_failure \
    'Why a check failed: refused_hash_mismatch, script_unavailable, cache_corrupt, interpreter_missing, timeout, exit_status, output_too_large, invalid_output or io_error.'
  for ((i = 0; i < check_count; i++)); do
    ((result_success[i])) ||
      printf 'aami_check_failure{check="%s",reason="%s"} 1\n' "${check_name[i]}" "${result_reason[i]}"
  done
  gauge_header aami_check_undeclared_output \
    'Metrics and labels in the output of a check with a metrics declaration that the declaration does not list.'
  for ((i = 0; i < check_count; i++)); do
    [[ -z ${result_undeclared[i]:-} ]] ||
      printf 'aami_check_undeclared_output{check="%s"} %d\n' "${check_name[i]}" "${result_undeclared[i]}"
  done
  gauge_header aami_check_duration_seconds 'How long the check ran.'
  for ((i = 0; i < check_count; i++)); do
    printf 'aami_check_duration_seconds{check="%s"} %s\n' "${check_name[i]}" "${result_duration[i]}"
  done
  gauge_header aami_check_last_run_timestamp_seconds 'When the check was last attempted.'
  for ((i = 0; i < check_count; i++)); do
    printf 'aami_check_last_run_timestamp_seconds{check="%s"} %s\n' "${check_name[i]}" "${result_started[i]}"
  done
}

# Removes each file "$@" whose name the associative array named $1 does not list: outputs the run did not
# publish (no stale success survives) and scripts it did not use.
# shellcheck disable=SC2034 # a nameref to the caller's associative array
remove_unlisted() {
  local -n remove_unlisted_keep=$1
  local file
  local -a unlisted=()
  shift
  for file; do
    [[ -n ${remove_unlisted_keep[${file##*/}]:-} ]] || unlisted+=("$file")
  done
  ((${#unlisted[@]} == 0)) || { debug "removing ${unlisted[*]}" && rm -rf -- "${unlisted[@]}"; }
}

# shellcheck disable=SC2034 # read by remove_unlisted
remove_stale_outputs() {
  local i
  local -A published=()
  for ((i = 0; i < check_count; i++)); do
    ((result_success[i])) && published[aami_check_${check_name[i]}.prom]=1
  done
  remove_unlisted published "$textfile_dir"/aami_check_*.prom
}

# shellcheck disable=SC2034 # read by remove_unlisted
prune_script_cache() {
  local i
  local -A referenced=()
  for ((i = 0; i < check_count; i++)); do
    [[ -z ${check_script[i]} ]] || referenced[check-${check_name[i]}-${check_hash[i]}]=1
  done
  remove_unlisted referenced "$cache_dir"/checks/check-* "$cache_dir"/checks/.check-*
}

# One complete run under the lock. Returns an exit code.
run_once() {
  local i failed_count=0
  local -a result_success=() result_reason=() result_duration=() result_started=() result_undeclared=()
  check_count=0 refused_check=() refused_reason=() site_generation=""

  # Leftovers of a run that was killed outright (SIGKILL, a crash, a power cut).
  remove_temporary_files

  obtain_check_list
  [[ -z $check_list ]] || load_check_list
  read_site_generation
  record_list_generation
  if [[ -z $check_list ]]; then
    # Nothing is known to be assigned: publish no stale success.
    remove_stale_outputs
    write_agent_metrics || return "$EXIT_IO"
    return "$EXIT_NO_CHECKS"
  fi

  prepare_scripts
  run_and_collect_checks || return "$EXIT_IO"
  publish_outputs
  for ((i = 0; i < check_count; i++)); do
    ((result_success[i])) || failed_count=$((failed_count + 1))
  done
  remove_stale_outputs
  prune_script_cache
  write_agent_metrics || return "$EXIT_IO"
  debug "run finished: $check_count checks, $failed_count failed; wrote $textfile_dir/aami_agent.prom"
  ((!using_cached_list)) || return "$EXIT_STALE"
  ((failed_count == 0 && ${#refused_check[@]} == 0)) || return "$EXIT_CHECK_FAILED"
  return "$EXIT_OK"
}

prepare_directories() {
  [[ -d $textfile_dir ]] || { log error "textfile directory $textfile_dir does not exist" && return 1; }
  [[ -w $textfile_dir ]] || { log error "textfile directory $textfile_dir is not writable" && return 1; }
  heal_cache_directory
  [[ -d $cache_dir/checks ]] || mkdir -p "$cache_dir/checks" 2>/dev/null
  [[ -w $cache_dir/checks ]] || { log error "cache directory $cache_dir is not writable" && return 1; }
}

# --- cache self-healing: whatever damage the cache has, the next run repairs it ---------------------------
# The cache is the agent's own (mode 0700); the names below are the only ones it writes there and in the
# textfile directory, so anything else at those names is damage, not someone's data.

# Removes whatever is at PATH unless it is a regular file: a directory, a FIFO (which would block a
# reader), a socket, a device or a symlink (which could point anywhere).
clear_non_regular() {
  [[ -L $1 || (-e $1 && ! -f $1) ]] || return 0
  log warning "$1 is not a regular file; removing it"
  rm -rf -- "$1"
}

# Renames the temporary file $1 to $2. Never into $2: mv would move a file into a directory found at $2.
replace_file() {
  clear_non_regular "$2"
  mv -fT -- "$1" "$2"
}

# Replaces file $1 atomically with the output of "$@": written into a temporary file beside it, created
# anew (noclobber: never opened through something already there), renamed into place.
write_atomically() {
  local file=$1 tmp=${1%/*}/.${1##*/}.tmp.$BASHPID status=0
  shift
  set -C
  { "$@" >"$tmp"; } 2>/dev/null || status=1
  set +C
  ((!status)) && replace_file "$tmp" "$file" && return 0
  rm -f -- "$tmp"
  return 1
}

write_file() { write_atomically "$1" printf '%s\n' "$2"; }
copy_file() { write_atomically "$2" cat -- "$1"; }

# The cache's directories and lock as the agent needs them: a non-directory where checks/ belongs and a
# non-regular lock file are removed; a directory of its own that lost its permissions gets them back.
heal_cache_directory() {
  local dir
  for dir in "$cache_dir" "$cache_dir/checks"; do
    # The cache directory itself may be a symlink to a directory (an administrator's choice); checks/ not.
    if [[ ($dir != "$cache_dir" && -L $dir) || (-e $dir && ! -d $dir) ]]; then
      log warning "$dir is not a directory; removing it"
      rm -f -- "$dir"
    fi
    if [[ -d $dir && -O $dir && (! -w $dir || ! -x $dir || ! -r $dir) ]]; then
      log warning "$dir lost its permissions; restoring mode 0700"
      chmod 0700 "$dir"
    fi
  done
  clear_non_regular "$cache_dir/agent.lock"
}

# Removes what an interrupted run leaves behind in the textfile and cache directories, and the paths
# "$@" (a finished run's own work directory). Only a run holding the lock may call it: the temporary
# files of a concurrent run are not leftovers.
# shellcheck disable=SC2120 # the paths are optional
remove_temporary_files() {
  local -a leftovers=("$textfile_dir"/.aami_check_*.prom.tmp.* "$textfile_dir"/.aami_agent.prom.tmp.*
    "$textfile_dir"/.aami_staging.* "$cache_dir"/.response.* "$cache_dir"/.*.tmp.* "$cache_dir"/list.generation.tmp.*
    "$@")
  ((${#leftovers[@]} == 0)) || rm -rf -- "${leftovers[@]}"
}

# One locked iteration. Always started with wait_for, so it runs in a subshell of its own and the lock,
# traps and temporary files end with it. (A "( )" body would fork once more, and the TERM from the main
# process would reach the intermediate shell instead of the run.)
run_locked() {
  trap_run_signals
  prepare_directories || exit "$EXIT_IO"
  if ! exec {lock_fd}>>"$cache_dir/agent.lock"; then
    log error "cannot open $cache_dir/agent.lock"
    exit "$EXIT_IO"
  fi
  if ! wait_for flock -w "${cfg[AAMI_LOCK_WAIT]}" "$lock_fd"; then
    log error "another run held $cache_dir/agent.lock for more than ${cfg[AAMI_LOCK_WAIT]}s; giving up"
    exit "$EXIT_LOCKED"
  fi
  debug "lock acquired"
  work=$(mktemp -d) || exit "$EXIT_IO"
  staging=$textfile_dir/.aami_staging.$BASHPID
  trap 'remove_temporary_files "$work"' EXIT
  run_pid=$BASHPID
  run_once
  exit
}

# Fetches and verifies, printing what would run. Started with wait_for, like run_locked.
dry_run_once() {
  local i refused line
  trap_run_signals
  work=$(mktemp -d) || exit "$EXIT_IO"
  trap 'rm -rf "$work"' EXIT
  obtain_check_list
  [[ -n $check_list ]] ||
    { printf 'no usable check list from %s; nothing would run\n' "$check_list_url"; exit "$EXIT_NO_CHECKS"; }
  ((!using_cached_list)) || printf 'fetch failed: would run the cached check list %s\n' "$check_list"
  ((using_cached_list)) || printf 'fetched the check list from %s\n' "$check_list_url"
  load_check_list
  refused=${#refused_check[@]}
  printf '%d checks assigned\n' "$((check_count + refused))"
  for ((i = 0; i < refused; i++)); do
    printf 'would refuse %s: %s (see the log)\n' "${refused_check[i]}" "${refused_reason[i]}"
  done
  prepare_scripts 2>"$work/prepare.log"
  for ((i = 0; i < check_count; i++)); do
    if [[ -n ${check_script[i]} ]]; then
      printf 'would run   %s (language %s, version %s, timeout %ss, sha256 %s verified)\n' \
        "${check_name[i]}" "${check_language[i]}" "${check_version[i]}" "${check_timeout[i]}" "${check_hash[i]}"
      printf '              CONFIG %s\n' "${check_config[i]}"
    else
      printf 'would refuse %s: %s (see the log)\n' "${check_name[i]}" "${check_problem[i]}"
      refused=$((refused + 1))
    fi
  done
  while IFS= read -r line; do printf '%s\n' "$line" >&2; done <"$work/prepare.log"
  ((using_cached_list)) && exit "$EXIT_STALE"
  ((refused > 0)) && exit "$EXIT_CHECK_FAILED"
  exit "$EXIT_OK"
}

# --- main -----------------------------------------------------------------------------------------------

once=0 dry_run=0 insecure_http=0
while (($#)); do
  arg=$1 value_given=0
  [[ $arg != --*=* ]] || { set -- "${arg%%=*}" "${arg#*=}" "${@:2}"; arg=$1 value_given=1; }
  case $arg in
    -h | --help) usage; exit "$EXIT_OK" ;;
    --version) printf 'aami dynamic-check %s\n' "$AGENT_VERSION"; exit "$EXIT_OK" ;;
    --once) once=1 ;;
    --dry-run) dry_run=1 ;;
    --debug) debug_enabled=1 ;;
    --insecure-http) insecure_http=1 ;;
    *)
      key=${arg#--} key=AAMI_${key^^} key=${key//-/_}
      [[ $arg =~ ^--(config|check-output|list-file|declared)$ ||
        ($arg =~ ^--[a-z]+(-[a-z]+)*$ && " ${SETTING_KEYS[*]} " == *" $key "*) ]] ||
        usage_error "unknown argument '$arg'"
      (($# >= 2)) || usage_error "$arg needs a value"
      flag_values[$key]=$2 value_given=0
      shift
      ;;
  esac
  ((!value_given)) || usage_error "$arg takes no value"
  shift
done

trap 'stop_agent INT 130' INT
trap 'stop_agent HUP 129' HUP
trap 'stop_agent TERM 143' TERM
# The flags that are no settings are in flag_values too, under the same kind of name.
list_file=${flag_values[AAMI_LIST_FILE]:-} declared_json=${flag_values[AAMI_DECLARED]:-}
[[ -z ${flag_values[AAMI_CHECK_OUTPUT]:-} ]] || check_output_mode "${flag_values[AAMI_CHECK_OUTPUT]}"
[[ -z $declared_json ]] || usage_error "--declared needs --check-output"
((once && dry_run)) && usage_error "--once and --dry-run are mutually exclusive"
[[ -z $list_file ]] || ((once)) || usage_error "--list-file needs --once"

resolve_settings
require_commands curl jq awk flock sha256sum timeout mktemp date
max_jobs=${cfg[AAMI_JOBS]}
find_command timeout timeout_path
# Absolute, because checks run in their own working directory.
textfile_dir=${cfg[AAMI_TEXTFILE_DIR]} cache_dir=${cfg[AAMI_CACHE_DIR]}
[[ $textfile_dir == /* ]] || textfile_dir=$PWD/$textfile_dir
[[ $cache_dir == /* ]] || cache_dir=$PWD/$cache_dir
debug "check list URL $check_list_url, textfile dir $textfile_dir, cache dir $cache_dir"

((!dry_run)) || { wait_for dry_run_once; exit; }
# What the agent's environment exports, cleared in each check's process (exec_check).
exported_variables=() exported_functions=()
while IFS= read -r line; do
  if [[ $line == "declare -fx "* ]]; then exported_functions+=("${line#declare -fx }"); else exported_variables+=("$line"); fi
done < <(compgen -e; declare -Fx)
((!once)) || { wait_for run_locked; exit; }
while :; do
  wait_for run_locked
  debug "run finished with exit code $?; next in ${cfg[AAMI_INTERVAL]}s"
  wait_for sleep "${cfg[AAMI_INTERVAL]}"
done
