package io.aami.author;

import java.util.List;

/**
 * A change of one field of a document, addressed by its path of keys ({@code config.thresholds}).
 */
public sealed interface FieldChange {
  List<String> path();

  /** Sets the value, creating missing mappings on the way. */
  record Set(List<String> path, Object value) implements FieldChange {
    public Set {
      path = List.copyOf(path);
    }
  }

  /** Removes the entry if present. */
  record Remove(List<String> path) implements FieldChange {
    public Remove {
      path = List.copyOf(path);
    }
  }

  static FieldChange set(String field, Object value) {
    return new Set(List.of(field), value);
  }
}
