package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Severity;
import io.aami.diag.SourceLocation;

/** A problem in one text field (a query template, an annotation); the caller knows its location. */
public record FieldProblem(Severity severity, Code code, String message) {
  static FieldProblem error(Code code, String message) {
    return new FieldProblem(Severity.ERROR, code, message);
  }

  static FieldProblem warning(Code code, String message) {
    return new FieldProblem(Severity.WARNING, code, message);
  }

  /** This problem placed at {@code at}; {@code rule} and {@code field} as in {@link AlertProblem}. */
  AlertProblem at(SourceLocation at, String rule, String field) {
    return new AlertProblem(at, severity, code, rule, field, message);
  }
}
