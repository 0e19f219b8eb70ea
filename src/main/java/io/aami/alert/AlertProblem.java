package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Severity;
import io.aami.diag.SourceLocation;

/**
 * A problem found while expanding a rule, kept in parts so that {@link AlertChecks} can report a
 * problem in a shared template once, naming every rule it affects.
 *
 * @param rule {@code 'id' (group 'g')} of the rule being expanded, or null when the problem does
 *     not depend on the rule (a bad label name is bad for every rule)
 * @param field what the location points at, e.g. {@code annotation 'summary'}; null for none
 */
public record AlertProblem(
    SourceLocation at, Severity severity, Code code, String rule, String field, String message) {

  static AlertProblem error(SourceLocation at, Code code, String message) {
    return new AlertProblem(at, Severity.ERROR, code, null, null, message);
  }

  static AlertProblem warning(SourceLocation at, Code code, String message) {
    return new AlertProblem(at, Severity.WARNING, code, null, null, message);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public Diagnostic toDiagnostic() {
    return toDiagnostic(rule == null ? null : "alert rule " + rule);
  }

  /** With {@code subject} (e.g. several rules) in place of the single rule. */
  Diagnostic toDiagnostic(String subject) {
    StringBuilder sb = new StringBuilder();
    if (subject != null) {
      sb.append(subject).append(", ");
    }
    if (field != null) {
      sb.append(field).append(": ");
    }
    sb.append(message);
    return severity == Severity.ERROR
        ? Diagnostic.error(at, code, sb.toString())
        : Diagnostic.warning(at, code, sb.toString());
  }
}
