package io.aami.coverage;

import io.aami.alert.AlertExpander;
import io.aami.alert.ExpandedAlert;
import io.aami.alert.GlobalAlertRules;
import io.aami.alert.RecordExpander;
import io.aami.metrics.ExternalMetrics;
import io.aami.metrics.MetricContract;
import io.aami.metrics.SelectedSeries;
import io.aami.model.AlertRule;
import io.aami.model.CheckDefinition;
import io.aami.model.MetricDeclaration;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The metric contract seen from coverage: checks that run somewhere but whose declared metrics no
 * alert reads, checks that declare no metrics (so nobody can tell), and alerts that read metrics no
 * check declares and {@code external_metrics} does not cover. Alerts are read as they render (group
 * rules and the global rules that win), once each.
 */
record MetricCoverage(
    List<String> checksWithoutAlerts,
    List<String> checksWithoutDeclaredMetrics,
    SortedMap<String, List<String>> alertsOnUndeclaredMetrics) {

  static MetricCoverage of(Repository repository) {
    Map<String, CheckDefinition> running = new TreeMap<>();
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      if (policy.active()) {
        repository.definitionOf(policy).ifPresent(d -> running.putIfAbsent(d.name(), d));
      }
    }
    Set<String> declared = new HashSet<>();
    running.values().forEach(d -> d.metrics().forEach(m -> declared.add(m.name())));
    Set<String> recorded = MetricContract.recordedMetrics(repository);
    Map<String, Set<String>> readByAlert = readMetrics(repository);
    Set<String> read = new HashSet<>();
    readByAlert.values().forEach(read::addAll);

    List<String> withoutAlerts = new ArrayList<>();
    List<String> undeclared = new ArrayList<>();
    running.forEach(
        (name, definition) -> {
          if (definition.metrics().isEmpty()) {
            undeclared.add(name);
          } else if (definition.metrics().stream()
              .map(MetricDeclaration::name)
              .noneMatch(read::contains)) {
            withoutAlerts.add(name);
          }
        });
    SortedMap<String, List<String>> unknown = new TreeMap<>();
    if (!declared.isEmpty()) {
      ExternalMetrics external = ExternalMetrics.of(repository.settings());
      readByAlert.forEach(
          (alert, metrics) -> {
            List<String> missing =
                metrics.stream()
                    .filter(
                        m -> !declared.contains(m) && !recorded.contains(m) && !external.covers(m))
                    .sorted()
                    .toList();
            if (!missing.isEmpty()) {
              unknown.put(alert, missing);
            }
          });
    }
    return new MetricCoverage(withoutAlerts, undeclared, unknown);
  }

  /** Alert name (as rendered) to the metric names its query selects. */
  private static Map<String, Set<String>> readMetrics(Repository repository) {
    AlertExpander expander = new AlertExpander(repository);
    Map<String, Set<String>> read = new TreeMap<>();
    List<Optional<ExpandedAlert>> alerts = new ArrayList<>();
    for (AlertRule rule : repository.alertRules()) {
      if (rule.enabled() && !rule.isGlobal()) {
        alerts.add(expander.expand(rule).flatMap(AlertExpander.Expansion::alert));
      }
    }
    for (GlobalAlertRules.Winner winner : GlobalAlertRules.resolve(repository).winners()) {
      alerts.add(
          expander
              .expandGlobal(winner.rule(), winner.overridingGroups())
              .flatMap(AlertExpander.Expansion::alert));
    }
    Map<String, Set<String>> readByRecord = readByRecordingRules(repository);
    for (Optional<ExpandedAlert> alert : alerts) {
      alert.ifPresent(
          a ->
              forEachMetric(
                  a.expr(),
                  m ->
                      followRecords(
                          m,
                          readByRecord,
                          read.computeIfAbsent(a.alertName(), k -> new TreeSet<>()))));
    }
    return read;
  }

  /** Recorded series name to the metrics its enabled recording rules' expressions select. */
  private static Map<String, Set<String>> readByRecordingRules(Repository repository) {
    RecordExpander expander = new RecordExpander(repository);
    Map<String, Set<String>> read = new HashMap<>();
    for (RecordingRule rule : repository.recordingRules()) {
      if (rule.enabled()) {
        expander
            .expand(rule)
            .flatMap(RecordExpander.Expansion::record)
            .ifPresent(
                r ->
                    forEachMetric(
                        r.expr(),
                        m -> read.computeIfAbsent(r.record(), k -> new TreeSet<>()).add(m)));
      }
    }
    return read;
  }

  /**
   * Adds {@code metric} to {@code into}, and when it is recorded, what its recording rules read in
   * turn: an alert on a recorded series reads the check metrics behind it. Each name is visited
   * once, so a cycle of recording rules ends.
   */
  private static void followRecords(
      String metric, Map<String, Set<String>> readByRecord, Set<String> into) {
    java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>(List.of(metric));
    while (!pending.isEmpty()) {
      String next = pending.pop();
      if (into.add(next)) {
        pending.addAll(readByRecord.getOrDefault(next, Set.of()));
      }
    }
  }

  /** Every metric name that a selector of {@code expr} names. */
  private static void forEachMetric(String expr, Consumer<String> action) {
    SelectedSeries.of(expr).forEach(selector -> selector.metric().ifPresent(action));
  }
}
