package io.aami.diff;

import java.util.List;

/**
 * Targets whose checks change in exactly the same way, so a change to a group of 5,000 nodes is one
 * entry. {@code targets} and {@code groups} (their primary groups) are sorted.
 */
public record TargetChanges(List<String> targets, List<String> groups, List<CheckChange> checks) {
  public TargetChanges {
    targets = List.copyOf(targets);
    groups = List.copyOf(groups);
    checks = List.copyOf(checks);
  }
}
