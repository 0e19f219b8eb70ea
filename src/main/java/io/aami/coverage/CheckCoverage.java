package io.aami.coverage;

import java.util.List;

/**
 * How one check reaches the targets of one group: the closed set of answers a coverage cell shows.
 */
public sealed interface CheckCoverage {

  /** Policies of this check that are switched off and would otherwise apply to the group. */
  List<String> inactivePolicies();

  /**
   * The check runs on the group's targets through {@code policyId}; {@code global} when that is the
   * global policy rather than the group's own; {@code changedKeys} are the config paths (dotted)
   * whose value differs from the template's default_config.
   */
  record Runs(
      String policyId, boolean global, List<String> changedKeys, List<String> inactivePolicies)
      implements CheckCoverage {
    public Runs {
      changedKeys = List.copyOf(changedKeys);
      inactivePolicies = List.copyOf(inactivePolicies);
    }
  }

  /** Only inactive policies would apply: the group's targets do not run the check. */
  record OnlyInactive(List<String> inactivePolicies) implements CheckCoverage {
    public OnlyInactive {
      inactivePolicies = List.copyOf(inactivePolicies);
    }
  }
}
