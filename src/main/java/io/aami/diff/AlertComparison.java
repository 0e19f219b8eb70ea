package io.aami.diff;

import io.aami.alert.ExpandedAlert;
import io.aami.alert.ExpandedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Compares the rendered alerts and recording rules of one group, rule by rule. */
final class AlertComparison {
  private AlertComparison() {}

  static List<AlertChange> compare(
      Map<String, ExpandedAlert> base, Map<String, ExpandedAlert> head) {
    TreeSet<String> rules = new TreeSet<>(base.keySet());
    rules.addAll(head.keySet());
    List<AlertChange> changes = new ArrayList<>();
    for (String rule : rules) {
      ExpandedAlert b = base.get(rule);
      ExpandedAlert a = head.get(rule);
      if (b == null) {
        changes.add(new AlertChange(rule, a.alertName(), AlertChange.Kind.ADDED, List.of()));
      } else if (a == null) {
        changes.add(new AlertChange(rule, b.alertName(), AlertChange.Kind.REMOVED, List.of()));
      } else {
        List<FieldChange> fields = new ArrayList<>();
        CheckComparison.add(fields, "alert", b.alertName(), a.alertName());
        CheckComparison.add(fields, "expr", b.expr(), a.expr());
        CheckComparison.add(fields, "for", b.forDuration(), a.forDuration());
        CheckComparison.add(fields, "keep_firing_for", b.keepFiringFor(), a.keepFiringFor());
        fields.addAll(CheckComparison.ValuePaths.changes("labels", b.labels(), a.labels()));
        fields.addAll(
            CheckComparison.ValuePaths.changes("annotations", b.annotations(), a.annotations()));
        if (!fields.isEmpty()) {
          changes.add(new AlertChange(rule, a.alertName(), AlertChange.Kind.CHANGED, fields));
        }
      }
    }
    return changes;
  }

  /** The same comparison for the recording rules of one group. */
  static List<AlertChange> compareRecords(
      Map<String, ExpandedRecord> base, Map<String, ExpandedRecord> head) {
    TreeSet<String> rules = new TreeSet<>(base.keySet());
    rules.addAll(head.keySet());
    List<AlertChange> changes = new ArrayList<>();
    for (String rule : rules) {
      ExpandedRecord b = base.get(rule);
      ExpandedRecord a = head.get(rule);
      if (b == null) {
        changes.add(new AlertChange(rule, a.record(), AlertChange.Kind.ADDED, List.of(), true));
      } else if (a == null) {
        changes.add(new AlertChange(rule, b.record(), AlertChange.Kind.REMOVED, List.of(), true));
      } else {
        List<FieldChange> fields = new ArrayList<>();
        CheckComparison.add(fields, "record", b.record(), a.record());
        CheckComparison.add(fields, "expr", b.expr(), a.expr());
        fields.addAll(CheckComparison.ValuePaths.changes("labels", b.labels(), a.labels()));
        if (!fields.isEmpty()) {
          changes.add(new AlertChange(rule, a.record(), AlertChange.Kind.CHANGED, fields, true));
        }
      }
    }
    return changes;
  }
}
