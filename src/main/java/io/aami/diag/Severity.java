package io.aami.diag;

/**
 * How much a diagnostic matters. {@code INFO} is never a problem: a note the checks give for a
 * reviewer (the live checks' "not deployed yet"); reports list notes apart from problems and count
 * them apart.
 */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  INFO("info");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  /** Lowercase word used in every report format. */
  public String label() {
    return label;
  }
}
