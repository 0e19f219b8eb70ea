package io.aami.fleet;

import io.aami.alert.GroupSelectors;
import io.aami.model.CheckDefinition;
import io.aami.model.Repository;
import io.aami.model.Scope;
import io.aami.model.ScriptPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code aami-fleet-health} rule group: alerts from what only aami knows, the expected state of
 * every node. Every target aami publishes in file_sd carries {@code aami_groups} (",a,b,"), so
 * {@code up{aami_groups!=""}} selects exactly the scraped aami targets, and a regex on it selects
 * the members of any set of groups, whichever group is primary.
 *
 * <p>AamiCheckMissing has one rule per check name: a check runs on a target when an active policy
 * applies (global, or of any of its groups), so the assignment of a check is "every target" or "the
 * members of these groups". The rules are therefore proportional to check names plus groups, never
 * to targets.
 */
public final class FleetHealthRules {
  public static final String GROUP_NAME = "aami-fleet-health";

  /** The rule files are named as a group of this id would be; validation keeps groups off it. */
  public static final String RESERVED_ID = "aami-fleet-health";

  static final String SCRAPED = "up{aami_groups!=\"\"} == 1";

  private FleetHealthRules() {}

  /** The PrometheusRule object of the generated rules; validation keeps groups off this name. */
  public static String prometheusRuleName(String namePrefix) {
    return namePrefix + "fleet-health";
  }

  /** The rule group as plain maps, in Prometheus's key order; empty when disabled. */
  public static Optional<Map<String, Object>> ruleGroup(
      Repository repository, FleetHealthSettings settings, Optional<SiteGeneration> generation) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    List<Object> rules = new ArrayList<>();
    rules.add(
        rule(
            "AamiAgentMissing",
            SCRAPED + " unless on (instance) aami_agent_last_run_timestamp_seconds",
            settings.agentMissingFor(),
            settings,
            Map.of(),
            "{{ $labels.instance }} is scraped but exports no aami agent metrics",
            "The target is in file_sd (group {{ $labels.group_id }}) and up, but"
                + " aami_agent_last_run_timestamp_seconds is absent: the aami agent is not installed,"
                + " its timer is not enabled, or node_exporter does not read its textfile directory."));
    long staleAfter = settings.agentIntervalSeconds() * settings.notRunningIntervals();
    rules.add(
        rule(
            "AamiAgentNotRunning",
            "time() - aami_agent_last_run_timestamp_seconds > " + staleAfter,
            null,
            settings,
            Map.of(),
            "the aami agent on {{ $labels.instance }} has not run for {{ $value | humanizeDuration }}",
            "Its last run is older than "
                + settings.notRunningIntervals()
                + " agent intervals ("
                + staleAfter
                + "s): the timer stopped, runs hang, or the textfile is stale."));
    rules.add(
        rule(
            "AamiCheckFailing",
            "(aami_check_success == 0) * on (instance, job, check) group_left (reason) aami_check_failure"
                + " or on (instance, job, check) aami_check_success == 0",
            settings.checkFailingFor(),
            settings,
            Map.of(),
            "check {{ $labels.check }} fails on {{ $labels.instance }}",
            "The agent could not run or verify check {{ $labels.check }}"
                + " (reason: {{ $labels.reason }}); see aami-dynamic-check's journal on the node."));
    generation.ifPresent(
        g ->
            rules.add(
                rule(
                    "AamiNodeBehind",
                    "aami_agent_list_generation < " + g.generation(),
                    settings.nodeBehindFor(),
                    settings,
                    Map.of(),
                    "{{ $labels.instance }} runs a check list older than the latest render",
                    "The node last synchronised its check list with generation {{ $value }}; the rules were"
                        + " rendered from commit "
                        + g.commit()
                        + " (generation "
                        + g.generation()
                        + ").")));
    for (Map.Entry<String, Set<String>> check : assignments(repository).entrySet()) {
      rules.add(
          rule(
              "AamiCheckMissing",
              checkMissing(check.getKey(), check.getValue()),
              settings.checkMissingFor(),
              settings,
              Map.of("check", check.getKey()),
              "check " + check.getKey() + " is assigned to {{ $labels.instance }} but not reported",
              "The repository assigns check "
                  + check.getKey()
                  + " to this node, but its agent exports"
                  + " no aami_check_success series for it: the node runs an old or foreign check list."));
    }
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", GROUP_NAME);
    group.put("rules", rules);
    return Optional.of(group);
  }

  /**
   * Check name to the groups whose members run it; an empty set means every target (an active
   * global policy).
   */
  static Map<String, Set<String>> assignments(Repository repository) {
    Map<String, Set<String>> byCheck = new TreeMap<>();
    Set<String> global = new TreeSet<>();
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      Optional<String> name = repository.definitionOf(policy).map(CheckDefinition::name);
      if (!policy.active() || name.isEmpty()) {
        continue;
      }
      if (policy.scope() instanceof Scope.InGroup inGroup) {
        byCheck.computeIfAbsent(name.get(), n -> new TreeSet<>()).add(inGroup.groupId());
      } else {
        global.add(name.get());
      }
    }
    global.forEach(name -> byCheck.put(name, Set.of()));
    return byCheck;
  }

  private static String checkMissing(String check, Set<String> groups) {
    String members =
        groups.isEmpty() ? SCRAPED : "up{" + GroupSelectors.membersOfAny(groups) + "} == 1";
    return members
        + " and on (instance) aami_agent_last_run_timestamp_seconds"
        + " unless on (instance) aami_check_success{check=\""
        + check
        + "\"}";
  }

  private static Map<String, Object> rule(
      String alert,
      String expr,
      String forDuration,
      FleetHealthSettings settings,
      Map<String, String> extraLabels,
      String summary,
      String description) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("alert", alert);
    rule.put("expr", expr);
    if (forDuration != null) {
      rule.put("for", forDuration);
    }
    Map<String, String> labels = new TreeMap<>(extraLabels);
    labels.put("severity", settings.severity());
    labels.put("aami_rule_group", GROUP_NAME);
    rule.put("labels", new LinkedHashMap<>(labels));
    Map<String, String> annotations = new TreeMap<>();
    annotations.put("summary", summary);
    annotations.put("description", description);
    rule.put("annotations", new LinkedHashMap<>(annotations));
    return rule;
  }
}
