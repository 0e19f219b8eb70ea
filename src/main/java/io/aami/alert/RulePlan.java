package io.aami.alert;

import io.aami.model.Group;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.model.RuleGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Prometheus rule groups to render: per aami group (and once for the global rules), aami's own
 * rule group first, then the groups imported rules keep ({@code rule_group}) in name order; in
 * each, the recording rules (in id order) before the alerts (in {@link AlertPlan#RULE_ORDER}), so
 * that an alert reads what the same evaluation recorded. A group with neither an enabled alert nor
 * an enabled recording rule has no rule groups and gets no rule file. Linear in the rules; the plan
 * of the groups is computed once per repository.
 */
public final class RulePlan {
  /** One Prometheus rule group; {@code interval} null when unset. Never empty. */
  public record RenderedGroup(
      String name, String interval, List<ExpandedRecord> records, List<ExpandedAlert> alerts) {
    public RenderedGroup {
      records = List.copyOf(records);
      alerts = List.copyOf(alerts);
    }
  }

  /** An aami group and its rule groups, never empty. */
  public record GroupRules(Group group, List<RenderedGroup> ruleGroups) {
    public GroupRules {
      ruleGroups = List.copyOf(ruleGroups);
    }
  }

  private static final Object PLAN_KEY = new Object();
  private static final Comparator<RecordingRule> RECORD_ORDER =
      Comparator.comparing(RecordingRule::id);

  private RulePlan() {}

  /**
   * Groups in id order.
   *
   * @throws AlertRenderException when an enabled rule does not expand
   */
  @SuppressWarnings("unchecked")
  public static List<GroupRules> build(Repository repository) {
    return repository.derived(PLAN_KEY, List.class, RulePlan::plan);
  }

  /** The rule groups of the global rules ({@code aami-global} first); empty when none renders. */
  public static List<RenderedGroup> global(Repository repository, String defaultName) {
    List<ExpandedRecord> records =
        expand(
            repository,
            repository.recordingRules().stream().filter(r -> r.enabled() && r.isGlobal()).toList());
    return split(defaultName, records, AlertPlan.global(repository));
  }

  private static List<GroupRules> plan(Repository repository) {
    Map<String, List<ExpandedAlert>> alertsByGroup = new LinkedHashMap<>();
    for (AlertPlan.GroupAlerts g : AlertPlan.build(repository)) {
      alertsByGroup.put(g.group().id(), g.alerts());
    }
    Map<String, List<RecordingRule>> recordsByGroup = new TreeMap<>();
    for (RecordingRule rule : repository.recordingRules()) {
      if (rule.enabled() && !rule.isGlobal() && repository.group(rule.groupId()).isPresent()) {
        recordsByGroup.computeIfAbsent(rule.groupId(), g -> new ArrayList<>()).add(rule);
      }
    }
    List<GroupRules> plan = new ArrayList<>();
    TreeSet<String> groupIds = new TreeSet<>(alertsByGroup.keySet());
    groupIds.addAll(recordsByGroup.keySet());
    List<io.aami.diag.Diagnostic> errors = new ArrayList<>();
    for (String groupId : groupIds) {
      Group group = repository.group(groupId).orElseThrow();
      List<ExpandedRecord> records =
          expand(repository, recordsByGroup.getOrDefault(groupId, List.of()));
      List<ExpandedAlert> alerts = alertsByGroup.getOrDefault(groupId, List.of());
      if (records.isEmpty() && alerts.isEmpty()) {
        continue;
      }
      if (!alertsByGroup.containsKey(groupId)) {
        AlertPlan.requireFileSafe(group, errors);
      }
      plan.add(new GroupRules(group, split(AlertNames.ruleGroupName(group), records, alerts)));
    }
    if (!errors.isEmpty()) {
      throw new AlertRenderException(errors);
    }
    return Collections.unmodifiableList(plan);
  }

  /** Expanded in id order; a rule that does not expand fails the render with its errors. */
  private static List<ExpandedRecord> expand(Repository repository, List<RecordingRule> rules) {
    List<RecordingRule> sorted = new ArrayList<>(rules);
    sorted.sort(RECORD_ORDER);
    RecordExpander expander = new RecordExpander(repository);
    List<io.aami.diag.Diagnostic> errors = new ArrayList<>();
    List<ExpandedRecord> records = new ArrayList<>();
    for (RecordingRule rule : sorted) {
      expander
          .expand(rule)
          .ifPresent(e -> ExpansionResults.keep(e.problems(), e.record(), errors, records));
    }
    if (!errors.isEmpty()) {
      throw new AlertRenderException(
          errors.stream().distinct().sorted(io.aami.diag.Diagnostic.ORDER).toList());
    }
    return records;
  }

  /** aami's own group ({@code defaultName}) first, then the named groups in name order. */
  private static List<RenderedGroup> split(
      String defaultName, List<ExpandedRecord> records, List<ExpandedAlert> alerts) {
    Map<String, List<ExpandedRecord>> recordsByName = new TreeMap<>();
    Map<String, List<ExpandedAlert>> alertsByName = new TreeMap<>();
    Map<String, String> intervals = new TreeMap<>();
    for (ExpandedRecord r : records) {
      String name = nameOf(r.rule().ruleGroup(), defaultName, intervals);
      recordsByName.computeIfAbsent(name, n -> new ArrayList<>()).add(r);
    }
    for (ExpandedAlert a : alerts) {
      String name = nameOf(a.rule().ruleGroup(), defaultName, intervals);
      alertsByName.computeIfAbsent(name, n -> new ArrayList<>()).add(a);
    }
    TreeSet<String> names = new TreeSet<>(recordsByName.keySet());
    names.addAll(alertsByName.keySet());
    List<RenderedGroup> groups = new ArrayList<>();
    if (names.remove(defaultName)) {
      groups.add(group(defaultName, intervals, recordsByName, alertsByName));
    }
    for (String name : names) {
      groups.add(group(name, intervals, recordsByName, alertsByName));
    }
    return groups;
  }

  private static RenderedGroup group(
      String name,
      Map<String, String> intervals,
      Map<String, List<ExpandedRecord>> records,
      Map<String, List<ExpandedAlert>> alerts) {
    return new RenderedGroup(
        name,
        intervals.get(name),
        records.getOrDefault(name, List.of()),
        alerts.getOrDefault(name, List.of()));
  }

  /** The first interval given wins; {@link RecordingRuleChecks} reports the disagreements. */
  private static String nameOf(
      RuleGroup ruleGroup, String defaultName, Map<String, String> intervals) {
    if (ruleGroup == null) {
      return defaultName;
    }
    if (ruleGroup.interval() != null) {
      intervals.putIfAbsent(ruleGroup.name(), ruleGroup.interval());
    }
    return ruleGroup.name();
  }

  /** The key of the rule group a rule of this scope and {@code rule_group} renders into. */
  static List<String> groupKey(String groupId, RuleGroup ruleGroup) {
    return List.of(groupId == null ? "" : groupId, ruleGroup == null ? "" : ruleGroup.name());
  }
}
