package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.diag.Severity;
import io.aami.diag.SourceLocation;
import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.yaml.ScalarLocator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The alert checks of {@code aami validate}: every rule is expanded exactly as render would expand
 * it (disabled rules too), and each declaration's config is checked on its own so that a template
 * no rule uses yet is not left unchecked. Rules whose template or group does not resolve are
 * skipped; the reference checks report those.
 *
 * <p>Codes: {@code alert/placeholder}, {@code alert/promql}, {@code alert/label-name}, {@code
 * format/duration}, {@code settings}, and the warnings {@code alert/non-primary-group}, {@code
 * alert/duplicate}, {@code alert/no-condition}, {@code alert/template-label} and {@code
 * alert/range-too-short}. Label names and durations are also checked by the JSON Schemas at load
 * time; they are checked here too because expansion depends on them and the checks take a {@link
 * Repository}, however it was built.
 */
public final class AlertChecks {
  private static final int MAX_LISTED = 5;

  private AlertChecks() {}

  public static List<Diagnostic> check(Repository repository) {
    return check(repository, file -> Optional.empty());
  }

  /**
   * {@code fileTexts} gives a file's text, so that a problem inside a query is located at its
   * character in the YAML file.
   */
  public static List<Diagnostic> check(
      Repository repository, java.util.function.Function<String, Optional<String>> fileTexts) {
    Diagnostics out = new Diagnostics();
    out.addAll(AgentInterval.of(repository.settings()).diagnostics());

    List<AlertProblem> problems = new ArrayList<>();
    Set<String> usedTemplates = new HashSet<>();
    for (AlertTemplate template : repository.alertTemplates()) {
      problems.addAll(declaration(template.origin(), "default_config", template.defaultConfig()));
    }
    for (AlertRule rule : repository.alertRules()) {
      problems.addAll(declaration(rule.origin(), "config", rule.config()));
      if (rule.source() instanceof AlertRule.FromTemplate ref) {
        usedTemplates.add(ref.templateId());
      }
    }
    ScalarLocator locator = new ScalarLocator(fileTexts);
    for (AlertTemplate template : repository.alertTemplates()) {
      if (!usedTemplates.contains(template.id())) {
        problems.addAll(lintUnused(template, locator));
      }
    }
    problems.addAll(expansionProblems(repository, locator));
    problems.addAll(globalSelectorProblems(repository));
    merge(problems).forEach(out::add);
    out.addAll(GlobalAlertRules.resolve(repository).problems());
    out.addAll(AlertConfigKeys.check(repository));
    // Every problem is returned: what a report prints is capped there (diag.ProblemCap), counting
    // all, so that no error hides behind a cap.
    return out.sorted();
  }

  /**
   * Every rule expanded as render would, in render order, so that of two duplicate rules the one
   * rendered second is the one warned about.
   */
  private static List<AlertProblem> expansionProblems(
      Repository repository, ScalarLocator locator) {
    List<AlertProblem> problems = new ArrayList<>();
    AlertExpander expander = new AlertExpander(repository, locator);
    Map<String, List<Target>> nonPrimaryMembers = nonPrimaryMembers(repository);
    Map<List<Object>, AlertRule> renderedAlerts = new LinkedHashMap<>();
    Map<String, List<AlertRule>> missingMembers = new LinkedHashMap<>();
    List<AlertRule> inRenderOrder = new ArrayList<>(repository.alertRules());
    inRenderOrder.sort(AlertPlan.RULE_ORDER);
    Set<AlertRule> renderedGlobals = new HashSet<>();
    GlobalAlertRules.resolve(repository).winners().forEach(w -> renderedGlobals.add(w.rule()));
    for (AlertRule rule : inRenderOrder) {
      expander
          .expand(rule)
          .ifPresent(
              expansion -> {
                problems.addAll(expansion.problems());
                expansion
                    .alert()
                    .filter(
                        alert ->
                            rule.enabled() && (!rule.isGlobal() || renderedGlobals.contains(rule)))
                    .ifPresent(
                        alert -> {
                          if (!rule.isGlobal()
                              && QueryInspection.selectsLabel(alert.expr(), "group_id")
                              && !nonPrimaryMembers
                                  .getOrDefault(rule.groupId(), List.of())
                                  .isEmpty()) {
                            missingMembers
                                .computeIfAbsent(GlobalAlertRules.key(rule), k -> new ArrayList<>())
                                .add(rule);
                          }
                          AlertRule first =
                              renderedAlerts.putIfAbsent(
                                  List.of(
                                      rule.isGlobal() ? "" : rule.groupId(),
                                      alert.alertName(),
                                      alert.labels()),
                                  rule);
                          if (first != null) {
                            problems.add(duplicateWarning(rule, first, alert));
                          }
                        });
              });
    }
    missingMembers
        .values()
        .forEach(rules -> problems.add(nonPrimaryWarning(repository, rules, nonPrimaryMembers)));
    return problems;
  }

