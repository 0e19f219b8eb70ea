package io.aami.validate;

import io.aami.diag.Diagnostic;
import io.aami.load.SourceTexts;
import java.util.List;

/**
 * The outcome of validating one repository revision: every problem that remains after suppressions,
 * the files read, and how many problems suppressions silenced.
 */
public record ValidationReport(List<Diagnostic> diagnostics, SourceTexts sources, long suppressed) {
  public ValidationReport {
    diagnostics = diagnostics.stream().distinct().sorted(Diagnostic.ORDER).toList();
  }

  public ValidationReport(List<Diagnostic> diagnostics, SourceTexts sources) {
    this(diagnostics, sources, 0);
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
