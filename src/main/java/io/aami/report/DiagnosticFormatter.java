package io.aami.report;

import io.aami.diag.ProblemCap;
import io.aami.validate.ValidationReport;

/**
 * Turns a validation report into text; pure, so every format has golden-file tests. Every format
 * prints the listing of {@link ProblemCap} (at most {@code maxPerFile} problems per file, errors
 * first) and carries the full counts and what was left out.
 */
public interface DiagnosticFormatter {
  String format(ValidationReport report, ProblemCap.Listing listing);

  /** With the default cap of {@link ProblemCap#DEFAULT_PER_FILE} problems per file. */
  default String format(ValidationReport report) {
    return format(report, ProblemCap.DEFAULT_PER_FILE);
  }

  /** {@code maxPerFile} 0 lists every problem. */
  default String format(ValidationReport report, int maxPerFile) {
    return format(report, ProblemCap.of(report.diagnostics(), maxPerFile));
  }
}
