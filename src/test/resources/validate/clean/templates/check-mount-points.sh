#!/usr/bin/env bash
set -euo pipefail
for mp in $(echo "$CONFIG" | jq -r '.mount_points[]'); do
  if mountpoint -q "$mp"; then echo "mount_check{path=\"$mp\"} 1"; else echo "mount_check{path=\"$mp\"} 0"; fi
done
