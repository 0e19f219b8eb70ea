package io.aami.report;

import io.aami.diag.Diagnostic;
import io.aami.diag.ProblemCap;
import io.aami.validate.ValidationReport;
import java.util.List;
import java.util.Optional;

/**
 * The human format, after compilers and google-java-format:
 *
 * <pre>
 * policies/a.yaml:7:14: error[ref/template]: unknown template 'check-mount-point'; did you mean ...
 *     template_id: check-mount-point
 *                  ^
 * </pre>
 *
 * <p>A file cut short by the cap ends with a {@code note} line saying how many errors and warnings
 * it left out; the summary counts every problem. Notes (info diagnostics such as the live checks'
 * "not deployed yet") follow the problems in the same shape, {@code info[code]}, and are counted
 * apart.
 */
final class TextFormatter implements DiagnosticFormatter {
  @Override
  public String format(ValidationReport report, ProblemCap.Listing listing) {
    StringBuilder out = new StringBuilder();
    List<Diagnostic> shown = listing.shown();
    for (int i = 0; i < shown.size(); i++) {
      Diagnostic d = shown.get(i);
      item(out, report, d);
      ProblemCap.LeftOut leftOut = listing.leftOut().get(d.file());
      if (leftOut != null && listing.lastShownOfFile(i)) {
        out.append(TerminalText.escaped(d.file()))
            .append(": note: ")
            .append(ProblemCap.Listing.fileNote(leftOut))
            .append('\n');
      }
    }
    NoteListing notes = NoteListing.of(report, listing.perFile());
    notes.shown().forEach(note -> item(out, report, note));
    out.append(summary(report)).append('\n');
    if (!listing.complete()) {
      out.append("aami: ").append(listing.summary()).append('\n');
    }
    if (notes.leftOut() > 0) {
      out.append("aami: ").append(notes.summary()).append('\n');
    }
    return out.toString();
  }

  /** {@code file:line:col: severity[code]: message}, then the source line and a caret. */
  private static void item(StringBuilder out, ValidationReport report, Diagnostic d) {
    out.append(TerminalText.escaped(d.file()));
    if (d.line() > 0) {
      out.append(':').append(d.line()).append(':').append(d.column());
    }
    out.append(": ")
        .append(d.severity().label())
        .append('[')
        .append(d.code())
        .append("]: ")
        .append(TerminalText.escaped(d.message()))
        .append('\n');
    Optional<String> line = report.sources().line(d.file(), d.line()).map(TerminalText::printable);
    if (line.isPresent() && d.column() > 0) {
      TerminalText.Excerpt excerpt = TerminalText.around(line.get(), d.column());
      out.append("    ").append(excerpt.line()).append('\n');
      out.append("    ")
          .append(TerminalText.caretIndent(excerpt.line(), excerpt.column()))
          .append("^\n");
    }
  }

  static String summary(ValidationReport report) {
    int files = report.sources().files().size();
    String checked = files + (files == 1 ? " file" : " files");
    String suppressed =
        report.suppressed() == 0
            ? ""
            : " (" + report.suppressed() + " suppressed; --no-suppress shows them)";
    String notes = report.notes().isEmpty() ? "" : ", " + plural(report.notes().size(), "note");
    if (report.diagnostics().isEmpty()) {
      return "aami: " + checked + " checked, no problems" + notes + suppressed;
    }
    return "aami: "
        + checked
        + " checked, "
        + plural(report.errorCount(), "error")
        + ", "
        + plural(report.warningCount(), "warning")
        + notes
        + suppressed;
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
