package io.aami.report;

import io.aami.diag.Diagnostic;
import io.aami.diag.ProblemCap;
import io.aami.validate.ValidationReport;

/**
 * GitHub Actions workflow commands ({@code ::error file=..,line=..,col=..,title=..::message}),
 * which GitHub shows as annotations on the changed lines of a pull request. A file cut short by the
 * cap gets one more annotation saying how many errors and warnings were left out (an error
 * annotation when errors were), and the summary counts every problem. Notes (info diagnostics, e.g.
 * the live checks' "not deployed yet") are {@code ::notice} annotations after the problems.
 */
final class GithubFormatter implements DiagnosticFormatter {
  @Override
  public String format(ValidationReport report, ProblemCap.Listing listing) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : listing.shown()) {
      annotation(out, d);
    }
    NoteListing notes = NoteListing.of(report, listing.perFile());
    notes.shown().forEach(note -> annotation(out, note));
    listing
        .leftOut()
        .values()
        .forEach(
            l ->
                out.append("::")
                    .append(l.errors() > 0 ? "error" : "warning")
                    .append(" file=")
                    .append(property(l.file()))
                    .append(",title=")
                    .append(property("aami: problems left out"))
                    .append("::")
                    .append(data(ProblemCap.Listing.fileNote(l)))
                    .append('\n'));
    out.append(TextFormatter.summary(report)).append('\n');
    if (!listing.complete()) {
      out.append("aami: ").append(listing.summary()).append('\n');
    }
    if (notes.leftOut() > 0) {
      out.append("aami: ").append(notes.summary()).append('\n');
    }
    return out.toString();
  }

  private static void annotation(StringBuilder out, Diagnostic d) {
    out.append("::").append(command(d)).append(" file=").append(property(d.file()));
    if (d.line() > 0) {
      out.append(",line=").append(d.line()).append(",col=").append(d.column());
    }
    out.append(",title=")
        .append(property("aami " + d.code()))
        .append("::")
        .append(data(d.message()))
        .append('\n');
  }

  /** The workflow command of each severity; a note is GitHub's {@code notice}. */
  private static String command(Diagnostic d) {
    return switch (d.severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "notice";
    };
  }

  /** Escaping of the message part, as the runner unescapes it. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Property values additionally escape the separators of the property list. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
