#!/usr/bin/env python3
"""Writes the inputs of bench/live.sh: a Prometheus exposition file of 100,000 series and an aami
repository with 2,000 alert rules over them.

  generate-live.py OUT_DIR [SERIES] [RULES]

OUT_DIR/metrics: 500 metric families (bench_gauge_NNN gauges and bench_requests_NNN_total counters,
alternating) of SERIES/500 series each, labelled shard="0".."N". OUT_DIR/repo: one group 'bench'
with one target, and RULES direct alert rules in the shapes of public rule collections: a
threshold on a gauge, rate() of a counter, an aggregation, an *_over_time window; every 50th rule
selects a misspelt metric so the benchmark also pays for the evidence of live/series.
"""
import os
import sys

out = sys.argv[1]
series = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rules = int(sys.argv[3]) if len(sys.argv) > 3 else 2_000
families = 500
per_family = series // families


def family(i):
    return f"bench_gauge_{i:03d}" if i % 2 == 0 else f"bench_requests_{i:03d}_total"


os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "metrics"), "w", encoding="utf-8") as f:
    for i in range(families):
        name = family(i)
        kind = "gauge" if i % 2 == 0 else "counter"
        f.write(f"# HELP {name} Benchmark series.\n# TYPE {name} {kind}\n")
        for s in range(per_family):
            f.write(f'{name}{{shard="{s}"}} {(i * 7 + s) % 100}\n')

repo = os.path.join(out, "repo")
for d in ("inventory", "policies/alerts", "templates"):
    os.makedirs(os.path.join(repo, d), exist_ok=True)
with open(os.path.join(repo, "aami.yaml"), "w", encoding="utf-8") as f:
    f.write("prometheus:\n  concurrency: 4\n  timeout: 10s\n  budget: 60s\n")
with open(os.path.join(repo, "inventory", "inventory.yaml"), "w", encoding="utf-8") as f:
    f.write("apiVersion: aami/v1\nkind: Group\nid: bench\nname: bench\npriority: 0\n---\n"
            "apiVersion: aami/v1\nkind: Target\nid: bench-01\nhostname: bench-01.example.internal\n"
            "address: bench-01.example.internal:9100\ngroups: [bench]\n")


def query(r):
    i = (r * 37) % families
    shard = r % per_family
    name = family(i)
    if r % 50 == 49:
        return name.replace("bench_", "bench_x") + '{shard="%d"} > 1' % shard
    if i % 2 == 0:
        if r % 4 < 2:
            return name + '{ {{ .group_selector }}, shard="%d"} > 90' % shard
        return 'avg_over_time(%s{shard=~"%d|%d"}[10m]) > 50' % (name, shard, (shard + 1) % per_family)
    if r % 4 < 2:
        return 'rate(%s{shard="%d"}[5m]) > 1' % (name, shard)
    return 'sum by (shard) (increase(%s{ {{ .group_selector }}, shard!="%d"}[1h])) > 10' % (name, shard)


per_file = 100
for start in range(0, rules, per_file):
    docs = []
    for r in range(start, min(rules, start + per_file)):
        docs.append("apiVersion: aami/v1\nkind: AlertRule\nid: rule-%05d\ngroup_id: bench\n"
                    "name: BenchAlert%05d\nseverity: warning\nquery_template: '%s'\n"
                    "config: {for_duration: 5m}\n" % (r, r, query(r)))
    with open(os.path.join(repo, "policies", "alerts", "rules-%03d.yaml" % (start // per_file)), "w",
              encoding="utf-8") as f:
        f.write("---\n".join(docs))
