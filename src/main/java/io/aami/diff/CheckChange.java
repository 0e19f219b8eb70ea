package io.aami.diff;

import java.util.List;

/**
 * How one check of a target differs. {@code fields} lists what changed for {@link Kind#CHANGED}
 * (config keys as {@code config.<dotted path>}, {@code script.version}, {@code script.hash}, {@code
 * timeout_seconds}, {@code policy}, {@code language}, {@code script_type}); it is empty for an
 * added or removed check.
 */
public record CheckChange(String check, Kind kind, List<FieldChange> fields) {
  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED
  }

  public CheckChange {
    fields = List.copyOf(fields);
  }
}
