package io.aami.alert;

import io.aami.diag.SourceLocation;
import io.aami.model.Group;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.yaml.ScalarLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Expands one {@link RecordingRule}: its {@code expr} goes through the same placeholder rendering
 * and PromQL checks as an alert's query ({@link QueryExpander}), its labels are written as they are
 * (Prometheus does not template a recording rule's labels), and a group rule's series get {@code
 * group_id}. Problems come back located, at their character of the YAML file when its text is
 * known.
 */
public final class RecordExpander {
  private final Repository repository;
  private final ScalarLocator locator;

  public RecordExpander(Repository repository) {
    this(repository, file -> Optional.empty());
  }

  public RecordExpander(Repository repository, Function<String, Optional<String>> fileTexts) {
    this.repository = repository;
    this.locator = new ScalarLocator(fileTexts);
  }

  /** The expanded rule (empty when an error prevents it) and the problems found. */
  public record Expansion(
      RecordingRule rule, Optional<ExpandedRecord> record, List<AlertProblem> problems) {
    public Expansion {
      problems = List.copyOf(problems);
    }
  }

  /** Empty when the rule's group does not resolve: the reference checks report that. */
  public Optional<Expansion> expand(RecordingRule rule) {
    if (rule.isGlobal()) {
      return Optional.of(expand(rule, null));
    }
    return repository.group(rule.groupId()).map(group -> expand(rule, group));
  }

  private Expansion expand(RecordingRule rule, Group group) {
    PlaceholderScope scope =
        PlaceholderScope.of(
            group == null ? null : group.id(),
            group == null ? null : group.name(),
            group == null ? GroupSelectors.outside(List.of()) : GroupSelectors.members(group.id()),
            null,
            Map.of());
    QueryExpander.Result result = QueryExpander.expand(rule.expr(), scope);
    List<AlertProblem> problems = new ArrayList<>();
    String subject =
        "'" + rule.id() + "' (" + (group == null ? "global" : "group '" + group.id() + "'") + ")";
    SourceLocation at = rule.origin().locate("expr");
    IntFunction<SourceLocation> within = rule.origin().within(locator, "expr");
    for (FieldProblem p : result.problems()) {
      SourceLocation where = p.place(at, within);
      problems.add(
          new AlertProblem(
              where,
              p.severity(),
              p.code(),
              null,
              null,
              "recording rule " + subject + ", expr: " + p.message()));
    }
    boolean failed = problems.stream().anyMatch(AlertProblem::isError);
    for (String name : rule.labels().keySet()) {
      AlertFieldChecks.labelName(name, "label", rule.origin().locateKey("labels", name))
          .ifPresent(problems::add);
    }
    if (failed || result.expr() == null) {
      return new Expansion(rule, Optional.empty(), problems);
    }
    TreeMap<String, String> labels = new TreeMap<>(rule.labels());
    if (group != null) {
      labels.put("group_id", group.id());
    }
    return new Expansion(
        rule,
        Optional.of(new ExpandedRecord(rule, group, rule.record(), result.expr(), labels)),
        problems);
  }
}
