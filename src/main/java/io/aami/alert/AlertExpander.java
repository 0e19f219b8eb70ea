package io.aami.alert;

import io.aami.diag.Diagnostic;
import io.aami.diag.SourceLocation;
import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.Group;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.promql.Expr;
import io.aami.yaml.ScalarLocator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Expands one {@link AlertRule} into an {@link ExpandedAlert}: merges its config over the
 * template's, computes labels with aami's precedence, and renders {@code expr}, labels and
 * annotations. Problems come back as located diagnostics, never as text in the output.
 */
public final class AlertExpander {
  private final Repository repository;
  private final ScalarLocator locator;
  private final long agentIntervalMillis;

  private final AlertNaming naming;

  /** What the checks declare; computed once, on the first query that has a short range. */
  private java.util.Set<String> declaredSamples;

  public AlertExpander(Repository repository) {
    this(repository, file -> Optional.empty());
  }

  /**
   * {@code fileTexts} gives a repository file's text, so that problems inside a query are located
   * at their character in the YAML file rather than at the start of the value.
   */
  public AlertExpander(Repository repository, Function<String, Optional<String>> fileTexts) {
    this(repository, new ScalarLocator(fileTexts));
  }

  /** The same with a locator shared with other checks. */
  public AlertExpander(Repository repository, ScalarLocator locator) {
    this.repository = repository;
    this.locator = locator;
    this.agentIntervalMillis = AgentInterval.of(repository.settings()).millis();
    this.naming = AlertNaming.of(repository.settings());
  }

  private java.util.Set<String> declaredSamples() {
    if (declaredSamples == null) {
      declaredSamples = CheckMetrics.declaredSamples(repository);
    }
    return declaredSamples;
  }

  /** An expanded rule (empty when an error prevents it) with the problems found. */
  public record Expansion(
      AlertRule rule, Optional<ExpandedAlert> alert, List<AlertProblem> problems) {
    public Expansion {
      problems = List.copyOf(problems);
    }

    public List<Diagnostic> diagnostics() {
      return problems.stream().map(AlertProblem::toDiagnostic).toList();
    }
  }

  /**
   * Empty when the rule's group or template does not resolve: other checks report those, and
   * nothing can be rendered for it.
   */
  public Optional<Expansion> expand(AlertRule rule) {
    Optional<Group> group = repository.group(rule.groupId());
    Optional<AlertTemplate> template = Optional.empty();
    if (rule.source() instanceof AlertRule.FromTemplate ref) {
      template = repository.alertTemplate(ref.templateId());
      if (template.isEmpty()) {
        return Optional.empty();
      }
    }
    if (rule.isGlobal()) {
      return Optional.of(new Run(rule, null, GroupSelectors.outside(List.of()), template).expand());
    }
    if (group.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Run(rule, group.get(), GroupSelectors.members(group.get().id()), template).expand());
  }

