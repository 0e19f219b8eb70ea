package io.aami.diag;

public enum Severity {
  ERROR("error"),
  WARNING("warning");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** Lowercase word used in every report format. */
  public String label() {
    return label;
  }
}