  /**
   * A global rule that groups override must leave their members out, which only {@code {{
   * .group_selector }}} does; without it both rules would fire for those targets.
   */
  private static List<AlertProblem> globalSelectorProblems(Repository repository) {
    List<AlertProblem> problems = new ArrayList<>();
    for (GlobalAlertRules.Winner winner : GlobalAlertRules.resolve(repository).winners()) {
      if (winner.overridingGroups().isEmpty()) {
        continue;
      }
      AlertRule rule = winner.rule();
      Optional<String> query = queryTemplate(repository, rule);
      boolean selects =
          query
              .map(
                  q ->
                      TemplateAction.scan(q).stream()
                          .anyMatch(
                              a ->
                                  a.placeholder()
                                      .filter(PlaceholderScope.GROUP_SELECTOR::equals)
                                      .isPresent()))
              .orElse(true);
      if (!selects) {
        problems.add(
            AlertProblem.error(
                rule.origin().locate("scope"),
                Code.ALERT_GLOBAL_SELECTOR,
                "global alert rule '"
                    + rule.id()
                    + "' is overridden by the rules of group"
                    + (winner.overridingGroups().size() == 1 ? " " : "s ")
                    + String.join(", ", winner.overridingGroups())
                    + ", but its query has no"
                    + " {{ .group_selector }} to leave their targets out, so both rules would fire for"
                    + " them; write the selector into the query, e.g. metric{ {{ .group_selector }} }"));
      }
    }
    return problems;
  }

  private static Optional<String> queryTemplate(Repository repository, AlertRule rule) {
    if (rule.source() instanceof AlertRule.FromTemplate ref) {
      return repository.alertTemplate(ref.templateId()).map(AlertTemplate::queryTemplate);
    }
    return Optional.of(((AlertRule.Direct) rule.source()).queryTemplate());
  }

  private static AlertProblem duplicateWarning(
      AlertRule rule, AlertRule first, ExpandedAlert alert) {
    return AlertProblem.warning(
        rule.origin().location(),
        Code.ALERT_DUPLICATE,
        "alert rule '"
            + rule.id()
            + "' renders the same alert name '"
            + alert.alertName()
            + "' and labels as alert rule '"
            + first.id()
            + "'"
            + (rule.isGlobal() ? " among the global rules" : " in group '" + rule.groupId() + "'")
            + "; their alerts cannot be told apart (promtool reports them as duplicates)."
            + " Give one of them a distinguishing label");
  }

  /** Checks of one template's default_config or one rule's config, independent of any rule. */
  private static List<AlertProblem> declaration(Origin origin, String key, AlertConfig config) {
    List<AlertProblem> found = new ArrayList<>();
    if (config.forDuration() != null) {
      AlertFieldChecks.duration(config.forDuration(), origin.locate(key, "for_duration"))
          .ifPresent(found::add);
    }
    if (config.keepFiringFor() != null) {
      AlertFieldChecks.duration(
              "keep_firing_for", config.keepFiringFor(), origin.locate(key, "keep_firing_for"))
          .ifPresent(found::add);
    }
    config
        .labels()
        .keySet()
        .forEach(
            name ->
                AlertFieldChecks.labelName(name, "label", origin.locateKey(key, "labels", name))
                    .ifPresent(found::add));
    config
        .annotations()
        .keySet()
        .forEach(
            name ->
                AlertFieldChecks.labelName(
                        name, "annotation", origin.locateKey(key, "annotations", name))
                    .ifPresent(found::add));
    for (String name : config.parameters().keySet()) {
      if (PlaceholderScope.BUILT_INS.contains(name)) {
        found.add(
            AlertProblem.error(
                origin.locateKey(key, name),
                Code.PLACEHOLDER,
                "parameter '"
                    + name
                    + "' has the name of a built-in placeholder, which always wins; rename it"));
      }
    }
    return found;
  }

  /**
   * A template no rule uses: only what does not depend on a rule's values, located as the expansion
   * of a rule would locate it.
   */
  private static List<AlertProblem> lintUnused(AlertTemplate template, ScalarLocator locator) {
    List<AlertProblem> found = new ArrayList<>();
    Origin origin = template.origin();
    SourceLocation query = origin.locate("query_template");
    IntFunction<SourceLocation> within = origin.within(locator, "query_template");
    QueryExpander.lint(template.queryTemplate())
        .forEach(p -> found.add(p.at(p.place(query, within), null, "query_template")));
    lintTexts(template, "labels", "label", template.defaultConfig().labels(), locator, found);
    lintTexts(
        template,
        "annotations",
        "annotation",
        template.defaultConfig().annotations(),
        locator,
        found);
    return found;
  }