  /**
   * A global rule as it renders: over every target outside {@code overridingGroups}, the groups
   * with their own rule of the same alert. Empty when its template does not resolve.
   */
  public Optional<Expansion> expandGlobal(AlertRule rule, Collection<String> overridingGroups) {
    Optional<AlertTemplate> template = Optional.empty();
    if (rule.source() instanceof AlertRule.FromTemplate ref) {
      template = repository.alertTemplate(ref.templateId());
      if (template.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new Run(rule, null, GroupSelectors.outside(overridingGroups), template).expand());
  }

  /** The owner of a config field value: the rule that overrides it, or the template default. */
  private record Owner(Origin origin, String configKey) {
    SourceLocation locate(String... path) {
      return origin.locate(underConfig(path));
    }

    SourceLocation locateKey(String... path) {
      return origin.locateKey(underConfig(path));
    }

    String[] underConfig(String... path) {
      String[] full = new String[path.length + 1];
      full[0] = configKey;
      System.arraycopy(path, 0, full, 1, path.length);
      return full;
    }
  }

  private final class Run {
    private final AlertRule rule;

    /** Null for a global rule. */
    private final Group group;

    private final String groupSelector;
    private final Optional<AlertTemplate> template;
    private final AlertConfig defaults;
    private final Owner ruleOwner;
    private final Owner templateOwner;
    private final List<AlertProblem> problems = new ArrayList<>();
    private boolean failed;

    Run(AlertRule rule, Group group, String groupSelector, Optional<AlertTemplate> template) {
      this.rule = rule;
      this.group = group;
      this.groupSelector = groupSelector;
      this.template = template;
      this.defaults = template.map(AlertTemplate::defaultConfig).orElse(AlertConfig.EMPTY);
      this.ruleOwner = new Owner(rule.origin(), "config");
      this.templateOwner =
          template.map(t -> new Owner(t.origin(), "default_config")).orElse(ruleOwner);
    }

    Expansion expand() {
      MergedAlertConfig config = MergedAlertConfig.merge(defaults, rule.config());
      Owner durationOwner = rule.config().forDuration() != null ? ruleOwner : templateOwner;
      if (config.forDuration() != null) {
        AlertFieldChecks.duration(config.forDuration(), durationOwner.locate("for_duration"))
            .ifPresent(this::add);
      }
      Owner keepFiringOwner = rule.config().keepFiringFor() != null ? ruleOwner : templateOwner;
      if (config.keepFiringFor() != null) {
        AlertFieldChecks.duration(
                "keep_firing_for",
                config.keepFiringFor(),
                keepFiringOwner.locate("keep_firing_for"))
            .ifPresent(this::add);
      }
      PlaceholderScope scope =
          PlaceholderScope.of(
              group == null ? null : group.id(),
              group == null ? null : group.name(),
              groupSelector,
              config.forDuration(),
              config.parameters());

      String expr = expr(scope);
      Map<String, String> labels =
          texts(config.labels(), rule.config().labels(), "labels", "label", scope);
      String severity = severity(config, labels);
      if (severity != null) {
        labels.put("severity", severity);
      }
      if (group != null) {
        labels.put("group_id", group.id());
      }
      Map<String, String> annotations =
          texts(
              config.annotations(),
              rule.config().annotations(),
              "annotations",
              "annotation",
              scope);
      lintLabelReferences(config);
      if (failed || expr == null) {
        return new Expansion(rule, Optional.empty(), problems);
      }
      ExpandedAlert alert =
          new ExpandedAlert(
              rule,
              group,
              naming.alertName(alertName(), group, rule.exactName()),
              expr,
              config.forDuration(),
              config.keepFiringFor(),
              new TreeMap<>(labels),
              new TreeMap<>(annotations));
      return new Expansion(rule, Optional.of(alert), problems);
    }

    /**
     * The merged labels or annotations ({@code section}), each name checked and each value
     * rendered; a problem is located in the rule when {@code overrides} has the name, else in the
     * template. Values that do not render are left out.
     */
    private Map<String, String> texts(
        Map<String, String> merged,
        Map<String, String> overrides,
        String section,
        String kind,
        PlaceholderScope scope) {
      Map<String, String> rendered = new LinkedHashMap<>();
      merged.forEach(
          (name, value) -> {
            Owner owner = overrides.containsKey(name) ? ruleOwner : templateOwner;
            AlertFieldChecks.labelName(name, kind, owner.locateKey(section, name))
                .ifPresent(this::add);
            text(
                    value,
                    scope,
                    owner.origin(),
                    owner.underConfig(section, name),
                    kind + " '" + name + "'")
                .ifPresent(v -> rendered.put(name, v));
          });
      return rendered;
    }

    private String expr(PlaceholderScope scope) {
      String query;
      Origin origin;
      String field;
      if (rule.source() instanceof AlertRule.Direct direct) {
        query = direct.queryTemplate();
        origin = rule.origin();
        field = "query_template";
      } else {
        AlertTemplate t = template.orElseThrow();
        query = t.queryTemplate();
        origin = t.origin();
        field = "query_template of alert template '" + t.id() + "'";
      }
      QueryExpander.Result result = QueryExpander.expand(query, scope);
      List<FieldProblem> found = new ArrayList<>(result.problems());
      if (result.tree() != null && result.expr() != null) {
        tree = result.tree();
        renderedExpr = result.expr();
        found.addAll(AlertLints.noCondition(tree));
        found.addAll(
            AlertLints.rangesTooShort(
                tree, agentIntervalMillis, result.toTemplate(), declaredSamples()));
      }
      report(found, origin, new String[] {"query_template"}, field);
      return result.expr();
    }

    private Expr tree;
    private String renderedExpr;

    /** {@code alert/template-label} for each label and annotation the rule renders. */
    private void lintLabelReferences(MergedAlertConfig config) {
      if (tree == null) {
        return;
      }
      lintReferences(config.labels(), rule.config().labels(), "labels", "label");
      lintReferences(
          config.annotations(), rule.config().annotations(), "annotations", "annotation");
    }

    private void lintReferences(
        Map<String, String> merged, Map<String, String> overrides, String section, String kind) {
      merged.forEach(
          (name, value) -> {
            Owner owner = overrides.containsKey(name) ? ruleOwner : templateOwner;
            List<FieldProblem> found = AlertLints.templateLabels(value, tree, renderedExpr);
            report(
                found, owner.origin(), owner.underConfig(section, name), kind + " '" + name + "'");
          });
    }

    /** Problems of one field; those with an offset are located at that character of the file. */
    private void report(List<FieldProblem> found, Origin origin, String[] path, String field) {
      SourceLocation at = origin.locate(path);
      IntFunction<SourceLocation> within = origin.within(locator, path);
      String subject =
          "'" + rule.id() + "' (" + (group == null ? "global" : "group '" + group.id() + "'") + ")";
      for (FieldProblem p : found) {
        add(p.at(p.place(at, within), subject, field));
      }
    }

    /** Problems with an offset are placed at their character of the label or annotation value. */
    private Optional<String> text(
        String value, PlaceholderScope scope, Origin origin, String[] path, String field) {
      TextExpander.Result result = TextExpander.expand(value, scope);
      report(result.problems(), origin, path, field);
      return Optional.ofNullable(result.text());
    }

    private void add(AlertProblem problem) {
      problems.add(problem);
      failed = failed || problem.isError();
    }

    /**
     * The rule's {@code severity} label, else a direct rule's {@code severity}, else the template's
     * {@code severity} label, else the template's {@code severity}; null for a direct rule that
     * sets none.
     */
    private String severity(MergedAlertConfig config, Map<String, String> renderedLabels) {
      if (rule.config().labels().containsKey("severity")) {
        return renderedLabels.getOrDefault("severity", "");
      }
      if (rule.source() instanceof AlertRule.Direct direct) {
        return direct.severity() == null ? null : direct.severity().id();
      }
      if (config.labels().containsKey("severity")) {
        return renderedLabels.getOrDefault("severity", "");
      }
      return template.orElseThrow().severity().id();
    }

    private String alertName() {
      if (rule.source() instanceof AlertRule.Direct direct) {
        return direct.name();
      }
      return template.orElseThrow().name();
    }
  }
}
