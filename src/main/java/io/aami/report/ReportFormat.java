package io.aami.report;

import java.util.Locale;

/** Output formats of {@code aami validate}. */
public enum ReportFormat {
  /** {@code file:line:col: error[code]: message}, the source line and a caret: for people. */
  TEXT,
  /** A stable machine format (see docs/VALIDATE.md). */
  JSON,
  /** GitHub Actions workflow commands, shown as annotations on the pull request. */
  GITHUB,
  /** JUnit XML, one test case per file, for CI test-report views. */
  JUNIT,
  /** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
  SARIF;

  /** Lowercase, as users type it and as help and error messages show it. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  public DiagnosticFormatter formatter() {
    return switch (this) {
      case TEXT -> new TextFormatter();
      case JSON -> new JsonFormatter();
      case GITHUB -> new GithubFormatter();
      case JUNIT -> new JunitFormatter();
      case SARIF -> new SarifFormatter();
    };
  }
}
