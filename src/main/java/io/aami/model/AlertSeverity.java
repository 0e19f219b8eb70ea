package io.aami.model;

import java.util.Arrays;
import java.util.Optional;

public enum AlertSeverity {
  CRITICAL("critical"),
  WARNING("warning"),
  INFO("info");

  private final String id;

  AlertSeverity(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Optional<AlertSeverity> fromId(String id) {
    return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
  }
}
