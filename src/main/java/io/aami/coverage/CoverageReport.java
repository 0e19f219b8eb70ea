package io.aami.coverage;

import java.util.List;

/**
 * Which groups run which checks and which alerts cover them: the answer to "which groups are not
 * covered by which check". Groups, checks and alerts are sorted by id or name, so the same
 * repository gives the same report.
 *
 * @param checks every check name some policy (active or not) applies
 * @param alerts every alert (template id, or the name of a direct rule) some rule applies
 * @param ungroupedTargets targets in no group: they get checks but no file_sd entry and no alert
 */
public record CoverageReport(
    List<GroupCoverage> groups,
    List<String> checks,
    List<String> alerts,
    List<String> ungroupedTargets) {

  public CoverageReport {
    groups = List.copyOf(groups);
    checks = List.copyOf(checks);
    alerts = List.copyOf(alerts);
    ungroupedTargets = List.copyOf(ungroupedTargets);
  }

  public int targetCount() {
    return (int) groups.stream().flatMap(g -> g.targets().stream()).distinct().count()
        + ungroupedTargets.size();
  }
}
