package io.aami.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus duration ({@code 1h30m}, {@code 90s}, {@code 0}), kept with its original text. */
public record PromDuration(String text, Duration value) {
  private static final Pattern FORMAT =
      Pattern.compile(
          "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600 * 1000,
    7L * 24 * 3600 * 1000,
    24L * 3600 * 1000,
    3600 * 1000,
    60 * 1000,
    1000,
    1
  };

  public static Optional<PromDuration> parse(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    if (text.equals("0")) {
      return Optional.of(new PromDuration(text, Duration.ZERO));
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long millis = 0;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      String group = m.group(i + 1);
      if (group != null) {
        try {
          millis = Math.addExact(millis, Math.multiplyExact(Long.parseLong(group), UNIT_MILLIS[i]));
        } catch (ArithmeticException | NumberFormatException overflow) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(new PromDuration(text, Duration.ofMillis(millis)));
  }

  /** Whole seconds, rounded up, at least 1: what a node agent's timeout needs. */
  public long ceilSeconds() {
    long seconds = (value.toMillis() + 999) / 1000;
    return Math.max(1, seconds);
  }

  @Override
  public String toString() {
    return text;
  }
}
