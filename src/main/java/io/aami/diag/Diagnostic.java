package io.aami.diag;

import java.util.Comparator;

/** One problem found in the repository, with the place it was found. */
public record Diagnostic(
    String file, int line, int column, Severity severity, String code, String message) {

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::file)
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::severity)
          .thenComparing(Diagnostic::code)
          .thenComparing(Diagnostic::message);

  public static Diagnostic error(SourceLocation at, Code code, String message) {
    return new Diagnostic(at.file(), at.line(), at.column(), Severity.ERROR, code.id(), message);
  }

  public static Diagnostic warning(SourceLocation at, Code code, String message) {
    return new Diagnostic(at.file(), at.line(), at.column(), Severity.WARNING, code.id(), message);
  }

  /** A note, never a problem: see {@link Severity#INFO}. */
  public static Diagnostic info(SourceLocation at, Code code, String message) {
    return new Diagnostic(at.file(), at.line(), at.column(), Severity.INFO, code.id(), message);
  }

  public SourceLocation location() {
    return new SourceLocation(file, line, column);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  public boolean isInfo() {
    return severity == Severity.INFO;
  }
}
