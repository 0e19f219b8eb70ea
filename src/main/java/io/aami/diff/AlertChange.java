package io.aami.diff;

import java.util.List;

/**
 * How one alert rule's rendered alert differs in its group: added, removed, or changed in {@code
 * expr}, {@code for}, {@code alert} (the name), {@code labels.<name>} or {@code
 * annotations.<name>}. With {@code recording}, a recording rule's: {@code alert} is then the
 * recorded series name and {@code record} the name field.
 */
public record AlertChange(
    String rule, String alert, Kind kind, List<FieldChange> fields, boolean recording) {
  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED
  }

  public AlertChange {
    fields = List.copyOf(fields);
  }

  public AlertChange(String rule, String alert, Kind kind, List<FieldChange> fields) {
    this(rule, alert, kind, fields, false);
  }

  /** "alert rule" or "recording rule", as reports name the rule. */
  public String ruleNoun() {
    return recording ? "recording rule" : "alert rule";
  }
}
