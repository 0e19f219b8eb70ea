package io.aami.model;

import java.util.Map;

/**
 * The {@code config}/{@code default_config} of alerts: {@code for_duration} and {@code
 * keep_firing_for} (each null when unset), labels, annotations, and every other key as a template
 * parameter.
 */
public record AlertConfig(
    String forDuration,
    String keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, Object> parameters) {

  public static final AlertConfig EMPTY = new AlertConfig(null, null, Map.of(), Map.of(), Map.of());

  /** A config without {@code keep_firing_for}. */
  public AlertConfig(
      String forDuration,
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, Object> parameters) {
    this(forDuration, null, labels, annotations, parameters);
  }
}
