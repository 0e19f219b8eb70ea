package io.aami.resolve;

import io.aami.model.CheckDefinition;
import io.aami.model.Scope;
import io.aami.model.ScriptPolicy;
import java.util.Comparator;

/**
 * A policy that could give a target a check: the policy, the check it applies (its template's or
 * its own), and the priority of its group ({@code null} for a global policy).
 */
public record Candidate(ScriptPolicy policy, CheckDefinition definition, Integer groupPriority) {

  /**
   * Best first: group level before global, then higher policy priority, then higher group priority.
   * The last two keys (policy id, then declaration place) only make the order total; a valid
   * repository never needs them (two candidates equal up to there are an ambiguity).
   */
  static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingInt(Candidate::level)
          .reversed()
          .thenComparing(Comparator.comparingInt(Candidate::priority).reversed())
          .thenComparing(Comparator.comparingInt(Candidate::groupRank).reversed())
          .thenComparing(c -> c.policy().id())
          .thenComparing(c -> c.policy().origin().location());

  public String checkName() {
    return definition.name();
  }

  public String policyId() {
    return policy.id();
  }

  /** Scope level: 1 for group policies, 0 for global ones. */
  public int level() {
    return policy.scope().specificity();
  }

  public int priority() {
    return policy.priority();
  }

  /** The group id of a group-scope policy, or null. */
  public String groupId() {
    return policy.scope() instanceof Scope.InGroup g ? g.groupId() : null;
  }

  public boolean isGroupLevel() {
    return level() > 0;
  }

  private int groupRank() {
    return groupPriority == null ? 0 : groupPriority;
  }

  /** True when neither wins over the other by the resolution rules: an ambiguity. */
  public boolean tiesWith(Candidate other) {
    return level() == other.level()
        && priority() == other.priority()
        && groupRank() == other.groupRank();
  }
}
