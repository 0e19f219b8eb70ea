package io.aami.diff;

import java.util.List;

/**
 * What changes in one inventory group's Prometheus outputs: its rendered alerts and its file_sd
 * membership (targets that join or leave the group's target list). Lists are sorted.
 */
public record GroupChanges(
    String group,
    List<AlertChange> alerts,
    List<String> targetsJoining,
    List<String> targetsLeaving) {
  public GroupChanges {
    alerts = List.copyOf(alerts);
    targetsJoining = List.copyOf(targetsJoining);
    targetsLeaving = List.copyOf(targetsLeaving);
  }

  public boolean isEmpty() {
    return alerts.isEmpty() && targetsJoining.isEmpty() && targetsLeaving.isEmpty();
  }
}
