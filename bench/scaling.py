#!/usr/bin/env python3
"""Writes one repository of a hostile shape at a given size, for bench/scaling.sh.

Shapes (N is the size):
  config-keys  a policy config with N keys its template's default_config (N other keys) lacks
  labels       a target with N labels
  targets      N targets in one file, all in one group, each with a policy-relevant label
  line-plain   one line of N characters: a plain scalar (a group's description)
  line-quoted  the same, double-quoted
  line-block   the same, one line of a literal block scalar
  line-comment one comment line of N characters
  alert-config-keys  an AlertRule whose config has N keys its template does not know (alert/config-key)
  rules-per-file     N direct AlertRules in one file, each without a condition (N warnings, capped)
  unset-matchers     an AlertTemplate whose one selector has N matchers on placeholders without a
                     value (all removed), used by one rule
  set-matchers       the same with a value for every placeholder (all substituted and escaped)
  floor        an almost empty repository: what one validate costs before any work
"""
import os
import sys


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


TEMPLATE = """apiVersion: aami/v1
kind: ScriptTemplate
name: t
version: 1.0.0
language: bash
script_content: |
  #!/usr/bin/env bash
  echo ok 1
default_config:
"""


def config_keys(out, n):
    write(f"{out}/templates/t.yaml", TEMPLATE + "".join(f"  known_{i}: 1\n" for i in range(n)))
    write(f"{out}/policies/p.yaml", "apiVersion: aami/v1\nkind: ScriptPolicy\nid: p\n"
          "template_id: t\nscope: global\nconfig:\n"
          + "".join(f"  unknown_{i}: 1\n" for i in range(n)))


def labels(out, n):
    body = "".join(f"  l{i}: v{i}\n" for i in range(n))
    write(f"{out}/inventory/g.yaml", "apiVersion: aami/v1\nkind: Group\nid: g\n"
          + "---\napiVersion: aami/v1\nkind: Target\nid: t1\nhostname: t1\naddress: t1:9100\n"
          + "groups: [g]\nlabels:\n" + body)


def targets(out, n):
    write(f"{out}/inventory/groups.yaml", "apiVersion: aami/v1\nkind: Group\nid: g\n")
    per_file = 5000  # well under the 8 MiB file limit
    for start in range(0, n, per_file):
        docs = [f"apiVersion: aami/v1\nkind: Target\nid: node-{i:07d}\nhostname: node-{i:07d}\n"
                f"address: node-{i:07d}:9100\ngroups: [g]\nlabels:\n  rack: r{i % 50}\n" for i in range(start, min(n, start + per_file))]
        write(f"{out}/inventory/targets-{start:07d}.yaml", "---\n".join(docs))
    write(f"{out}/templates/t.yaml", TEMPLATE + "  a: 1\n")
    write(f"{out}/policies/p.yaml", "apiVersion: aami/v1\nkind: ScriptPolicy\nid: p\n"
          "template_id: t\nscope: group\ngroup_id: g\nconfig:\n  a: 2\n")


def alert_config_keys(out, n):
    write(f"{out}/inventory/g.yaml", "apiVersion: aami/v1\nkind: Group\nid: g\n")
    write(f"{out}/templates/alerts.yaml", "apiVersion: aami/v1\nkind: AlertTemplate\nid: t\n"
          "name: T\nseverity: warning\nquery_template: 'm{ {{ .group_selector }} } > {{ .limit }}'\n"
          "default_config:\n  limit: 1\n")
    write(f"{out}/policies/alerts/r.yaml", "apiVersion: aami/v1\nkind: AlertRule\nid: r\n"
          "template_id: t\ngroup_id: g\nconfig:\n"
          + "".join(f"  unknown_{i}: 1\n" for i in range(n)))


def rules_per_file(out, n):
    write(f"{out}/inventory/g.yaml", "apiVersion: aami/v1\nkind: Group\nid: g\n")
    docs = [f"apiVersion: aami/v1\nkind: AlertRule\nid: r{i}\ngroup_id: g\nname: Rule {i} (load)\n"
            f"severity: warning\nquery_template: 'rate(requests_total{{job=\"j{i % 97}\", {{{{ .group_selector }}}}}}[5m])'\n"
            f"config:\n  for_duration: 5m\n  keep_firing_for: 10m\n" for i in range(n)]
    write(f"{out}/policies/alerts/rules.yaml", "---\n".join(docs))


def placeholder_matchers(with_values):
    def write_shape(out, n):
        matchers = ", ".join(f'l{i}="{{{{ .p{i} }}}}"' for i in range(n))
        values = "".join(f"  p{i}: v{i}\n" for i in range(n)) if with_values else "  for_duration: 5m\n"
        write(f"{out}/inventory/g.yaml", "apiVersion: aami/v1\nkind: Group\nid: g\n")
        write(f"{out}/templates/alerts.yaml", "apiVersion: aami/v1\nkind: AlertTemplate\nid: t\n"
              f"name: T\nseverity: warning\nquery_template: 'm{{{matchers}}} > 1'\n"
              "default_config:\n" + values)
        write(f"{out}/policies/alerts/r.yaml", "apiVersion: aami/v1\nkind: AlertRule\nid: r\n"
              "template_id: t\ngroup_id: g\n")
    return write_shape


def floor(out, n):
    write(f"{out}/inventory/g.yaml", "apiVersion: aami/v1\nkind: Group\nid: g\n")


GROUP = "apiVersion: aami/v1\nkind: Group\nid: g\n"


def long_line(kind):
    def write_shape(out, n):
        text = "x" * n
        body = {
            "plain": f"description: {text}\n",
            "quoted": f'description: "{text}"\n',
            "block": f"description: |\n  {text}\n",
            "comment": f"# {text}\ndescription: short\n",
        }[kind]
        write(f"{out}/inventory/g.yaml", GROUP + body)
    return write_shape


if __name__ == "__main__":
    shape, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    {"config-keys": config_keys, "labels": labels, "targets": targets,
     "alert-config-keys": alert_config_keys, "rules-per-file": rules_per_file,
     "unset-matchers": placeholder_matchers(False), "set-matchers": placeholder_matchers(True),
     "floor": floor, "line-plain": long_line("plain"), "line-quoted": long_line("quoted"),
     "line-block": long_line("block"), "line-comment": long_line("comment")}[shape](out, size)
