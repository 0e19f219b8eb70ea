package io.aami.coverage;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Which groups run which checks and which alerts cover them: the answer to "which groups are not
 * covered by which check". Groups, checks and alerts are sorted by id or name, so the same
 * repository gives the same report.
 *
 * @param checks every check name some policy (active or not) applies
 * @param alerts every alert (template id, or the name of a direct rule) some rule applies
 * @param ungroupedTargets targets in no group: they get checks but no file_sd entry and no alert
 * @param checksWithoutAlerts checks that run and declare metrics, none of which an alert reads
 * @param checksWithoutDeclaredMetrics checks that run but declare no metrics (coverage unknown)
 * @param alertsOnUndeclaredMetrics rendered alert name to the metrics it reads that no check
 *     declares and external_metrics does not cover (only when some check declares metrics)
 */
public record CoverageReport(
    List<GroupCoverage> groups,
    List<String> checks,
    List<String> alerts,
    List<String> ungroupedTargets,
    List<String> checksWithoutAlerts,
    List<String> checksWithoutDeclaredMetrics,
    SortedMap<String, List<String>> alertsOnUndeclaredMetrics) {

  public CoverageReport {
    groups = List.copyOf(groups);
    checks = List.copyOf(checks);
    alerts = List.copyOf(alerts);
    ungroupedTargets = List.copyOf(ungroupedTargets);
    checksWithoutAlerts = List.copyOf(checksWithoutAlerts);
    checksWithoutDeclaredMetrics = List.copyOf(checksWithoutDeclaredMetrics);
    alertsOnUndeclaredMetrics =
        Collections.unmodifiableSortedMap(new TreeMap<>(alertsOnUndeclaredMetrics));
  }

  public int targetCount() {
    return (int) groups.stream().flatMap(g -> g.targets().stream()).distinct().count()
        + ungroupedTargets.size();
  }
}
