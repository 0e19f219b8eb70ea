package io.aami.coverage;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One row of the coverage report: a group, how many targets it has, which checks reach its targets
 * (by check name; absent means no policy applies) and which alert rules cover it (by alert template
 * id or direct alert name, to the ids of the enabled and disabled rules).
 */
public record GroupCoverage(
    String id,
    String name,
    List<String> targets,
    SortedMap<String, CheckCoverage> checks,
    SortedMap<String, AlertCoverage> alerts) {

  public GroupCoverage {
    targets = List.copyOf(targets);
    checks = Collections.unmodifiableSortedMap(new TreeMap<>(checks));
    alerts = Collections.unmodifiableSortedMap(new TreeMap<>(alerts));
  }

  /**
   * The rules of one alert for one group; a disabled rule does not cover the group. {@code
   * keepFiringFor} holds the distinct {@code keep_firing_for} values of the enabled rules' merged
   * configs, sorted (empty when none sets it).
   */
  public record AlertCoverage(
      List<String> enabledRules, List<String> disabledRules, List<String> keepFiringFor) {
    public AlertCoverage {
      enabledRules = List.copyOf(enabledRules);
      disabledRules = List.copyOf(disabledRules);
      keepFiringFor = List.copyOf(keepFiringFor);
    }

    public AlertCoverage(List<String> enabledRules, List<String> disabledRules) {
      this(enabledRules, disabledRules, List.of());
    }

    public boolean covers() {
      return !enabledRules.isEmpty();
    }
  }
}
