package io.aami.promql;

/**
 * A problem of a query, in the query's own coordinates: {@code span.start()} is the character the
 * user must fix. Callers map it to wherever the query was written.
 */
public record Problem(Level level, Span span, String message) {
  public enum Level {
    ERROR,
    WARNING
  }

  static Problem error(Span span, String message) {
    return new Problem(Level.ERROR, span, message);
  }

  static Problem warning(Span span, String message) {
    return new Problem(Level.WARNING, span, message);
  }

  public boolean isError() {
    return level == Level.ERROR;
  }
}
