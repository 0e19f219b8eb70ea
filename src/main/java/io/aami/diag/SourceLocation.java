package io.aami.diag;

import java.util.Comparator;

/**
 * A place in the repository. {@code file} is repository-relative with '/' separators; {@code line}
 * and {@code column} are 1-based, or 0 when the problem concerns the whole file.
 */
public record SourceLocation(String file, int line, int column)
    implements Comparable<SourceLocation> {
  private static final Comparator<SourceLocation> ORDER =
      Comparator.comparing(SourceLocation::file)
          .thenComparingInt(SourceLocation::line)
          .thenComparingInt(SourceLocation::column);

  public static SourceLocation wholeFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  @Override
  public int compareTo(SourceLocation other) {
    return ORDER.compare(this, other);
  }

  /** {@code file:line:col}, or just {@code file} for whole-file locations. */
  @Override
  public String toString() {
    return line == 0 ? file : file + ":" + line + ":" + column;
  }
}
