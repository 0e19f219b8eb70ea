package io.aami.report;

import io.aami.diag.Diagnostic;
import io.aami.validate.ValidationReport;
import java.util.Optional;

/**
 * The human format, after compilers and google-java-format:
 *
 * <pre>
 * policies/a.yaml:7:14: error[ref/template]: unknown template 'check-mount-point'; did you mean ...
 *     template_id: check-mount-point
 *                  ^
 * </pre>
 */
final class TextFormatter implements DiagnosticFormatter {
  @Override
  public String format(ValidationReport report) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : report.diagnostics()) {
      out.append(TerminalText.escaped(d.file()));
      if (d.line() > 0) {
        out.append(':').append(d.line()).append(':').append(d.column());
      }
      out.append(": ").append(d.severity().label()).append('[').append(d.code()).append("]: ")
          .append(TerminalText.escaped(d.message())).append('\n');
      Optional<String> line = report.sources().line(d.file(), d.line()).map(TerminalText::printable);
      if (line.isPresent() && d.column() > 0) {
        TerminalText.Excerpt excerpt = TerminalText.around(line.get(), d.column());
        out.append("    ").append(excerpt.line()).append('\n');
        out.append("    ").append(TerminalText.caretIndent(excerpt.line(), excerpt.column())).append("^\n");
      }
    }
    out.append(summary(report)).append('\n');
    return out.toString();
  }

  static String summary(ValidationReport report) {
    int files = report.sources().files().size();
    String checked = files + (files == 1 ? " file" : " files");
    if (report.diagnostics().isEmpty()) {
      return "aami: " + checked + " checked, no problems";
    }
    return "aami: " + checked + " checked, " + plural(report.errorCount(), "error") + ", "
        + plural(report.warningCount(), "warning");
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }
}
