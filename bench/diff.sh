#!/usr/bin/env bash
# Benchmark of `aami diff` on the fleet of bench/generate-fleet.py (10,000 targets): a git
# repository with two commits, the second changing one group policy's config; compares the time
# of `aami diff` between them with `aami validate` of one of them. Prints a Markdown table.
#
#   bench/diff.sh [RUNS]       # default 5 runs per command, interleaved
#
# Budget (issue 11): diff <= 2 x validate.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(dirname "$here")
runs=${1:-5}
work=${AAMI_BENCH_DIR:-/tmp/aami-bench-diff}
fleet="$work/fleet"
export AAMI_JAVA_OPTS="-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"

rm -rf "$fleet"
mkdir -p "$work"
python3 "$here/generate-fleet.py" "$fleet"
"$top/aami" --version >/dev/null  # builds the jar if needed, outside the measurements
git -C "$fleet" init -q -b main
git -C "$fleet" add -A
git -C "$fleet" -c user.name=bench -c user.email=bench@example.com commit -q -m base
# One group policy (the first group-scoped one) gets another threshold.
python3 - "$fleet/policies/scripts/policies-00.yaml" <<'PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
marker = "id: pol-00040\nscope: group\n"
start = text.index(marker)
at = text.index("  threshold: ", start)
end = text.index("\n", at)
open(path, "w", encoding="utf-8").write(text[:at] + "  threshold: 99" + text[end:])
PY
git -C "$fleet" -c user.name=bench -c user.email=bench@example.com commit -q -am "one group policy"

time_of() {
  /usr/bin/time -o "$work/time.txt" -f '%e %U %S %M' taskset -c 0,1 "$@" >"$work/out.txt" 2>&1 \
    || { cat "$work/out.txt" >&2; echo "bench: failed: $*" >&2; exit 1; }
  tail -1 "$work/time.txt"
}

validate=()
diff=()
for _ in $(seq "$runs"); do
  validate+=("$(time_of "$top/aami" validate --repo "$fleet")")
  diff+=("$(time_of "$top/aami" diff --repo "$fleet" --base HEAD~1 --head HEAD)")
done
grep -q "will download a new check list" "$work/out.txt" || { echo "bench: diff found no change" >&2; exit 1; }

summarize() {
  local label=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v label="$label" -v n="$runs" '
    { wall[NR]=$1; user[NR]=$2; sys[NR]=$3; if ($4 > rss) rss=$4 }
    END { m=int((n+1)/2); printf "| %s | %.2f | %.2f–%.2f | %.2f | %.2f | %d |\n",
          label, wall[m], wall[1], wall[n], user[m], sys[m], rss/1024 }'
}
echo "| command | median wall s | min–max wall s | user s | sys s | max RSS MB |"
echo "|---|---|---|---|---|---|"
summarize "validate" "${validate[@]}"
summarize "diff HEAD~1 HEAD (one group policy)" "${diff[@]}"
echo
sed -n 1,12p "$work/out.txt"
