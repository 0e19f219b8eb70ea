package io.aami.yaml;

import io.aami.diag.SourceLocation;
import java.math.BigInteger;

/**
 * A scalar with its YAML-resolved type. {@code plain} is true when it was written without quotes,
 * which is how the YAML 1.1 traps ({@code No}, {@code 1.0}) are told apart from real strings.
 */
public record YScalar(
    String text,
    ScalarType type,
    boolean plain,
    SourceLocation location,
    int startOffset,
    int endOffset)
    implements YNode {

  public enum ScalarType {
    STRING("string"),
    INTEGER("integer"),
    FLOAT("number"),
    BOOLEAN("boolean"),
    NULL("null");

    private final String jsonName;

    ScalarType(String jsonName) {
      this.jsonName = jsonName;
    }

    public String jsonName() {
      return jsonName;
    }
  }

  @Override
  public String typeName() {
    return type.jsonName();
  }

  public boolean isString() {
    return type == ScalarType.STRING;
  }

  /** The Java value: String, Long or BigInteger, Double, Boolean, or null. */
  public Object value() {
    return switch (type) {
      case STRING -> text;
      case INTEGER -> parseInteger(text);
      case FLOAT -> parseFloat(text);
      case BOOLEAN -> parseBoolean(text);
      case NULL -> null;
    };
  }

  private static Object parseInteger(String raw) {
    String t = raw.replace("_", "");
    int sign = 1;
    if (t.startsWith("-")) {
      sign = -1;
      t = t.substring(1);
    } else if (t.startsWith("+")) {
      t = t.substring(1);
    }
    BigInteger value;
    if (t.startsWith("0x")) {
      value = new BigInteger(t.substring(2), 16);
    } else if (t.startsWith("0o")) {
      value = new BigInteger(t.substring(2), 8);
    } else if (t.startsWith("0b")) {
      value = new BigInteger(t.substring(2), 2);
    } else if (t.contains(":")) {
      value = BigInteger.ZERO;
      for (String part : t.split(":", -1)) {
        value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
      }
    } else if (t.length() > 1 && t.startsWith("0")) {
      value = new BigInteger(t.substring(1), 8);
    } else {
      value = new BigInteger(t);
    }
    value = sign < 0 ? value.negate() : value;
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private static Double parseFloat(String raw) {
    String t = raw.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    return switch (t) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> Double.valueOf(t);
    };
  }

  private static Boolean parseBoolean(String raw) {
    return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes", "on", "y" -> Boolean.TRUE;
      default -> Boolean.FALSE;
    };
  }
}
