package io.aami.model;

import java.util.Arrays;
import java.util.Optional;

/** The document kinds of an aami repository ({@code kind:} field). */
public enum Kind {
  SCRIPT_TEMPLATE("ScriptTemplate"),
  SCRIPT_POLICY("ScriptPolicy"),
  ALERT_TEMPLATE("AlertTemplate"),
  ALERT_RULE("AlertRule"),
  RECORDING_RULE("RecordingRule"),
  GROUP("Group"),
  TARGET("Target"),
  LIST("List");

  public static final String API_VERSION = "aami/v1";

  private final String kindName;

  Kind(String kindName) {
    this.kindName = kindName;
  }

  /** The value of the {@code kind:} field. */
  public String kindName() {
    return kindName;
  }

  public static Optional<Kind> fromKindName(String name) {
    return Arrays.stream(values()).filter(k -> k.kindName.equals(name)).findFirst();
  }
}
