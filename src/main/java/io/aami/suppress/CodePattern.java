package io.aami.suppress;

import java.util.regex.Pattern;

/**
 * A code as suppressions name it: an exact id such as {@code alert/no-condition}, or a family
 * {@code live/*} that matches every code under {@code live/}, including codes added later.
 */
final class CodePattern {
  static final Pattern SYNTAX = Pattern.compile("[a-z][a-z0-9-]*(/[a-z0-9*][a-z0-9-]*)*(/\\*)?");

  private CodePattern() {}

  static boolean matches(String pattern, String code) {
    if (pattern.endsWith("/*")) {
      return code.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return pattern.equals(code);
  }

  static boolean valid(String pattern) {
    return SYNTAX.matcher(pattern).matches();
  }
}
