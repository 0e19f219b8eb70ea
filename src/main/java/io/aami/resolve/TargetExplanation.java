package io.aami.resolve;

import io.aami.diag.SourceLocation;
import java.util.List;

/** Everything {@code aami resolve --explain} says about one target, checks ordered by name. */
public record TargetExplanation(
    String targetId, String hostname, List<String> groups, SourceLocation at,
    List<CheckExplanation> checks) {
  public TargetExplanation {
    groups = List.copyOf(groups);
    checks = List.copyOf(checks);
  }
}
