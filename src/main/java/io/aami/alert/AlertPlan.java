package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.AlertRule;
import io.aami.model.Group;
import io.aami.model.Repository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerting rules to render, per group: every enabled rule expanded, in a fixed order (rule
 * {@code priority} descending, then rule id). Groups without an enabled rule are absent, so they
 * get no rule file. Disabled rules are not rendered.
 */
public final class AlertPlan {
  /** A group and its expanded rules, never empty. */
  public record GroupAlerts(Group group, List<ExpandedAlert> alerts) {
    public GroupAlerts {
      alerts = List.copyOf(alerts);
    }
  }

  public static final Comparator<AlertRule> RULE_ORDER =
      Comparator.comparingInt(AlertRule::priority).reversed().thenComparing(AlertRule::id);

  private AlertPlan() {}

  /**
   * Groups in id order.
   *
   * @throws AlertRenderException when an enabled rule does not expand, or a group id cannot be a
   *     file name
   */
  @SuppressWarnings("unchecked")
  public static List<GroupAlerts> build(Repository repository) {
    // Three renderers (rule files, CRDs, Mimir namespaces) and diff each need the same plan.
    return repository.derived(PLAN_KEY, List.class, AlertPlan::expand);
  }

  private static final Object PLAN_KEY = new Object();

  private static List<GroupAlerts> expand(Repository repository) {
    AlertExpander expander = new AlertExpander(repository);
    Map<String, List<AlertRule>> rulesByGroup = new LinkedHashMap<>();
    for (AlertRule rule : repository.alertRules()) {
      if (rule.enabled() && !rule.isGlobal()) {
        rulesByGroup.computeIfAbsent(rule.groupId(), g -> new ArrayList<>()).add(rule);
      }
    }
    List<Diagnostic> errors = new ArrayList<>();
    List<GroupAlerts> plan = new ArrayList<>();
    for (String groupId : rulesByGroup.keySet().stream().sorted().toList()) {
      Optional<Group> group = repository.group(groupId);
      if (group.isEmpty()) {
        continue;
      }
      List<AlertRule> rules = new ArrayList<>(rulesByGroup.get(groupId));
      rules.sort(RULE_ORDER);
      List<ExpandedAlert> alerts = new ArrayList<>();
      for (AlertRule rule : rules) {
        expander
            .expand(rule)
            .ifPresent(e -> ExpansionResults.keep(e.problems(), e.alert(), errors, alerts));
      }
      if (!alerts.isEmpty()) {
        requireFileSafe(group.get(), errors);
        plan.add(new GroupAlerts(group.get(), alerts));
      }
    }
    if (!errors.isEmpty()) {
      throw new AlertRenderException(errors.stream().distinct().sorted(Diagnostic.ORDER).toList());
    }
    return Collections.unmodifiableList(plan);
  }

  /**
   * The global rules that render ({@link GlobalAlertRules}), each over every target outside the
   * groups that override it, in rule order; empty when there are none.
   *
   * @throws AlertRenderException when a winner does not expand, or global rules tie
   */
  public static List<ExpandedAlert> global(Repository repository) {
    GlobalAlertRules.Resolution resolution = GlobalAlertRules.resolve(repository);
    List<Diagnostic> errors = new ArrayList<>(resolution.problems());
    AlertExpander expander = new AlertExpander(repository);
    List<ExpandedAlert> alerts = new ArrayList<>();
    resolution.winners().stream()
        .sorted(Comparator.comparing(GlobalAlertRules.Winner::rule, RULE_ORDER))
        .forEach(
            winner ->
                expander
                    .expandGlobal(winner.rule(), winner.overridingGroups())
                    .ifPresent(
                        e -> ExpansionResults.keep(e.problems(), e.alert(), errors, alerts)));
    if (!errors.isEmpty()) {
      throw new AlertRenderException(errors.stream().distinct().sorted(Diagnostic.ORDER).toList());
    }
    return List.copyOf(alerts);
  }

  /** Group ids become file names; the schema enforces the pattern, this guards the output tree. */
  public static void requireFileSafe(Group group, List<Diagnostic> errors) {
    if (!AlertNames.FILE_SAFE_ID.matcher(group.id()).matches()) {
      errors.add(
          Diagnostic.error(
              group.origin().locate("id"),
              Code.SCHEMA,
              "group id '"
                  + group.id()
                  + "' cannot be used as a file name; use [A-Za-z0-9][A-Za-z0-9._-]*"));
    }
  }
}
