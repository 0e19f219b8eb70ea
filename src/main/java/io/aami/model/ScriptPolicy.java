package io.aami.model;

import java.util.Map;

/** Applies a check to a scope, from a template or directly, with config overrides. */
public record ScriptPolicy(
    String id,
    Scope scope,
    CheckSource source,
    Map<String, Object> config,
    int priority,
    boolean active,
    Origin origin) {

  public static final int DEFAULT_PRIORITY = 100;

  /** Where the policy's script comes from. */
  public sealed interface CheckSource permits FromTemplate, Direct {}

  /** {@code template_id} form; {@code pinnedVersion} is {@code template_version}, or null. */
  public record FromTemplate(String templateId, String pinnedVersion) implements CheckSource {}

  /** The direct form, carrying the template fields itself. */
  public record Direct(CheckDefinition definition) implements CheckSource {}
}
