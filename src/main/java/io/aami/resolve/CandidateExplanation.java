package io.aami.resolve;

import io.aami.diag.SourceLocation;

/**
 * One candidate policy of a check and why it won or lost. {@code groupId} and {@code groupPriority}
 * are null for global policies.
 */
public record CandidateExplanation(
    String policyId,
    String groupId,
    int priority,
    Integer groupPriority,
    boolean active,
    SourceLocation at,
    CandidateOutcome outcome,
    String reason) {

  /** "global" or "group". */
  public String scope() {
    return groupId == null ? "global" : "group";
  }
}
