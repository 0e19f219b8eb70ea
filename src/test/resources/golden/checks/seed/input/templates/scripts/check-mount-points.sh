#!/usr/bin/env bash
set -euo pipefail

mount_points=$(echo "$CONFIG" | jq -r '.mount_points[]' 2>/dev/null || echo "")

echo "# HELP mount_check Mount point accessibility (1=ok, 0=fail)"
echo "# TYPE mount_check gauge"

for mp in $mount_points; do
    if mountpoint -q "$mp" 2>/dev/null && [ -w "$mp" ]; then
        echo "mount_check{path=\"$mp\"} 1"
    else
        echo "mount_check{path=\"$mp\"} 0"
    fi
done
