package io.aami.schema;

import java.util.Set;

/** One JSON Schema failure: a JSON Pointer into the document, the schema keyword, a message. */
public record SchemaViolation(String pointer, String keyword, String message, Set<String> expectedTypes) {}
