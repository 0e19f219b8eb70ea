package io.aami.alert;

import io.aami.model.Group;
import io.aami.model.RecordingRule;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One recording rule ready to be written: placeholders in {@code expr} replaced, and the label
 * {@code group_id} added for a group rule (two groups recording one series name must not write the
 * same series).
 *
 * @param group null for a global rule
 * @param labels sorted
 */
public record ExpandedRecord(
    RecordingRule rule, Group group, String record, String expr, SortedMap<String, String> labels) {

  public ExpandedRecord {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
  }
}
