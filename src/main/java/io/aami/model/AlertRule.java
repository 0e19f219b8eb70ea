package io.aami.model;

/**
 * Applies an alert to one group, or with {@code scope: global} to every target ({@code groupId}
 * null), from a template with overrides or directly.
 */
public record AlertRule(
    String id,
    String groupId,
    boolean enabled,
    int priority,
    AlertSource source,
    AlertConfig config,
    Origin origin) {

  public static final int DEFAULT_PRIORITY = 100;

  public boolean isGlobal() {
    return groupId == null;
  }

  public sealed interface AlertSource permits FromTemplate, Direct {}

  public record FromTemplate(String templateId) implements AlertSource {}

  /** The direct form; {@code description} may be null. */
  public record Direct(String name, AlertSeverity severity, String queryTemplate, String description)
      implements AlertSource {}
}
