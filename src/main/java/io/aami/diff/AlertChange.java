package io.aami.diff;

import java.util.List;

/**
 * How one alert rule's rendered alert differs in its group: added, removed, or changed in
 * {@code expr}, {@code for}, {@code alert} (the name), {@code labels.<name>} or
 * {@code annotations.<name>}.
 */
public record AlertChange(String rule, String alert, Kind kind, List<FieldChange> fields) {
  public enum Kind { ADDED, REMOVED, CHANGED }

  public AlertChange {
    fields = List.copyOf(fields);
  }
}
