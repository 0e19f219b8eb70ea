package io.aami.model;

/** A reusable alert: a PromQL {@code query_template} with {@code {{ .param }}} placeholders. */
public record AlertTemplate(
    String id,
    String name,
    String description,
    AlertSeverity severity,
    String queryTemplate,
    AlertConfig defaultConfig,
    Origin origin) {}
