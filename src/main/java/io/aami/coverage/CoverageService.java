package io.aami.coverage;

import io.aami.model.AlertRule;
import io.aami.model.CheckDefinition;
import io.aami.model.Group;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.Target;
import io.aami.resolve.Candidate;
import io.aami.resolve.CheckDecision;
import io.aami.resolve.CheckResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the coverage report of a valid repository. Each group is resolved as a target that is in
 * that group alone would be, so a cell says what the group's own policies and the global ones give;
 * targets in several groups are listed in each of their groups. The work is one resolution per
 * group (memoized by {@link CheckResolver}) plus one pass over targets and alert rules.
 */
public final class CoverageService {

  public CoverageReport build(Repository repository) {
    CheckResolver resolver = CheckResolver.of(repository);
    Map<String, List<String>> targetsByGroup = targetsByGroup(repository);
    Map<String, Map<String, GroupCoverage.AlertCoverage>> alertsByGroup = alertsByGroup(repository);
    List<GroupCoverage> groups = new ArrayList<>();
    for (Group group :
        repository.groups().stream().sorted(Comparator.comparing(Group::id)).toList()) {
      groups.add(
          new GroupCoverage(
              group.id(),
              group.name(),
              targetsByGroup.getOrDefault(group.id(), List.of()),
              checksOf(resolver, group.id()),
              new TreeMap<>(alertsByGroup.getOrDefault(group.id(), Map.of()))));
    }
    List<String> ungrouped =
        repository.targets().stream()
            .filter(t -> t.groups().isEmpty())
            .map(Target::id)
            .sorted()
            .toList();
    MetricCoverage metrics = MetricCoverage.of(repository);
    return new CoverageReport(
        groups,
        checkNames(repository),
        alertNames(repository),
        ungrouped,
        metrics.checksWithoutAlerts(),
        metrics.checksWithoutDeclaredMetrics(),
        metrics.alertsOnUndeclaredMetrics());
  }

  private static SortedMap<String, CheckCoverage> checksOf(CheckResolver resolver, String groupId) {
    List<String> groups = List.of(groupId);
    Map<String, List<Candidate>> inactive = resolver.inactiveCandidates(groups);
    TreeMap<String, CheckCoverage> cells = new TreeMap<>();
    for (CheckDecision decision : resolver.resolveGroups(groups).decisions()) {
      Candidate winner = decision.winner();
      Map<String, Object> merged = resolver.effectiveCheck(winner).config();
      cells.put(
          decision.checkName(),
          new CheckCoverage.Runs(
              winner.policyId(),
              !winner.isGroupLevel(),
              ConfigPaths.changed(winner.definition().defaultConfig(), merged),
              policyIds(inactive.get(decision.checkName()))));
    }
    inactive.forEach(
        (check, candidates) ->
            cells.putIfAbsent(check, new CheckCoverage.OnlyInactive(policyIds(candidates))));
    return cells;
  }

  private static List<String> policyIds(List<Candidate> candidates) {
    return candidates == null ? List.of() : candidates.stream().map(Candidate::policyId).toList();
  }

  private static Map<String, List<String>> targetsByGroup(Repository repository) {
    Map<String, List<String>> members = new HashMap<>();
    repository
        .groupMembers()
        .forEach(
            (group, targets) ->
                members.put(group, targets.stream().map(Target::id).sorted().toList()));
    return members;
  }

  private static Map<String, Map<String, GroupCoverage.AlertCoverage>> alertsByGroup(
      Repository repository) {
    Map<String, Map<String, List<AlertRule>>> rules = new HashMap<>();
    for (AlertRule rule : repository.alertRules()) {
      if (rule.groupId() != null) {
        rules
            .computeIfAbsent(rule.groupId(), g -> new TreeMap<>())
            .computeIfAbsent(alertName(rule), a -> new ArrayList<>())
            .add(rule);
      }
    }
    Map<String, Map<String, GroupCoverage.AlertCoverage>> cells = new HashMap<>();
    rules.forEach(
        (group, byAlert) ->
            byAlert.forEach(
                (alert, list) -> {
                  List<String> enabled =
                      list.stream().filter(AlertRule::enabled).map(AlertRule::id).sorted().toList();
                  List<String> disabled =
                      list.stream().filter(r -> !r.enabled()).map(AlertRule::id).sorted().toList();
                  List<String> keepFiringFor =
                      list.stream()
                          .filter(AlertRule::enabled)
                          .map(r -> keepFiringFor(repository, r))
                          .filter(Objects::nonNull)
                          .distinct()
                          .sorted()
                          .toList();
                  cells
                      .computeIfAbsent(group, g -> new TreeMap<>())
                      .put(
                          alert, new GroupCoverage.AlertCoverage(enabled, disabled, keepFiringFor));
                }));
    return cells;
  }

  /** The rule's keep_firing_for, else its template's default; null when neither sets it. */
  private static String keepFiringFor(Repository repository, AlertRule rule) {
    if (rule.config().keepFiringFor() != null
        || !(rule.source() instanceof AlertRule.FromTemplate fromTemplate)) {
      return rule.config().keepFiringFor();
    }
    return repository
        .alertTemplate(fromTemplate.templateId())
        .map(t -> t.defaultConfig().keepFiringFor())
        .orElse(null);
  }

  /** The column an alert rule fills: its template's id, or the name of a direct rule. */
  static String alertName(AlertRule rule) {
    if (rule.source() instanceof AlertRule.FromTemplate fromTemplate) {
      return fromTemplate.templateId();
    }
    return ((AlertRule.Direct) rule.source()).name();
  }

  private static List<String> checkNames(Repository repository) {
    TreeSet<String> names = new TreeSet<>();
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      repository.definitionOf(policy).map(CheckDefinition::name).ifPresent(names::add);
    }
    return List.copyOf(names);
  }

  private static List<String> alertNames(Repository repository) {
    return repository.alertRules().stream()
        .map(CoverageService::alertName)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .toList();
  }
}
