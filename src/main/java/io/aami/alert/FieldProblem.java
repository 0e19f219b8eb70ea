package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Severity;
import io.aami.diag.SourceLocation;

/**
 * A problem in one text field (a query template, an annotation); the caller knows its location.
 * {@code offset} is the character of the field's value the problem is at, or -1 for the field as
 * a whole.
 */
public record FieldProblem(Severity severity, Code code, String message, int offset) {
  static FieldProblem error(Code code, String message) {
    return new FieldProblem(Severity.ERROR, code, message, -1);
  }

  static FieldProblem warning(Code code, String message) {
    return new FieldProblem(Severity.WARNING, code, message, -1);
  }

  FieldProblem at(int valueOffset) {
    return new FieldProblem(severity, code, message, valueOffset);
  }

  /** This problem placed at {@code at}; {@code rule} and {@code field} as in {@link AlertProblem}. */
  AlertProblem at(SourceLocation at, String rule, String field) {
    return new AlertProblem(at, severity, code, rule, field, message);
  }
}
