package io.aami.diag;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** "Did you mean" hints for misspelled names. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * Beyond these {@link #didYouMean} gives no hint: one hint costs candidates times the square of
   * the name length, and checks ask for one hint per offending item, so without a bound 80,000
   * unknown keys against 80,000 known ones would be quadratic.
   */
  static final int MAX_CANDIDATES = 1000;

  static final int MAX_NAME_CHARS = 100;

  /** The closest candidate when it is plausibly a typo of {@code input}, or empty. */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    if (input.length() > MAX_NAME_CHARS) {
      return Optional.empty();
    }
    String lower = input.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (candidate.length() > MAX_NAME_CHARS) {
        continue;
      }
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance
          || (d == bestDistance && best != null && candidate.compareTo(best) < 0)) {
        best = candidate;
        bestDistance = d;
      }
    }
    // A hint is only useful when most of the word survives: "xy" is not a typo of "id".
    int allowed = Math.max(2, input.length() / 3);
    boolean plausible =
        best != null
            && bestDistance <= allowed
            && bestDistance < input.length()
            && bestDistance < best.length();
    return plausible ? Optional.of(best) : Optional.empty();
  }

  /**
   * The {@code limit} candidates closest to {@code input} (case-insensitive edit distance, then
   * name), closest first, however far they are: for listing when nothing is close enough to be a
   * typo.
   */
  public static List<String> nearest(String input, Collection<String> candidates, int limit) {
    String lower = input.toLowerCase(Locale.ROOT);
    Map<String, Integer> distances = new HashMap<>();
    for (String candidate : candidates) {
      distances.put(candidate, distance(lower, candidate.toLowerCase(Locale.ROOT)));
    }
    return distances.keySet().stream()
        .sorted(
            Comparator.comparing((String c) -> distances.get(c))
                .thenComparing(Comparator.naturalOrder()))
        .limit(limit)
        .toList();
  }

  /** {@code "; did you mean 'x'?"} or "". */
  public static String didYouMean(String input, Collection<String> candidates) {
    if (candidates.size() > MAX_CANDIDATES) {
      return "";
    }
    return closest(input, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /** Optimal string alignment distance: Levenshtein plus adjacent transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
