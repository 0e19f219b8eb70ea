package io.aami.alert;

import io.aami.diag.Diagnostic;
import java.util.List;

/**
 * Thrown by the alert renderers when asked to render a repository whose alerts do not expand.
 * Render runs after validation ({@link AlertChecks}), so this means the caller skipped it; the
 * diagnostics say what is wrong, for a report instead of a stack trace.
 */
public final class AlertRenderException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public AlertRenderException(List<Diagnostic> diagnostics) {
    super(summary(diagnostics), null, false, false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private static String summary(List<Diagnostic> diagnostics) {
    if (diagnostics.isEmpty()) {
      return "alert rules cannot be rendered";
    }
    Diagnostic first = diagnostics.get(0);
    String more = diagnostics.size() > 1 ? " (and " + (diagnostics.size() - 1) + " more)" : "";
    return "alert rules cannot be rendered; run 'aami validate': "
        + first.location()
        + ": "
        + first.message()
        + more;
  }
}
