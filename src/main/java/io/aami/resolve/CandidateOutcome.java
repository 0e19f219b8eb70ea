package io.aami.resolve;

import java.util.Locale;

/** What became of one candidate policy for one check on one target. */
public enum CandidateOutcome {
  SELECTED,
  /** Same scope level, lower {@code priority} than the winner. */
  LOWER_PRIORITY,
  /** Same scope level and priority, but its group's {@code priority} is lower than the winner's. */
  LOWER_GROUP_PRIORITY,
  /** A global policy, and a group policy of one of the target's groups exists for the check. */
  SHADOWED_BY_GROUP,
  /** Equal to the winner on every rule: an ambiguity, which {@code aami validate} rejects. */
  TIED,
  /** {@code is_active: false}: ignored as if absent. */
  INACTIVE;

  /** Lowercase id used in JSON and YAML output. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
