#!/usr/bin/env python3
"""Latency histogram of a local probe; the buckets come from the JSON config on stdin."""
import json
import sys

config = json.load(sys.stdin)
buckets = config.get("buckets", [0.1, 0.5, 1.0])
print("# HELP probe_latency_seconds Latency of the local probe.")
print("# TYPE probe_latency_seconds histogram")
for b in buckets:
    print('probe_latency_seconds_bucket{endpoint="local",le="%s"} 1' % b)
print('probe_latency_seconds_bucket{endpoint="local",le="+Inf"} 1')
print('probe_latency_seconds_sum{endpoint="local"} 0.05')
print('probe_latency_seconds_count{endpoint="local"} 1')