  /**
   * {@code section} of the template's default_config: each text linted, named {@code kind 'name'}.
   */
  private static void lintTexts(
      AlertTemplate template,
      String section,
      String kind,
      Map<String, String> texts,
      ScalarLocator locator,
      List<AlertProblem> found) {
    Origin origin = template.origin();
    texts.forEach(
        (name, text) -> {
          SourceLocation at = origin.locate("default_config", section, name);
          IntFunction<SourceLocation> within =
              origin.within(locator, "default_config", section, name);
          TextExpander.lint(text)
              .forEach(p -> found.add(p.at(p.place(at, within), null, kind + " '" + name + "'")));
        });
  }

  private static Map<String, List<Target>> nonPrimaryMembers(Repository repository) {
    Map<String, List<Target>> members = new LinkedHashMap<>();
    for (Target target : repository.targets()) {
      for (String group : target.groups()) {
        if (!group.equals(target.primaryGroup())) {
          members.computeIfAbsent(group, g -> new ArrayList<>()).add(target);
        }
      }
    }
    return members;
  }

  /**
   * One warning per alert (template, or direct rule) whose rules select {@code group_id} of groups
   * that some targets have only as a non-primary group, located at the template's query (or the
   * direct rule), with the fix: {@code {{ .group_selector }}} selects every member.
   */
  private static AlertProblem nonPrimaryWarning(
      Repository repository, List<AlertRule> rules, Map<String, List<Target>> nonPrimaryMembers) {
    AlertRule rule = rules.get(0);
    List<String> named = new ArrayList<>();
    int targets = 0;
    for (AlertRule r : rules) {
      List<Target> members = nonPrimaryMembers.get(r.groupId());
      targets += members.size();
      if (named.size() < MAX_LISTED) {
        Target t = members.get(0);
        named.add(
            "'" + t.id() + "' in '" + r.groupId() + "' (primary group '" + t.primaryGroup() + "')");
      }
    }
    String subject;
    SourceLocation at;
    if (rule.source() instanceof AlertRule.FromTemplate ref
        && repository.alertTemplate(ref.templateId()).isPresent()) {
      subject =
          "AlertTemplate '"
              + ref.templateId()
              + "' selects group_id in "
              + (rules.size() == 1 ? "its rule '" + rule.id() + "'" : rules.size() + " rules");
      at = repository.alertTemplate(ref.templateId()).get().origin().locate("query_template");
    } else {
      subject = "alert rule '" + rule.id() + "' selects group_id=\"" + rule.groupId() + "\"";
      at = rule.origin().locate("group_id");
    }
    return AlertProblem.warning(
        at,
        Code.ALERT_NON_PRIMARY_GROUP,
        subject
            + ", but "
            + targets
            + (targets == 1 ? " target belongs" : " targets belong")
            + " to the rule's group only as a"
            + " non-primary group ("
            + String.join(", ", named)
            + (rules.size() > MAX_LISTED ? ", ..." : "")
            + "): their series carry their primary"
            + " group's id, so the rule does not see them. Select the members with"
            + " {{ .group_selector }} instead, e.g. metric{ {{ .group_selector }} }");
  }

  /**
   * One diagnostic per problem in a shared place: a problem in a template that several rules use
   * names all of them instead of repeating itself.
   */
  private static List<Diagnostic> merge(List<AlertProblem> problems) {
    record Key(SourceLocation at, Severity severity, Code code, String field, String message) {}
    // A set per key: one template problem shared by every rule must not cost rules squared.
    Map<Key, Set<String>> rulesByKey = new LinkedHashMap<>();
    for (AlertProblem p : problems) {
      Set<String> rules =
          rulesByKey.computeIfAbsent(
              new Key(p.at(), p.severity(), p.code(), p.field(), p.message()),
              k -> new LinkedHashSet<>());
      if (p.rule() != null) {
        rules.add(p.rule());
      }
    }
    List<Diagnostic> merged = new ArrayList<>();
    rulesByKey.forEach(
        (k, rules) -> {
          AlertProblem p =
              new AlertProblem(k.at(), k.severity(), k.code(), null, k.field(), k.message());
          merged.add(p.toDiagnostic(subject(List.copyOf(rules))));
        });
    return merged;
  }

  private static String subject(List<String> rules) {
    if (rules.isEmpty()) {
      return null;
    }
    if (rules.size() == 1) {
      return "alert rule " + rules.get(0);
    }
    List<String> shown = rules.subList(0, Math.min(MAX_LISTED, rules.size()));
    String more = rules.size() > MAX_LISTED ? " and " + (rules.size() - MAX_LISTED) + " more" : "";
    return "alert rules " + String.join(", ", shown) + more;
  }
}
