package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.model.AlertRule;
import io.aami.model.Origin;
import io.aami.model.PromDuration;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.model.RuleGroup;
import io.aami.promql.PromQL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The checks of recording rules and rule groups in {@code aami validate}: {@code record} is a
 * metric name ({@code record/name}); {@code expr} passes the checks of an alert query; two enabled
 * rules of one group that record the same series, name and labels, are an error ({@code
 * record/duplicate}: Prometheus would write both into one series); and the rules that share a
 * {@code rule_group} give it one valid interval ({@code rule-group/interval}). Linear in the rules.
 */
public final class RecordingRuleChecks {

  private RecordingRuleChecks() {}

  public static List<Diagnostic> check(
      Repository repository, Function<String, Optional<String>> fileTexts) {
    Diagnostics out = new Diagnostics();
    RecordExpander expander = new RecordExpander(repository, fileTexts);
    Map<List<Object>, RecordingRule> recorded = new HashMap<>();
    List<RecordingRule> inOrder = new ArrayList<>(repository.recordingRules());
    inOrder.sort(java.util.Comparator.comparing(RecordingRule::id));
    for (RecordingRule rule : inOrder) {
      if (!PromQL.isMetricName(rule.record())) {
        out.error(
            rule.origin().locate("record"),
            Code.RECORD_NAME,
            "recording rule '"
                + rule.id()
                + "': record '"
                + rule.record()
                + "' is not a valid metric name"
                + " [a-zA-Z_:][a-zA-Z0-9_:]*, e.g. instance:node_cpu:rate5m");
      }
      expander
          .expand(rule)
          .ifPresent(
              expansion -> {
                expansion.problems().forEach(p -> out.add(p.toDiagnostic()));
                expansion
                    .record()
                    .filter(r -> rule.enabled())
                    .ifPresent(
                        r -> {
                          RecordingRule first =
                              recorded.putIfAbsent(
                                  List.of(
                                      rule.isGlobal() ? "" : rule.groupId(),
                                      r.record(),
                                      r.labels()),
                                  rule);
                          if (first != null) {
                            out.error(
                                rule.origin().locate("record"),
                                Code.RECORD_DUPLICATE,
                                "recording rule '"
                                    + rule.id()
                                    + "' records the same series '"
                                    + r.record()
                                    + "' "
                                    + r.labels()
                                    + " as recording rule '"
                                    + first.id()
                                    + "' ("
                                    + first.origin().location()
                                    + ")"
                                    + (rule.isGlobal()
                                        ? " among the global rules"
                                        : " in group '" + rule.groupId() + "'")
                                    + "; Prometheus would write both into one series. Give one a distinguishing label,"
                                    + " or remove it");
                          }
                        });
              });
    }
    checkIntervals(repository, out);
    return out.sorted();
  }

  private record Interval(String value, SourceLocation at) {}

  /** Every rule naming a rule group with an interval agrees with the first one that gave it. */
  private static void checkIntervals(Repository repository, Diagnostics out) {
    Map<List<String>, Interval> first = new HashMap<>();
    for (AlertRule rule : repository.alertRules()) {
      interval(rule.groupId(), rule.ruleGroup(), rule.origin(), first, out);
    }
    for (RecordingRule rule : repository.recordingRules()) {
      interval(rule.groupId(), rule.ruleGroup(), rule.origin(), first, out);
    }
  }

  private static void interval(
      String groupId,
      RuleGroup ruleGroup,
      Origin origin,
      Map<List<String>, Interval> first,
      Diagnostics out) {
    if (ruleGroup == null || ruleGroup.interval() == null) {
      return;
    }
    SourceLocation at = origin.locate("rule_group", "interval");
    if (PromDuration.parse(ruleGroup.interval()).isEmpty()) {
      out.error(
          at,
          Code.RULE_GROUP_INTERVAL,
          "rule_group.interval '"
              + ruleGroup.interval()
              + "' is not a Prometheus duration (e.g. 30s, 1m)");
      return;
    }
    Interval given = new Interval(ruleGroup.interval(), at);
    Interval known = first.putIfAbsent(RulePlan.groupKey(groupId, ruleGroup), given);
    if (known != null && !known.value().equals(given.value())) {
      out.error(
          at,
          Code.RULE_GROUP_INTERVAL,
          "rule group '"
              + ruleGroup.name()
              + "'"
              + (groupId == null ? " of the global rules" : " of group '" + groupId + "'")
              + " has interval "
              + known.value()
              + " at "
              + known.at()
              + " but "
              + given.value()
              + " here; the rules of one rule group share one interval");
    }
  }
}
