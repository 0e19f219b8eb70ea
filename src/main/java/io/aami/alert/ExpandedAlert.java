package io.aami.alert;

import io.aami.model.AlertRule;
import io.aami.model.Group;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alerting rule ready to be written: everything resolved, every placeholder replaced.
 *
 * @param alertName the Prometheus alert name, {@code <alert name>_<group name>} sanitised
 * @param forDuration null when no {@code for_duration} is configured (Prometheus's default 0)
 * @param keepFiringFor null when no {@code keep_firing_for} is configured (Prometheus's default 0)
 * @param labels sorted; includes {@code severity} and {@code group_id}
 * @param annotations sorted
 */
public record ExpandedAlert(
    AlertRule rule,
    Group group,
    String alertName,
    String expr,
    String forDuration,
    String keepFiringFor,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations) {

  public ExpandedAlert {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }
}
