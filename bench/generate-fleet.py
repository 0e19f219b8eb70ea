#!/usr/bin/env python3
"""Writes a synthetic aami repository at fleet scale for benchmarks.

Usage: bench/generate-fleet.py OUT_DIR [--profile light|heavy] [--targets N] [--groups N]
       [--policies N] [--rules N] [--checks N] [--seed N]

The shape follows real fleets: every target has a primary group and some have a second one,
policies are mostly group-scoped with a few global fallbacks, and alert rules mix template-based
and direct forms. The output is deterministic for a given seed and valid for `aami validate`.

Profiles: "light" (the default) has 40 check templates with two-line scripts and every fifth
target in a second group. "heavy" has 100 check templates with 1-4 KB scripts, each applied
globally (so every node runs about 100 checks), and every second target in a second group, so
that most nodes get a document of their own.
"""
import argparse
import os
import random


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--targets", type=int, default=10000)
    ap.add_argument("--groups", type=int, default=500)
    ap.add_argument("--policies", type=int, default=2000)
    ap.add_argument("--rules", type=int, default=2000)
    ap.add_argument("--checks", type=int, default=None, help="distinct script templates")
    ap.add_argument("--profile", choices=["light", "heavy"], default="light")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    heavy = a.profile == "heavy"
    if a.checks is None:
        a.checks = 100 if heavy else 40
    rnd = random.Random(a.seed)
    out = a.out

    groups = [f"group-{i:04d}" for i in range(a.groups)]
    docs = []
    for i, g in enumerate(groups):
        docs.append(f"apiVersion: aami/v1\nkind: Group\nid: {g}\nname: {g}\npriority: {i}\n"
                    f"description: synthetic group {i}\n")
    write(f"{out}/inventory/groups.yaml", "---\n".join(docs))

    per_file = 1000
    for start in range(0, a.targets, per_file):
        docs = []
        for i in range(start, min(start + per_file, a.targets)):
            primary = groups[i % a.groups]
            member = [primary]
            if i % (2 if heavy else 5) == 0:
                other = groups[rnd.randrange(a.groups) if heavy else (i * 7 + 3) % a.groups]
                if other != primary:
                    member.append(other)
            docs.append(
                f"apiVersion: aami/v1\nkind: Target\nid: node-{i:05d}\n"
                f"hostname: node-{i:05d}.fleet.example\naddress: node-{i:05d}.fleet.example:9100\n"
                f"groups: [{', '.join(member)}]\nlabels:\n  rack: r{i % 40}\n  env: prod\n")
        write(f"{out}/inventory/targets/targets-{start // per_file:03d}.yaml", "---\n".join(docs))

    checks = [f"check-{i:03d}" for i in range(a.checks)]
    for c in checks:
        metric = c.replace('-', '_')
        body = f"  echo '# TYPE {metric} gauge'\n  echo '{metric} 1'\n"
        if heavy:
            # 1-4 KB of plausible shell: comments and no-op branches, distinct per template.
            size = rnd.randrange(1024, 4096)
            filler = []
            n = 0
            while sum(len(x) for x in filler) < size:
                filler.append(f"  # step {n}: inspect {metric} source {rnd.randrange(10**6)} and compare with the threshold\n"
                              f"  if [ \"${{AAMI_DEBUG:-}}\" = {n} ]; then echo 'debug {metric} {n}' >&2; fi\n")
                n += 1
            body = "".join(filler) + body
        write(f"{out}/templates/{c}.yaml",
              f"apiVersion: aami/v1\nkind: ScriptTemplate\nname: {c}\nscript_type: synthetic\n"
              f"language: bash\nversion: 1.0.0\ndescription: synthetic check {c}\n"
              f"script_content: |\n  #!/usr/bin/env bash\n{body}"
              f"default_config:\n  threshold: 80\n  paths: [\"/\"]\n  limits:\n    soft: 1\n    hard: 2\n")

    # Each (check, group) pair at most once at a given priority: no ambiguity.
    used = set()
    docs = []
    for i in range(a.policies):
        c = checks[i % a.checks]
        if i < a.checks:
            docs.append(f"apiVersion: aami/v1\nkind: ScriptPolicy\nid: pol-{i:05d}\nscope: global\n"
                        f"template_id: {c}\nconfig:\n  threshold: 90\n")
            continue
        while True:
            g = groups[rnd.randrange(a.groups)]
            if (c, g) not in used:
                used.add((c, g))
                break
        docs.append(f"apiVersion: aami/v1\nkind: ScriptPolicy\nid: pol-{i:05d}\nscope: group\n"
                    f"group_id: {g}\ntemplate_id: {c}\npriority: {100 + i % 7}\n"
                    f"config:\n  threshold: {50 + i % 40}\n  limits:\n    soft: {i % 3}\n")
    for n in range(0, len(docs), 500):
        write(f"{out}/policies/scripts/policies-{n // 500:02d}.yaml", "---\n".join(docs[n:n + 500]))

    write(f"{out}/templates/alerts/check-failed.yaml",
          "apiVersion: aami/v1\nkind: AlertTemplate\nid: check-failed\nname: CheckFailed\n"
          "description: a synthetic check reports failure\nseverity: warning\n"
          "query_template: 'aami_check_success{aami_groups=~\".*,{{ .group_id }},.*\", check=\"{{ .check }}\"} == 0'\n"
          "default_config:\n  for_duration: 5m\n  check: check-000\n  labels:\n    team: infra\n"
          "  annotations:\n    summary: '{{ $labels.check }} failed on {{ $labels.instance }}'\n")
    # Light keeps its historical shape; heavy gives each rule of one group a check of its own.
    def rule_check(i):
        return (i // a.groups + i) % a.checks if heavy else i % a.checks

    docs = []
    for i in range(a.rules):
        g = groups[i % a.groups]
        if i % 2 == 0:
            docs.append(f"apiVersion: aami/v1\nkind: AlertRule\nid: rule-{i:05d}\ngroup_id: {g}\n"
                        f"template_id: check-failed\nconfig:\n  check: {checks[rule_check(i)]}\n"
                        f"  for_duration: {1 + i % 10}m\n  labels:\n    tier: t{i % 3}\n"
                        f"    check: {checks[rule_check(i)]}\n")
        else:
            docs.append(f"apiVersion: aami/v1\nkind: AlertRule\nid: rule-{i:05d}\ngroup_id: {g}\n"
                        f"name: SyntheticHigh{i}\nseverity: critical\n"
                        f"query_template: 'synthetic_value{{aami_groups=~\".*,{{{{ .group_id }}}},.*\"}} > {i % 100}'\n"
                        f"config:\n  for_duration: 10m\n")
    for n in range(0, len(docs), 500):
        write(f"{out}/policies/alerts/rules-{n // 500:02d}.yaml", "---\n".join(docs[n:n + 500]))


if __name__ == "__main__":
    main()
