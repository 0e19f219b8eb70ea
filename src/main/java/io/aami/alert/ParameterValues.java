package io.aami.alert;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The text a scalar config value contributes when it replaces a placeholder. */
final class ParameterValues {
  private ParameterValues() {}

  /** Empty for null, lists and maps: those have no single text form. */
  static Optional<String> text(Object value) {
    if (value instanceof String s) {
      return Optional.of(s);
    }
    if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
      return Optional.of(value.toString());
    }
    if (value instanceof Double d) {
      return Optional.of(number(d));
    }
    if (value instanceof Boolean b) {
      return Optional.of(b.toString());
    }
    return Optional.empty();
  }

  /** PromQL spellings: {@code 70} for 70.0, {@code 0.5}, {@code Inf}, {@code NaN}. */
  private static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Inf" : "-Inf";
    }
    BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
    if (exact.scale() <= 0 && exact.precision() - exact.scale() <= 18) {
      return exact.toBigInteger().toString();
    }
    return Double.toString(d);
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    return "'" + value + "'";
  }
}
