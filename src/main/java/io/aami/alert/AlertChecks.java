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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert checks of {@code aami validate}: every rule is expanded exactly as render would
 * expand it (disabled rules too), and each declaration's config is checked on its own so that a
 * template no rule uses yet is not left unchecked. Rules whose template or group does not resolve
 * are skipped; the reference checks report those.
 *
 * <p>Codes: {@code alert/placeholder}, {@code alert/promql}, {@code alert/label-name},
 * {@code format/duration}, {@code settings}, and the warnings {@code alert/non-primary-group},
 * {@code alert/duplicate}, {@code alert/no-condition}, {@code alert/template-label} and
 * {@code alert/range-too-short}. Label names and durations are also checked by the JSON Schemas at load
 * time; they are checked here too because expansion depends on them and the checks take a
 * {@link Repository}, however it was built.
 */
public final class AlertChecks {
  private static final int MAX_LISTED = 5;

  private AlertChecks() {}

  /** Problems per file beyond which the rest are summarised in one line. */
  static final int MAX_PER_FILE = 100;

  public static List<Diagnostic> check(Repository repository) {
    return check(repository, file -> Optional.empty());
  }

  /**
   * {@code fileTexts} gives a file's text, so that a problem inside a query is located at its
   * character in the YAML file.
   */
  public static List<Diagnostic> check(Repository repository,
      java.util.function.Function<String, Optional<String>> fileTexts) {
    Diagnostics out = new Diagnostics();
    out.addAll(PrometheusRuleSettings.parse(repository.settings()).diagnostics());
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
    for (AlertTemplate template : repository.alertTemplates()) {
      if (!usedTemplates.contains(template.id())) {
        problems.addAll(lintUnused(template));
      }
    }
    problems.addAll(expansionProblems(repository, fileTexts));
    merge(problems).forEach(out::add);
    return capPerFile(out.sorted());
  }

  /**
   * At most {@link #MAX_PER_FILE} problems of one file, then one warning saying how many were
   * left out: a template used by thousands of rules must not bury everything else.
   */
  static List<Diagnostic> capPerFile(List<Diagnostic> sorted) {
    List<Diagnostic> kept = new ArrayList<>();
    Map<String, Integer> perFile = new LinkedHashMap<>();
    Map<String, Diagnostic> firstLeftOut = new LinkedHashMap<>();
    for (Diagnostic d : sorted) {
      int n = perFile.merge(d.file(), 1, Integer::sum);
      if (n <= MAX_PER_FILE) {
        kept.add(d);
      } else {
        firstLeftOut.putIfAbsent(d.file(), d);
      }
    }
    firstLeftOut.forEach((file, d) -> kept.add(Diagnostic.warning(d.location(), Code.PROMQL, (perFile.get(file) - MAX_PER_FILE)
        + " more alert problems in this file left out (the first " + MAX_PER_FILE + " are shown)")));
    return kept;
  }

  /**
   * Every rule expanded as render would, in render order, so that of two duplicate rules the one
   * rendered second is the one warned about.
   */
  private static List<AlertProblem> expansionProblems(Repository repository,
      java.util.function.Function<String, Optional<String>> fileTexts) {
    List<AlertProblem> problems = new ArrayList<>();
    AlertExpander expander = new AlertExpander(repository, fileTexts);
    Map<String, List<Target>> nonPrimaryMembers = nonPrimaryMembers(repository);
    Map<List<Object>, AlertRule> renderedAlerts = new LinkedHashMap<>();
    List<AlertRule> inRenderOrder = new ArrayList<>(repository.alertRules());
    inRenderOrder.sort(AlertPlan.RULE_ORDER);
    for (AlertRule rule : inRenderOrder) {
      expander.expand(rule).ifPresent(expansion -> {
        problems.addAll(expansion.problems());
        expansion.alert().filter(alert -> rule.enabled()).ifPresent(alert -> {
          if (QueryInspection.selectsLabel(alert.expr(), "group_id")) {
            nonPrimaryWarning(rule, nonPrimaryMembers).ifPresent(problems::add);
          }
          AlertRule first = renderedAlerts.putIfAbsent(
              List.of(rule.groupId(), alert.alertName(), alert.labels()), rule);
          if (first != null) {
            problems.add(duplicateWarning(rule, first, alert));
          }
        });
      });
    }
    return problems;
  }

