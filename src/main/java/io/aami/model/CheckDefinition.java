package io.aami.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a node runs: the template part shared by a ScriptTemplate and a direct-form ScriptPolicy.
 * {@code defaultConfig} holds plain JSON-like values (String, Long, Double, Boolean, null, List,
 * Map) in source order; so does {@code configSchema}, the declared JSON Schema of the config, when
 * there is one. {@code metrics} is the declared output ({@code metrics:}), empty when undeclared;
 * {@code declaredMetrics} tells an explicit empty list from no declaration.
 */
public record CheckDefinition(
    String name,
    String scriptType,
    Language language,
    String version,
    Map<String, Object> defaultConfig,
    Script script,
    PromDuration timeout,
    Optional<Map<String, Object>> configSchema,
    Optional<List<MetricDeclaration>> declaredMetrics) {

  public static final PromDuration DEFAULT_TIMEOUT = PromDuration.parse("30s").orElseThrow();

  /** The declared metrics; empty when none are declared. */
  public List<MetricDeclaration> metrics() {
    return declaredMetrics.orElse(List.of());
  }
}
