package io.aami.alert;

import io.aami.promql.PromQL;
import io.aami.promql.Trees;

/** Questions about an expanded expr that other checks ask, answered from its parsed tree. */
public final class QueryInspection {
  private QueryInspection() {}

  /** True when some selector in {@code expr} has a matcher on {@code label}. */
  public static boolean selectsLabel(String expr, String label) {
    return PromQL.check(expr)
        .expr()
        .map(
            tree ->
                Trees.selectors(tree).stream()
                    .anyMatch(s -> s.matchers().stream().anyMatch(m -> m.name().equals(label))))
        .orElse(false);
  }
}
