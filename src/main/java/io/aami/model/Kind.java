package io.aami.model;

import java.util.Arrays;
import java.util.Optional;

/** The document kinds of an aami repository ({@code kind:} field). */
public enum Kind {
  SCRIPT_TEMPLATE("ScriptTemplate", "script-template"),
  SCRIPT_POLICY("ScriptPolicy", "script-policy"),
  ALERT_TEMPLATE("AlertTemplate", "alert-template"),
  ALERT_RULE("AlertRule", "alert-rule"),
  GROUP("Group", "group"),
  TARGET("Target", "target"),
  LIST("List", "list");

  public static final String API_VERSION = "aami/v1";

  private final String kindName;
  private final String schemaName;

  Kind(String kindName, String schemaName) {
    this.kindName = kindName;
    this.schemaName = schemaName;
  }

  /** The value of the {@code kind:} field. */
  public String kindName() {
    return kindName;
  }

  /** Base name of the JSON Schema file in {@code schemas/}. */
  public String schemaName() {
    return schemaName;
  }

  public static Optional<Kind> fromKindName(String name) {
    return Arrays.stream(values()).filter(k -> k.kindName.equals(name)).findFirst();
  }
}
