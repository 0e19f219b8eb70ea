#!/usr/bin/env bash
# The node agent's own cost (issue 22): CPU (user + sys, children included) of one
# `dynamic-check.sh --once` run for N synthetic checks, against the floor of running the same N scripts
# alone in a shell loop with the same CONFIG. Both run side by side in every repetition, so load from
# other work on the machine hits them alike; the load average is printed before and after.
#
#   bench/agent.sh                 # N = 10 100 500, 5 repetitions each
#   RUNS=9 bench/agent.sh 100      # one size, more repetitions
#   JOBS=4 bench/agent.sh          # the agent with --jobs 4 (CPU should barely change)
#   DECLARED=1 bench/agent.sh      # every check declares its metric, as the example repository's do
#   SLEEPERS=100 bench/agent.sh 0  # only the --jobs demo: N one-second checks, --jobs 1 against 4
#   AAMI="java -jar aami.jar" ...  # the server command (default: the ./aami launcher)
#   AGENT=/tmp/old/dynamic-check.sh bench/agent.sh   # another version of the agent, e.g. to compare
#
# Each check is a bash script that runs one jq on its CONFIG and prints three lines, as in the issue.
# The site is served by `aami serve` (TLS, ETags, 304s) on 127.0.0.1 in both forms; the agent uses the
# compact one, as it does against a real render. "warm": the scripts are cached and the list is
# confirmed by a 304. "cold": the cache directory is removed first, so the run fetches the list and
# every script. Prints a Markdown table of medians; docs/AGENT.md records results.
set -euo pipefail
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
agent=${AGENT:-$top/agent/dynamic-check.sh}
runs=${RUNS:-5}
jobs=${JOBS:-1}
jobs_args=()
sizes=("$@")
((${#sizes[@]})) || sizes=(10 100 500)

work=$(mktemp -d /tmp/aami-agent-bench.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

read -ra aami <<<"${AAMI:-$top/aami}"
"${aami[@]}" --version >/dev/null # builds the jar if needed, outside the measurements

# Writes the site for N checks (target bench-N, or sleep-N with one-second checks) in both forms and
# the floor's copies of the scripts under $work/floor-N.
generate() {
  python3 - "$work/site" "$work/floor-$2" "$1" "$2" "${DECLARED:-}" <<'PY'
import hashlib, json, os, sys
site, floor, kind, n, declared = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
os.makedirs(floor, exist_ok=True)
inline, compact = [], []
for i in range(n):
    name = f"{kind}-{i:04d}"
    if kind == "bench":
        script = (f"#!/usr/bin/env bash\n# synthetic check {i}\n"
                  "value=$(jq -r .value <<<\"$CONFIG\")\n"
                  f"printf '# HELP bench_value_{i} A configured value.\\n"
                  f"# TYPE bench_value_{i} gauge\\nbench_value_{i} %s\\n' \"$value\"\n")
        timeout = 30
    else:
        script = f"#!/usr/bin/env bash\n# one second, {i}\nsleep 1\necho 'sleeper_{i} 1'\n"
        timeout = 10
    digest = hashlib.sha256(script.encode()).hexdigest()
    config = {"value": i, "labels": {"team": "bench", "tier": str(i % 3)}}
    entry = {"name": name, "script_type": "custom", "script_content": script, "language": "bash",
             "config": config, "version": "1.0.0", "hash": digest, "instance_id": f"policy-{name}",
             "timeout_seconds": timeout}
    if declared and kind == "bench":
        entry["metrics"] = [{"name": f"bench_value_{i}", "type": "gauge", "help": "A configured value.",
                             "labels": []}]
    inline.append(entry)
    compact.append({k: v for k, v in entry.items() if k != "script_content"})
    os.makedirs(f"{site}/api/v1/scripts/sha256", exist_ok=True)
    with open(f"{site}/api/v1/scripts/sha256/{digest}", "w") as f:
        f.write(script)
    with open(f"{floor}/{name}", "w") as f:
        f.write(script)
    with open(f"{floor}/{name}.config", "w") as f:
        f.write(json.dumps(config, separators=(",", ":")))
for form, doc in (("v1", inline), ("v2", compact)):
    path = f"{site}/api/{form}/checks/target/{kind}-{n}"
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(json.dumps(doc, indent=2) + "\n")
PY
}

start_server() {
  "${aami[@]}" serve --dir "$work/site" --port 0 --tls-self-signed --ca-out "$work/ca.pem" \
    >"$work/server.url" 2>"$work/server.log" &
  server_pid=$!
  local i
  for ((i = 0; i < 300; i++)); do
    [[ -s $work/server.url ]] && break
    sleep 0.1
  done
  base_url=$(head -n 1 "$work/server.url")
  base_url=${base_url%/}
}

# Children's user + sys CPU of "$@" in ms, then its wall time in ms, on one line.
measure() {
  local started=$EPOCHREALTIME line user sys
  line=$( ("$@" >/dev/null 2>&1 || true; times) | sed -n 2p)
  local ended=$EPOCHREALTIME
  [[ $line =~ ^([0-9]+)m([0-9]+)\.([0-9]{3})s\ ([0-9]+)m([0-9]+)\.([0-9]{3})s$ ]]
  user=$(((10#${BASH_REMATCH[1]} * 60 + 10#${BASH_REMATCH[2]}) * 1000 + 10#${BASH_REMATCH[3]}))
  sys=$(((10#${BASH_REMATCH[4]} * 60 + 10#${BASH_REMATCH[5]}) * 1000 + 10#${BASH_REMATCH[6]}))
  printf '%d %d\n' "$((user + sys))" "$(((${ended/./} - ${started/./}) / 1000))"
}

# The floor: the same scripts, the same CONFIG, one after the other.
floor() {
  local dir=$1 script
  for script in "$dir"/*; do
    [[ $script == *.config ]] && continue
    CONFIG=$(<"$script.config") bash "$script" </dev/null >/dev/null
  done
}

agent_once() {
  local target=$1 cache=$2
  shift 2
  # Older agents have no --jobs; leave it out at its default.
  ((jobs == 1)) && jobs_args=() || jobs_args=(--jobs "$jobs")
  env -i PATH="$PATH" AAMI_AGENT_CONFIG=/dev/null bash "$agent" --once --base-url "$base_url" \
    --target-id "$target" --ca-file "$work/ca.pem" --cache-dir "$cache" \
    --textfile-dir "$work/textfile" "${jobs_args[@]}" "$@"
}

cold() {
  rm -rf "$2"
  agent_once "$@"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
per_check() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.1f", (n > 0 ? (a - b) / n : 0) }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

mkdir -p "$work/textfile" "$work/site"
for n in "${sizes[@]}"; do ((n > 0)) && generate bench "$n"; done
[[ -z ${SLEEPERS:-} ]] || generate sleep "$SLEEPERS"
start_server

printf 'agent %s, bash %s, %s, %s; %d core(s); --jobs %s; %d repetitions%s\n' \
  "$(bash "$agent" --version)" "${BASH_VERSION%%(*}" "$(jq --version)" "$(awk -W version 2>/dev/null |
    head -n 1 || echo awk)" "$(nproc)" "$jobs" "$runs" "${DECLARED:+; every check declares its metric}"
printf 'load average before: %s\n\n' "$(load)"
printf '| checks | floor CPU ms | warm CPU ms | warm ratio | cold CPU ms | cold ratio | overhead ms/check warm | cold | warm wall ms |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  ((n > 0)) || continue
  cache=$work/cache-$n
  cold "bench-$n" "$cache" >/dev/null 2>&1 || true # the warm runs' cache, and a warm-up
  floors=() warms=() colds=() walls=()
  for ((r = 0; r < runs; r++)); do
    read -r cpu _ < <(measure floor "$work/floor-$n")
    floors+=("$cpu")
    read -r cpu wall < <(measure agent_once "bench-$n" "$cache")
    warms+=("$cpu") walls+=("$wall")
    read -r cpu _ < <(measure cold "bench-$n" "$work/cold-$n")
    colds+=("$cpu")
  done
  f=$(median "${floors[@]}") w=$(median "${warms[@]}") c=$(median "${colds[@]}")
  printf '| %d | %d | %d | %s | %d | %s | %s | %s | %d |\n' "$n" "$f" "$w" "$(ratio "$w" "$f")" "$c" \
    "$(ratio "$c" "$f")" "$(per_check "$w" "$f" "$n")" "$(per_check "$c" "$f" "$n")" "$(median "${walls[@]}")"
done

if [[ -n ${SLEEPERS:-} ]]; then
  printf '\n%d one-second checks, warm, wall ms: ' "$SLEEPERS"
  for j in 1 4; do
    cache=$work/cache-sleep-$j
    jobs=$j cold "sleep-$SLEEPERS" "$cache" >/dev/null 2>&1 || true
    read -r _ wall < <(jobs=$j measure agent_once "sleep-$SLEEPERS" "$cache")
    printf -- '--jobs %d %d  ' "$j" "$wall"
  done
  printf '\n'
fi
printf '\nload average after: %s\n' "$(load)"
