package io.aami.diag;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a report prints of a list of problems: per file its errors first, then its warnings (each in
 * location order), at most {@code perFile} of them, and for every file cut short how many errors
 * and warnings were left out. The cap limits what is printed, never what is counted: every format
 * reports the full counts beside the listing. One pass over the problems plus a sort per file.
 */
public final class ProblemCap {
  /** Problems printed per file unless {@code --max-problems} says otherwise. */
  public static final int DEFAULT_PER_FILE = 100;

  /** A cap of 0 prints everything. */
  public static final int NO_CAP = 0;

  /** Errors before warnings, then the usual order. */
  private static final Comparator<Diagnostic> ERRORS_FIRST =
      Comparator.comparing((Diagnostic d) -> !d.isError()).thenComparing(Diagnostic.ORDER);

  private ProblemCap() {}

  /** The problems of one file that a capped listing does not print. */
  public record LeftOut(String file, long errors, long warnings) {
    public long total() {
      return errors + warnings;
    }
  }

  /**
   * What a capped listing prints, and what it leaves out.
   *
   * @param shown the printed problems, grouped by file in file order, errors first in each file
   * @param leftOut by file, for every file cut short, in file order
   */
  public record Listing(List<Diagnostic> shown, SortedMap<String, LeftOut> leftOut, int perFile) {
    public Listing {
      shown = List.copyOf(shown);
      leftOut = Collections.unmodifiableSortedMap(new TreeMap<>(leftOut));
    }

    public long leftOutErrors() {
      return leftOut.values().stream().mapToLong(LeftOut::errors).sum();
    }

    public long leftOutWarnings() {
      return leftOut.values().stream().mapToLong(LeftOut::warnings).sum();
    }

    public boolean complete() {
      return leftOut.isEmpty();
    }

    /** Whether the problem at {@code index} of {@link #shown} is the last printed for its file. */
    public boolean lastShownOfFile(int index) {
      return index == shown.size() - 1
          || !shown.get(index + 1).file().equals(shown.get(index).file());
    }

    /** One line for a file cut short, to print after its last shown problem. */
    public static String fileNote(LeftOut l) {
      return count(l.total(), "more problem")
          + " in this file left out ("
          + count(l.errors(), "error")
          + ", "
          + count(l.warnings(), "warning")
          + "); --max-problems 0 lists them all";
    }

    /** One sentence for the end of a listing, or empty when nothing was left out. */
    public String summary() {
      if (complete()) {
        return "";
      }
      long total = leftOutErrors() + leftOutWarnings();
      return "left out "
          + count(total, "problem")
          + " ("
          + count(leftOutErrors(), "error")
          + ", "
          + count(leftOutWarnings(), "warning")
          + ") past the first "
          + perFile
          + " of "
          + (leftOut.size() == 1 ? "1 file" : leftOut.size() + " files")
          + "; errors are listed before warnings, and --max-problems 0 lists them all";
    }
  }

  /**
   * Chooses the problems to print, errors first in each file.
   *
   * @param perFile the most problems printed per file; {@link #NO_CAP} for all
   */
  public static Listing of(List<Diagnostic> problems, int perFile) {
    if (perFile < 0) {
      throw new IllegalArgumentException("perFile must be 0 or more: " + perFile);
    }
    Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
    problems.stream()
        .sorted(Diagnostic.ORDER)
        .forEach(d -> byFile.computeIfAbsent(d.file(), f -> new ArrayList<>()).add(d));
    List<Diagnostic> shown = new ArrayList<>(problems.size());
    SortedMap<String, LeftOut> leftOut = new TreeMap<>();
    for (Map.Entry<String, List<Diagnostic>> file : byFile.entrySet()) {
      List<Diagnostic> ordered = new ArrayList<>(file.getValue());
      ordered.sort(ERRORS_FIRST);
      if (perFile == NO_CAP || ordered.size() <= perFile) {
        shown.addAll(ordered);
        continue;
      }
      shown.addAll(ordered.subList(0, perFile));
      long errors =
          ordered.subList(perFile, ordered.size()).stream().filter(Diagnostic::isError).count();
      leftOut.put(
          file.getKey(), new LeftOut(file.getKey(), errors, ordered.size() - perFile - errors));
    }
    return new Listing(shown, leftOut, perFile);
  }

  static String count(long n, String word) {
    return String.format(Locale.ROOT, "%,d", n) + " " + word + (n == 1 ? "" : "s");
  }
}
