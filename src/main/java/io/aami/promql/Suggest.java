package io.aami.promql;

import java.util.Collection;

/** "did you mean" for misspelt function names: the closest name within a small edit distance. */
final class Suggest {
  private Suggest() {}

  /** {@code "; did you mean \"rate\"?"}, or "" when nothing is close. */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Math.max(2, word.length() / 3) + 1;
    for (String c : candidates.stream().sorted().toList()) {
      int d = distance(word, c, bestDistance);
      if (d < bestDistance
          || (d == bestDistance
              && best != null
              && commonPrefix(word, c) > commonPrefix(word, best))) {
        best = c;
        bestDistance = d;
      }
    }
    return best == null ? "" : "; did you mean \"" + best + "\"?";
  }

  private static int commonPrefix(String a, String b) {
    int n = 0;
    while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    return n;
  }

  /** Levenshtein distance, giving up (returning {@code limit}) once it cannot be below it. */
  private static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit || a.length() > 64 || b.length() > 64) {
      return limit;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost =
            Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1))
                ? 0
                : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
