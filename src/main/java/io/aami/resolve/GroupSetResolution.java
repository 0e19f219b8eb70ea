package io.aami.resolve;

import java.util.List;

/**
 * The checks of every target whose groups are {@code groups} (sorted, distinct): one decision and
 * one effective check per check name, both ordered by name. Shared by all such targets.
 */
public record GroupSetResolution(
    List<String> groups, List<CheckDecision> decisions, List<EffectiveCheck> checks) {
  public GroupSetResolution {
    groups = List.copyOf(groups);
    decisions = List.copyOf(decisions);
    checks = List.copyOf(checks);
  }
}
