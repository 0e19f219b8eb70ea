#!/bin/bash
# Needs nvme-cli's JSON output; on a machine without the tool the check fails.
set -euo pipefail
wear=$(aami-test-nvme-tool-that-is-not-installed smart-log /dev/nvme0 --output-format=json | jq '.percent_used')
echo "# TYPE nvme_percentage_used_ratio gauge"
echo "nvme_percentage_used_ratio{device=\"nvme0\"} $wear"
