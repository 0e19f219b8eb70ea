package io.aami.resolve;

import io.aami.diag.SourceLocation;
import java.util.List;

/**
 * A check of the repository that a target does not run because every policy of it belongs to a
 * group the target is not in: what {@code resolve --explain} answers to "why does this node not run
 * that check?" (inactive and losing policies are explained with the target's own candidates).
 */
public record UnreachedCheck(String check, List<Policy> policies) {
  public UnreachedCheck {
    policies = List.copyOf(policies);
  }

  /** A policy of another group; {@code active} false when it would not apply anyway. */
  public record Policy(String id, String groupId, boolean active, SourceLocation at) {}
}
