package io.aami.model;

/**
 * Applies an alert to one group, or with {@code scope: global} to every target ({@code groupId}
 * null), from a template with overrides or directly.
 *
 * @param exactName the alert renders under its name exactly as written, whatever the repository's
 *     naming mode ({@code exact_name: true}, what {@code aami import rules} writes)
 * @param ruleGroup the source rule group an imported rule keeps, or null for aami's own group
 */
public record AlertRule(
    String id,
    String groupId,
    boolean enabled,
    int priority,
    AlertSource source,
    AlertConfig config,
    boolean exactName,
    RuleGroup ruleGroup,
    Origin origin) {

  public static final int DEFAULT_PRIORITY = 100;

  public boolean isGlobal() {
    return groupId == null;
  }

  public sealed interface AlertSource permits FromTemplate, Direct {}

  public record FromTemplate(String templateId) implements AlertSource {}

  /**
   * The direct form; {@code description} may be null, and {@code severity} too when the rule sets
   * no severity at all (an imported rule without one renders without a {@code severity} label).
   */
  public record Direct(
      String name, AlertSeverity severity, String queryTemplate, String description)
      implements AlertSource {}
}
