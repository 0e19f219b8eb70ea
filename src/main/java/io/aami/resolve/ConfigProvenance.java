package io.aami.resolve;

import java.util.List;

/**
 * Where one leaf of an effective config came from. {@code path} is the key path (one element for
 * top-level keys, more for nested maps). {@code replaced} is where the default it overrode was
 * written, and {@code replacedValue} that default (both null when it overrode nothing).
 */
public record ConfigProvenance(
    List<String> path,
    Object value,
    ValueSource source,
    ValueSource replaced,
    Object replacedValue) {
  public ConfigProvenance {
    path = List.copyOf(path);
  }

  /** The key path joined with dots, for display. */
  public String dottedPath() {
    return String.join(".", path);
  }
}
