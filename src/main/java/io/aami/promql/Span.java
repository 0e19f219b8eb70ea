package io.aami.promql;

/** Characters {@code [start, end)} of the query text (Java char offsets). */
public record Span(int start, int end) {
  public Span {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }

  public static Span at(int offset) {
    return new Span(offset, offset);
  }

  public Span to(Span other) {
    return new Span(Math.min(start, other.start), Math.max(end, other.end));
  }
}
