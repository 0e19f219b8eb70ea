package io.aami.resolve;

import java.util.List;

/**
 * Why a target runs a check the way it does. {@code result}, {@code script} and {@code config} are
 * null/empty when the check is not applied (every candidate is inactive). Candidates are the active
 * ones best first, then the inactive ones.
 */
public record CheckExplanation(
    String check,
    EffectiveCheck result,
    ScriptSource script,
    List<CandidateExplanation> candidates,
    List<ConfigProvenance> config) {
  public CheckExplanation {
    candidates = List.copyOf(candidates);
    config = List.copyOf(config);
  }

  public boolean applied() {
    return result != null;
  }
}
