#!/usr/bin/env bash
# Mount point check for aami (ScriptTemplate check-mount-points).
#
# Reads its parameters as JSON from $CONFIG, e.g. {"mount_points": ["/data", "/mnt/models"]},
# and prints one Prometheus gauge per mount point for the node exporter's textfile collector:
#   mount_check{path="/data"} 1   mounted and writable
#   mount_check{path="/data"} 0   not a mount point, or not writable
# Exits 1 (printing nothing) when CONFIG is not valid JSON or mount_points is not a list of strings.
set -euo pipefail

config=${CONFIG:-'{}'}

if ! jq -e '(.mount_points // []) | type == "array" and all(type == "string")' \
     <<<"$config" >/dev/null 2>&1; then
  echo "check-mount-points: CONFIG must be a JSON object whose mount_points is a list of strings" >&2
  exit 1
fi

# Prometheus text format: backslash, double quote and newline must be escaped in label values.
escape_label_value() {
  local value=$1
  value=${value//\\/\\\\}
  value=${value//\"/\\\"}
  value=${value//$'\n'/\\n}
  printf '%s' "$value"
}

echo "# HELP mount_check Mount point accessibility (1=ok, 0=fail)"
echo "# TYPE mount_check gauge"

# jq hands over the paths NUL-separated so that spaces and newlines in them survive intact.
while IFS= read -r -d '' mount_point; do
  status=0
  if mountpoint -q -- "$mount_point" 2>/dev/null && [ -w "$mount_point" ]; then
    status=1
  fi
  printf 'mount_check{path="%s"} %d\n' "$(escape_label_value "$mount_point")" "$status"
done < <(jq -j '(.mount_points // [])[] | . + "\u0000"' <<<"$config")
