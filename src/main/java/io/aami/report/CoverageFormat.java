package io.aami.report;

import io.aami.coverage.CoverageReport;
import java.util.Locale;

/** Output formats of {@code aami report coverage}. */
public enum CoverageFormat {
  /** Fits a pull-request comment: per-check and per-alert summaries, capped in size. */
  MARKDOWN,
  /** One self-contained page: the full groups × checks and groups × alerts matrices. */
  HTML,
  /** Everything, for tools; the structure is documented in docs/COVERAGE.md. */
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String format(CoverageReport report) {
    return switch (this) {
      case MARKDOWN -> CoverageMarkdown.format(report);
      case HTML -> CoverageHtml.format(report);
      case JSON -> CoverageJson.format(report);
    };
  }
}
