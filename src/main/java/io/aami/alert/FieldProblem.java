package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Severity;
import io.aami.diag.SourceLocation;
import java.util.function.IntFunction;

/**
 * A problem in one text field (a query template, an annotation); the caller knows its location.
 * {@code offset} is the character of the field's value the problem is at, or -1 for the field as a
 * whole.
 */
public record FieldProblem(Severity severity, Code code, String message, int offset) {
  FieldProblem(Severity severity, Code code, String message) {
    this(severity, code, message, -1);
  }

  static FieldProblem error(Code code, String message) {
    return new FieldProblem(Severity.ERROR, code, message);
  }

  static FieldProblem errorAt(int offset, Code code, String message) {
    return new FieldProblem(Severity.ERROR, code, message, offset);
  }

  static FieldProblem warning(Code code, String message) {
    return new FieldProblem(Severity.WARNING, code, message);
  }

  FieldProblem at(int valueOffset) {
    return new FieldProblem(severity, code, message, valueOffset);
  }

  /**
   * Where this problem is: inside the field when it has an offset and {@code within} can place it.
   */
  SourceLocation place(SourceLocation field, IntFunction<SourceLocation> within) {
    return offset >= 0 && within != null ? within.apply(offset) : field;
  }

  /**
   * This problem placed at {@code at}; {@code rule} and {@code field} as in {@link AlertProblem}.
   */
  AlertProblem at(SourceLocation at, String rule, String field) {
    return new AlertProblem(at, severity, code, rule, field, message);
  }
}
