package io.aami.diff;

/**
 * One value that differs between base and head. {@code path} is dotted ({@code config.paths},
 * {@code labels.severity}); {@code before} and {@code after} are plain JSON-like values, null when
 * the field is absent on that side.
 */
public record FieldChange(String path, Object before, Object after) {}
