package io.aami.live;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How many series a changed alert's query returns right now: {@code after} for the query of the
 * head revision, {@code before} for the base's when the query itself changed (a new threshold), or
 * why it could not be counted (the server refused that query).
 */
public record FiringNow(OptionalLong before, OptionalLong after, Optional<String> problem) {
  static FiringNow counted(OptionalLong before, long after) {
    return new FiringNow(before, OptionalLong.of(after), Optional.empty());
  }

  static FiringNow refused(String why) {
    return new FiringNow(OptionalLong.empty(), OptionalLong.empty(), Optional.of(why));
  }

  /** "would fire now: 3 series (before the change: 0)", "would not fire now", or the problem. */
  public String text() {
    if (problem.isPresent()) {
      return "could not be evaluated now: " + problem.get();
    }
    long n = after.orElse(0);
    String now = n == 0 ? "would not fire now" : "would fire now: " + series(n);
    return before.isPresent()
        ? now + " (before the change: " + series(before.getAsLong()) + ")"
        : now;
  }

  private static String series(long n) {
    return n + " series";
  }
}
