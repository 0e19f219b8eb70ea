package io.aami.report;

import io.aami.coverage.CheckCoverage;
import io.aami.coverage.CoverageReport;
import io.aami.coverage.GroupCoverage;
import io.aami.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The coverage report as one canonical JSON document ({@code format_version} 1). */
final class CoverageJson {
  static final int FORMAT_VERSION = 1;

  private CoverageJson() {}

  static String format(CoverageReport report) {
    Map<String, Object> root = new TreeMap<>();
    root.put("format_version", FORMAT_VERSION);
    root.put("checks", report.checks());
    root.put("alerts", report.alerts());
    root.put("ungrouped_targets", report.ungroupedTargets());
    root.put("checks_without_alerts", report.checksWithoutAlerts());
    root.put("checks_without_declared_metrics", report.checksWithoutDeclaredMetrics());
    root.put("alerts_on_undeclared_metrics", report.alertsOnUndeclaredMetrics());
    List<Object> groups = new ArrayList<>();
    for (GroupCoverage group : report.groups()) {
      Map<String, Object> row = new TreeMap<>();
      row.put("id", group.id());
      row.put("name", group.name());
      row.put("targets", group.targets());
      Map<String, Object> checks = new TreeMap<>();
      group.checks().forEach((name, cell) -> checks.put(name, check(cell)));
      row.put("checks", checks);
      Map<String, Object> alerts = new TreeMap<>();
      group.alerts().forEach((name, cell) -> alerts.put(name, alert(cell)));
      row.put("alerts", alerts);
      groups.add(row);
    }
    root.put("groups", groups);
    return CanonicalJson.write(root);
  }

  private static Map<String, Object> alert(GroupCoverage.AlertCoverage cell) {
    Map<String, Object> json = new TreeMap<>();
    json.put("enabled_rules", cell.enabledRules());
    json.put("disabled_rules", cell.disabledRules());
    if (!cell.keepFiringFor().isEmpty()) {
      json.put("keep_firing_for", cell.keepFiringFor());
    }
    return json;
  }

  private static Map<String, Object> check(CheckCoverage cell) {
    Map<String, Object> json = new TreeMap<>();
    json.put("inactive_policies", cell.inactivePolicies());
    if (cell instanceof CheckCoverage.Runs runs) {
      json.put("state", runs.global() ? "global" : "group");
      json.put("policy", runs.policyId());
      json.put("changed_config", runs.changedKeys());
    } else {
      json.put("state", "inactive");
    }
    return json;
  }
}
