package io.aami.model;

import java.util.Map;
import java.util.Optional;

/**
 * A reusable alert: a PromQL {@code query_template} with {@code {{ .param }}} placeholders. {@code
 * configSchema} is the declared JSON Schema of a rule's merged config, as plain values.
 */
public record AlertTemplate(
    String id,
    String name,
    String description,
    AlertSeverity severity,
    String queryTemplate,
    AlertConfig defaultConfig,
    Origin origin,
    Optional<Map<String, Object>> configSchema) {}
