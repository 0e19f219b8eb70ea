package io.aami.report;

import io.aami.diag.Diagnostic;
import io.aami.validate.ValidationReport;

/**
 * GitHub Actions workflow commands ({@code ::error file=..,line=..,col=..,title=..::message}),
 * which GitHub shows as annotations on the changed lines of a pull request.
 */
final class GithubFormatter implements DiagnosticFormatter {
  @Override
  public String format(ValidationReport report) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : report.diagnostics()) {
      out.append("::").append(d.isError() ? "error" : "warning").append(" file=")
          .append(property(d.file()));
      if (d.line() > 0) {
        out.append(",line=").append(d.line()).append(",col=").append(d.column());
      }
      out.append(",title=").append(property("aami " + d.code()))
          .append("::").append(data(d.message())).append('\n');
    }
    out.append(TextFormatter.summary(report)).append('\n');
    return out.toString();
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
