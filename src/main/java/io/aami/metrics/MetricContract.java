package io.aami.metrics;

import io.aami.alert.AlertExpander;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.diag.Suggestions;
import io.aami.load.LoadResult;
import io.aami.model.AlertRule;
import io.aami.model.CheckDefinition;
import io.aami.model.MetricDeclaration;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.model.Target;
import io.aami.render.prometheus.FileSdRenderer;
import io.aami.yaml.ScalarLocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The contract between checks and alerts: every metric an alert query selects is declared by some
 * check ({@code metrics:}) or covered by {@code external_metrics} ({@code alert/unknown-metric}),
 * and every label matcher on a declared metric names a label its series carry ({@code
 * alert/absent-label-matcher}): the check's declared labels, the labels every scraped series gets
 * ({@code instance}, {@code job}, the file_sd labels {@code group_id}, {@code group_name}, {@code
 * aami_groups}) and any target's own labels. A matcher that matches the empty string is fine on an
 * absent label (it matches everything), so only the others warn. A metric a {@code RecordingRule}
 * records is known, whatever labels it is matched on.
 *
 * <p>Active only when at least one check declares {@code metrics}, so a repository that declares
 * none is not flooded. Queries are checked as rendered, once per rule (disabled rules too);
 * problems are reported at the {@code query_template} that holds the selector, once.
 */
public final class MetricContract {
  /** Labels Prometheus itself attaches to every scraped series. */
  private static final List<String> SCRAPE_LABELS = List.of("instance", "job");

  private static final int MAX_QUOTED = 60;

  private MetricContract() {}

  public static List<Diagnostic> check(LoadResult loaded) {
    Repository repository = loaded.repository();
    Diagnostics out = new Diagnostics();
    ExternalMetrics external = ExternalMetrics.of(repository.settings());
    List<CheckDefinition> declaring = declaringDefinitions(repository);
    if (declaring.isEmpty()) {
      return out.sorted();
    }
    Map<String, Set<String>> labelsBySample = labelsBySample(declaring);
    Set<String> carried = carriedLabels(repository);
    Set<String> recorded = recordedMetrics(repository);
    AlertExpander expander = new AlertExpander(repository);
    ScalarLocator locator = new ScalarLocator(loaded.sources()::text);
    for (AlertRule rule : repository.alertRules()) {
      expander
          .expand(rule)
          .flatMap(AlertExpander.Expansion::alert)
          .ifPresent(
              alert -> {
                QueryPlace place = QueryPlace.of(rule, repository, locator);
                for (SelectedSeries.Selector selector : SelectedSeries.of(alert.expr())) {
                  selector
                      .metric()
                      .filter(metric -> !recorded.contains(metric))
                      .ifPresent(
                          metric ->
                              check(
                                  metric, selector, place, labelsBySample, carried, external, out));
                }
              });
    }
    return out.sorted();
  }

  private static void check(
      String metric,
      SelectedSeries.Selector selector,
      QueryPlace place,
      Map<String, Set<String>> labelsBySample,
      Set<String> carried,
      ExternalMetrics external,
      Diagnostics out) {
    Set<String> labels = labelsBySample.get(metric);
    if (labels == null) {
      if (!external.covers(metric)) {
        String hint =
            Suggestions.closest(metric, labelsBySample.keySet())
                .map(c -> "; did you mean " + c + "?")
                .orElse("");
        out.warning(
            place.at(metric),
            Code.ALERT_UNKNOWN_METRIC,
            place.subject()
                + " selects metric '"
                + metric
                + "', which no check declares"
                + hint
                + " (declare it in a check's metrics, or"
                + " cover it with external_metrics in aami.yaml)");
      }
      return;
    }
    for (SelectedSeries.Matcher m : selector.matchers()) {
      if (m.label().equals("__name__")
          || labels.contains(m.label())
          || carried.contains(m.label())
          || m.matchesEmpty()) {
        continue;
      }
      Set<String> known = new TreeSet<>(labels);
      known.addAll(carried);
      out.warning(
          place.at(m.label()),
          Code.ALERT_ABSENT_LABEL_MATCHER,
          place.subject()
              + " matches label '"
              + m.label()
              + "' of metric '"
              + metric
              + "' ("
              + m.label()
              + m.operator()
              + "\""
              + shortened(m.value())
              + "\"), but no check declares that label for it and no target carries it, so"
              + " the selector never matches"
              + Suggestions.didYouMean(m.label(), known)
              + "; its labels are "
              + String.join(", ", labels.isEmpty() ? List.of("(none)") : labels));
    }
  }

