package io.aami.promql;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Values of number and duration tokens, with Prometheus's rules for what is in range. */
final class Literals {
  private static final Pattern DURATION =
      Pattern.compile(
          "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
  };

  /** Underscores only between digits (after an optional hex prefix), as Go allows them. */
  private static final Pattern UNDERSCORES_OK =
      Pattern.compile("(?:0[xX]_?)?[0-9a-fA-F.eE+-]+(?:_[0-9a-fA-F][0-9a-fA-F.eE+-]*)*");

  private Literals() {}

  /** A number token's value, or a message saying why it is not one. */
  sealed interface Parsed permits Value, Invalid {}

  record Value(double value) implements Parsed {}

  record Invalid(String message) implements Parsed {}

  static Parsed number(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("inf")) {
      return new Value(Double.POSITIVE_INFINITY);
    }
    if (lower.equals("nan")) {
      return new Value(Double.NaN);
    }
    if (text.indexOf('_') >= 0
        && (!UNDERSCORES_OK.matcher(text).matches()
            || text.contains("_.")
            || text.contains("._")
            || text.matches(".*[eE]_.*|.*_[eE].*"))) {
      return new Invalid("number " + text + ": '_' may only stand between two digits");
    }
    String plain = text.replace("_", "");
    try {
      if (plain.startsWith("0x") || plain.startsWith("0X")) {
        BigInteger v = new BigInteger(plain.substring(2), 16);
        if (v.bitLength() > 63) {
          return new Invalid("number " + text + " is out of range");
        }
        return new Value(v.doubleValue());
      }
      double v = Double.parseDouble(plain);
      if (Double.isInfinite(v)) {
        return new Invalid("number " + text + " is out of range (largest is about 1.8e308)");
      }
      return new Value(v);
    } catch (NumberFormatException e) {
      return new Invalid("bad number " + text);
    }
  }

  /** A duration token's value in milliseconds, or a message. Zero is refused as Prometheus does. */
  static Object duration(String text) {
    java.util.OptionalLong millis = durationMillis(text);
    if (millis.isEmpty()) {
      return DURATION.matcher(text).matches() && !text.isEmpty()
          ? new Invalid("duration \"" + text + "\" is out of range")
          : new Invalid(
              "bad duration \""
                  + text
                  + "\": use whole numbers with units y, w, d, h,"
                  + " m, s, ms from the largest to the smallest, each at most once (e.g. 1h30m)");
    }
    if (millis.getAsLong() == 0) {
      return new Invalid("duration \"" + text + "\" must be greater than 0");
    }
    return millis.getAsLong();
  }

  /** A duration's milliseconds (zero included); empty when it is no duration or out of range. */
  static java.util.OptionalLong durationMillis(String text) {
    Matcher m = DURATION.matcher(text);
    if (text.isEmpty() || !m.matches()) {
      return java.util.OptionalLong.empty();
    }
    long total = 0;
    for (int i = 0; i < UNIT_MILLIS.length; i++) {
      String group = m.group(i + 1);
      if (group == null) {
        continue;
      }
      try {
        total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), UNIT_MILLIS[i]));
      } catch (ArithmeticException | NumberFormatException e) {
        return java.util.OptionalLong.empty();
      }
    }
    return java.util.OptionalLong.of(total);
  }
}
