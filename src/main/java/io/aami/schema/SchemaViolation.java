package io.aami.schema;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One JSON Schema failure of a document.
 *
 * @param pointer JSON Pointer (RFC 6901) into the document: the offending value, the offending
 *     property itself for unknown fields and invalid property names, or the object that lacks a
 *     required field
 * @param keyword the JSON Schema keyword that failed ({@code type}, {@code required}, {@code
 *     additionalProperties}, {@code pattern}, {@code not}, ...)
 * @param message a human-readable message, without location
 * @param expectedTypes for {@code type} failures the JSON types the schema allows (e.g. {@code
 *     string}), so a caller can explain YAML 1.1 traps; empty otherwise
 */
public record SchemaViolation(
    String pointer, String keyword, String message, Set<String> expectedTypes) {
  public SchemaViolation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(message, "message");
    // Sorted so that printing and comparing violations never depends on hash order.
    expectedTypes =
        expectedTypes == null || expectedTypes.isEmpty()
            ? Collections.emptySortedSet()
            : Collections.unmodifiableSortedSet(new TreeSet<>(expectedTypes));
  }

  SchemaViolation(String pointer, String keyword, String message) {
    this(pointer, keyword, message, Set.of());
  }
}