  /** A matcher value as quoted in a message: long regexes are cut, never the whole query. */
  private static String shortened(String value) {
    return value.length() <= MAX_QUOTED ? value : value.substring(0, MAX_QUOTED - 3) + "...";
  }

  /** Where a rule's query is written: the template's query_template, or the direct rule's. */
  private record QueryPlace(Origin origin, ScalarLocator locator, String subject) {
    static QueryPlace of(AlertRule rule, Repository repository, ScalarLocator locator) {
      if (rule.source() instanceof AlertRule.FromTemplate ref) {
        return repository
            .alertTemplate(ref.templateId())
            .map(
                t ->
                    new QueryPlace(
                        t.origin(), locator, "query_template of AlertTemplate '" + t.id() + "'"))
            .orElseThrow();
      }
      return new QueryPlace(
          rule.origin(), locator, "query_template of alert rule '" + rule.id() + "'");
    }

    /** The first place {@code name} is written in the query, else the query's start. */
    SourceLocation at(String name) {
      return origin
          .node("query_template")
          .flatMap(query -> WordInScalar.find(locator, origin.file(), query, name))
          .orElseGet(() -> origin.locate("query_template"));
    }
  }

  private static List<CheckDefinition> declaringDefinitions(Repository repository) {
    List<CheckDefinition> declaring = new ArrayList<>();
    for (ScriptTemplate template : repository.scriptTemplates()) {
      if (template.definition().declaredMetrics().isPresent()) {
        declaring.add(template.definition());
      }
    }
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      if (policy.source() instanceof ScriptPolicy.Direct direct
          && direct.definition().declaredMetrics().isPresent()) {
        declaring.add(direct.definition());
      }
    }
    return declaring;
  }

  /** Every sample name a declared family may print, with the labels any declaration gives it. */
  private static Map<String, Set<String>> labelsBySample(List<CheckDefinition> declaring) {
    Map<String, Set<String>> labels = new TreeMap<>();
    for (CheckDefinition definition : declaring) {
      for (MetricDeclaration metric : definition.metrics()) {
        for (String sample : metric.sampleNames()) {
          Set<String> set = labels.computeIfAbsent(sample, s -> new TreeSet<>());
          set.addAll(metric.labels());
          if (!sample.endsWith("_sum") && !sample.endsWith("_count")) {
            set.addAll(metric.impliedLabels());
          }
        }
      }
    }
    return labels;
  }

  /**
   * The series names recording rules write (enabled or not: a disabled rule is still declared).
   * They are known to alert queries; their labels come from their expressions, so matchers on them
   * are not checked.
   */
  public static Set<String> recordedMetrics(Repository repository) {
    Set<String> names = new TreeSet<>();
    repository.recordingRules().forEach(r -> names.add(r.record()));
    return names;
  }

  private static Set<String> carriedLabels(Repository repository) {
    Set<String> carried = new TreeSet<>(SCRAPE_LABELS);
    carried.add(FileSdRenderer.GROUP_ID_LABEL);
    carried.add(FileSdRenderer.GROUP_NAME_LABEL);
    carried.add(FileSdRenderer.GROUPS_LABEL);
    for (Target target : repository.targets()) {
      carried.addAll(target.labels().keySet());
    }
    return carried;
  }
}
