package io.aami.validate;

import io.aami.diag.Diagnostic;
import io.aami.load.SourceTexts;
import java.util.List;

/**
 * The outcome of validating one repository revision: every problem that remains after suppressions,
 * the files read, how many problems suppressions silenced, and the notes (info-level diagnostics,
 * such as the live checks' "not deployed yet"), which are never problems and never fail a run.
 */
public record ValidationReport(
    List<Diagnostic> diagnostics, SourceTexts sources, long suppressed, List<Diagnostic> notes) {
  public ValidationReport {
    notes = notes.stream().distinct().sorted(Diagnostic.ORDER).toList();
    diagnostics = diagnostics.stream().distinct().sorted(Diagnostic.ORDER).toList();
    if (diagnostics.stream().anyMatch(Diagnostic::isInfo)
        || notes.stream().anyMatch(d -> !d.isInfo())) {
      throw new IllegalArgumentException("notes and problems are mixed up");
    }
  }

  /** Splits {@code found} into problems and notes by severity. */
  public ValidationReport(List<Diagnostic> found, SourceTexts sources, long suppressed) {
    this(
        found.stream().filter(d -> !d.isInfo()).toList(),
        sources,
        suppressed,
        found.stream().filter(Diagnostic::isInfo).toList());
  }

  public ValidationReport(List<Diagnostic> found, SourceTexts sources) {
    this(found, sources, 0);
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  public long warningCount() {
    return diagnostics.size() - errorCount();
  }

  /** Whether the repository is acceptable: no errors, and with {@code strict} no warnings. */
  public boolean passes(boolean strict) {
    return strict ? diagnostics.isEmpty() : errorCount() == 0;
  }
}
