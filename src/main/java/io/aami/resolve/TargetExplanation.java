package io.aami.resolve;

import io.aami.alert.TargetAlerts;
import io.aami.diag.SourceLocation;
import java.util.List;

/**
 * Everything {@code aami resolve --explain} says about one target: the checks that apply to it, and
 * the checks of the repository that it does not run because their policies belong to other groups,
 * both ordered by name; the alert rules that cover it (or global ones its groups replace); and the
 * recording rules of its groups and the global ones, whose series its alerts may read.
 */
public record TargetExplanation(
    String targetId,
    String hostname,
    List<String> groups,
    SourceLocation at,
    List<CheckExplanation> checks,
    List<UnreachedCheck> unreached,
    List<TargetAlerts.Covering> alerts,
    List<TargetAlerts.Covering> recordingRules) {
  public TargetExplanation {
    groups = List.copyOf(groups);
    checks = List.copyOf(checks);
    unreached = List.copyOf(unreached);
    alerts = List.copyOf(alerts);
    recordingRules = List.copyOf(recordingRules);
  }
}
