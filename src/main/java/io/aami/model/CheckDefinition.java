package io.aami.model;

import java.util.Map;

/**
 * What a node runs: the template part shared by a ScriptTemplate and a direct-form ScriptPolicy.
 * {@code defaultConfig} holds plain JSON-like values (String, Long, Double, Boolean, null, List,
 * Map) in source order.
 */
public record CheckDefinition(
    String name,
    String scriptType,
    Language language,
    String version,
    Map<String, Object> defaultConfig,
    Script script,
    PromDuration timeout) {

  public static final PromDuration DEFAULT_TIMEOUT = PromDuration.parse("30s").orElseThrow();
}