  private static AlertProblem duplicateWarning(AlertRule rule, AlertRule first, ExpandedAlert alert) {
    return AlertProblem.warning(rule.origin().location(), Code.ALERT_DUPLICATE,
        "alert rule '" + rule.id() + "' renders the same alert name '" + alert.alertName()
            + "' and labels as alert rule '" + first.id() + "' in group '" + rule.groupId()
            + "'; their alerts cannot be told apart (promtool reports them as duplicates)."
            + " Give one of them a distinguishing label");
  }

  /** Checks of one template's default_config or one rule's config, independent of any rule. */
  private static List<AlertProblem> declaration(Origin origin, String key, AlertConfig config) {
    List<AlertProblem> found = new ArrayList<>();
    if (config.forDuration() != null) {
      AlertFieldChecks.duration(config.forDuration(), origin.locate(key, "for_duration"))
          .ifPresent(found::add);
    }
    config.labels().keySet().forEach(name -> AlertFieldChecks.labelName(name, "label",
        origin.locateKey(key, "labels", name)).ifPresent(found::add));
    config.annotations().keySet().forEach(name -> AlertFieldChecks.labelName(name, "annotation",
        origin.locateKey(key, "annotations", name)).ifPresent(found::add));
    for (String name : config.parameters().keySet()) {
      if (PlaceholderScope.BUILT_INS.contains(name)) {
        found.add(AlertProblem.error(origin.locateKey(key, name), Code.PLACEHOLDER, "parameter '"
            + name + "' has the name of a built-in placeholder, which always wins; rename it"));
      }
    }
    return found;
  }

  /** A template no rule uses: only what does not depend on a rule's values. */
  private static List<AlertProblem> lintUnused(AlertTemplate template) {
    List<AlertProblem> found = new ArrayList<>();
    SourceLocation query = template.origin().locate("query_template");
    QueryExpander.lint(template.queryTemplate())
        .forEach(p -> found.add(p.at(query, null, "query_template")));
    lintTexts(template, "labels", "label", template.defaultConfig().labels(), found);
    lintTexts(template, "annotations", "annotation", template.defaultConfig().annotations(), found);
    return found;
  }

  /** {@code section} of the template's default_config: each text linted, named {@code kind 'name'}. */
  private static void lintTexts(AlertTemplate template, String section, String kind,
      Map<String, String> texts, List<AlertProblem> found) {
    texts.forEach((name, text) -> {
      SourceLocation at = template.origin().locate("default_config", section, name);
      TextExpander.lint(text).forEach(p -> found.add(p.at(p.place(at,
          offset -> template.origin().locateWithin(offset, "default_config", section, name)),
          null, kind + " '" + name + "'")));
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
   * Suggests the {@code aami_groups} matcher in placeholder form: aami regex-quotes the group id
   * there, where a group id copied into the regex by hand would let a {@code .} match anything.
   */
  private static Optional<AlertProblem> nonPrimaryWarning(AlertRule rule,
      Map<String, List<Target>> nonPrimaryMembers) {
    List<Target> targets = nonPrimaryMembers.getOrDefault(rule.groupId(), List.of());
    if (targets.isEmpty()) {
      return Optional.empty();
    }
    List<String> named = new ArrayList<>();
    for (Target t : targets.subList(0, Math.min(MAX_LISTED, targets.size()))) {
      named.add("'" + t.id() + "' (primary group '" + t.primaryGroup() + "')");
    }
    String more = targets.size() > MAX_LISTED ? " and " + (targets.size() - MAX_LISTED) + " more" : "";
    String g = rule.groupId();
    boolean one = targets.size() == 1;
    return Optional.of(AlertProblem.warning(rule.origin().locate("group_id"),
        Code.ALERT_NON_PRIMARY_GROUP, "alert rule '" + rule.id() + "' selects group_id=\"" + g
            + "\", but " + (one ? "target " : "targets ") + String.join(", ", named) + more
            + (one ? " belongs" : " belong") + " to '" + g + "' only as a non-primary group; "
            + (one ? "its series carry its" : "their series carry their") + " primary group's id,"
            + " so this rule does not see " + (one ? "it" : "them") + ". Match"
            + " aami_groups=~\".*,{{ .group_id }},.*\" in the query, or make '" + g + "' "
            + (one ? "its" : "their") + " primary group"));
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
      Set<String> rules = rulesByKey.computeIfAbsent(
          new Key(p.at(), p.severity(), p.code(), p.field(), p.message()), k -> new LinkedHashSet<>());
      if (p.rule() != null) {
        rules.add(p.rule());
      }
    }
    List<Diagnostic> merged = new ArrayList<>();
    rulesByKey.forEach((k, rules) -> {
      AlertProblem p = new AlertProblem(k.at(), k.severity(), k.code(), null, k.field(), k.message());
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
