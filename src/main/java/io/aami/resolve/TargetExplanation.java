package io.aami.resolve;

import io.aami.alert.TargetAlerts;
import io.aami.diag.SourceLocation;
import java.util.List;

/**
 * Everything {@code aami resolve --explain} says about one target: the checks that apply to it, and
 * the checks of the repository that it does not run because their policies belong to other groups,
 * both ordered by name; and the alert rules that cover it (or global ones its groups replace).
 */
public record TargetExplanation(
    String targetId, String hostname, List<String> groups, SourceLocation at,
    List<CheckExplanation> checks, List<UnreachedCheck> unreached,
    List<TargetAlerts.Covering> alerts) {
  public TargetExplanation {
    groups = List.copyOf(groups);
    checks = List.copyOf(checks);
    unreached = List.copyOf(unreached);
    alerts = List.copyOf(alerts);
  }
}
