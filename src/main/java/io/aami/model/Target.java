package io.aami.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A monitored node. The first of {@code groups} is its primary group. */
public record Target(
    String id,
    String hostname,
    String address,
    List<String> groups,
    Map<String, String> labels,
    Origin origin) {

  public Target {
    groups = List.copyOf(groups);
    // Sorted, never Map.copyOf: its iteration order changes between JVM runs.
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
  }

  /** The primary group id, or null for a target in no group. */
  public String primaryGroup() {
    return groups.isEmpty() ? null : groups.get(0);
  }
}
