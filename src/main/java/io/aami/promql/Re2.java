package io.aami.promql;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The syntax of RE2, the regular expression engine of Prometheus (Go's {@code regexp/syntax}, Perl
 * flavour), checked without compiling: Java's dialect accepts backreferences, lookarounds,
 * possessive quantifiers and repetition counts over 1000, which Prometheus refuses. Also decides
 * whether a valid pattern matches the empty string, for the rule that a selector needs one matcher
 * that does not. Linear in the pattern; nesting is bounded.
 */
public final class Re2 {
  /** Go's limit on {@code {n,m}} counts, also applied to their product when nested. */
  static final int MAX_REPEAT = 1000;

  /** Go allows 1000; 200 keeps the recursion small, and no label regex nests that deep. */
  private static final int MAX_NESTING = 200;

  private static final Set<String> POSIX =
      Set.of(
          "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct",
          "space", "upper", "word", "xdigit");
  private static final Set<String> CATEGORIES =
      Set.of(
          "Any", "C", "Cc", "Cf", "Co", "Cs", "L", "Ll", "Lm", "Lo", "Lt", "Lu", "M", "Mc", "Me",
          "Mn", "N", "Nd", "Nl", "No", "P", "Pc", "Pd", "Pe", "Pf", "Pi", "Po", "Ps", "S", "Sc",
          "Sk", "Sm", "So", "Z", "Zl", "Zp", "Zs");

  /** Where (a char offset into the pattern) and why a pattern is not RE2. */
  public record SyntaxError(int offset, String message) {}

  private final String p;
  private final boolean angleNames;
  private final Set<String> names = new HashSet<>();
  private int pos;
  private int depth;

  private Re2(String pattern, boolean angleNames) {
    this.p = pattern;
    this.angleNames = angleNames;
  }

  /** Empty when {@code pattern} is valid RE2 syntax. */
  public static Optional<SyntaxError> check(String pattern) {
    return check(pattern, Dialect.PROMETHEUS_3);
  }

  /** As {@link #check(String)}; Prometheus 2 (Go before 1.22) also refuses {@code (?<name>...)}. */
  public static Optional<SyntaxError> check(String pattern, Dialect dialect) {
    try {
      new Re2(pattern, dialect == Dialect.PROMETHEUS_3).parse();
      return Optional.empty();
    } catch (Invalid e) {
      return Optional.of(new SyntaxError(e.offset, e.getMessage()));
    }
  }

  /** True when the valid pattern, anchored at both ends as Prometheus anchors it, matches "". */
  public static boolean matchesEmpty(String pattern) {
    try {
      return new Re2(pattern, true).parse().nullable;
    } catch (Invalid e) {
      return false;
    }
  }

  /** What a parsed piece contributes: can it match "", and the product of its nested counts. */
  private record Node(boolean nullable, long repeatProduct) {}

  private Node parse() {
    Node n = alternation();
    if (pos < p.length()) {
      throw new Invalid(pos, "unexpected ')': no group is open");
    }
    return n;
  }

  private Node alternation() {
    Node first = concatenation();
    boolean nullable = first.nullable;
    long product = first.repeatProduct;
    while (pos < p.length() && p.charAt(pos) == '|') {
      pos++;
      Node next = concatenation();
      nullable |= next.nullable;
      product = Math.max(product, next.repeatProduct);
    }
    return new Node(nullable, product);
  }

  private Node concatenation() {
    boolean nullable = true;
    long product = 1;
    while (pos < p.length() && p.charAt(pos) != '|' && p.charAt(pos) != ')') {
      Node atom = repetition();
      nullable &= atom.nullable;
      product = Math.max(product, atom.repeatProduct);
    }
    return new Node(nullable, product);
  }

  private Node repetition() {
    int start = pos;
    char c = p.charAt(pos);
    if (c == '*' || c == '+' || c == '?' || (c == '{' && repeatAt(pos) != null)) {
      throw new Invalid(pos, "missing argument to repetition operator '" + c + "'");
    }
    Node atom = atom();
    boolean repeated = false;
    while (pos < p.length()) {
      char q = p.charAt(pos);
      int[] counts = q == '{' ? repeatAt(pos) : null;
      if (q != '*' && q != '+' && q != '?' && counts == null) {
        break;
      }
      if (repeated) {
        throw new Invalid(
            pos,
            "invalid nested repetition operator '"
                + p.substring(start, pos + 1)
                + "': RE2 has no possessive or stacked quantifiers");
      }
      repeated = true;
      int opStart = pos;
      if (counts != null) {
        pos = counts[2];
        int min = counts[0];
        int max = counts[1];
        if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
          throw new Invalid(
              opStart,
              "invalid repeat count '"
                  + p.substring(opStart, pos)
                  + "': RE2 allows counts up to "
                  + MAX_REPEAT
                  + ", minimum not above maximum");
        }
        long k = max < 0 ? min : max;
        long product = atom.repeatProduct * Math.max(k, 1);
        if ((min >= 2 || max >= 2) && product > MAX_REPEAT) {
          throw new Invalid(
              opStart, "invalid repeat count: nested counts multiply to more than " + MAX_REPEAT);
        }
        atom = new Node(min == 0 || atom.nullable, product);
      } else {
        pos++;
        atom = new Node(q != '+' || atom.nullable, atom.repeatProduct);
      }
      if (pos < p.length() && p.charAt(pos) == '?') {
        pos++;
      }
    }
    return atom;
  }

  /**
   * {@code {n}}, {@code {n,}} or {@code {n,m}} at {@code at}: {min, max (-1: none), end}, or null.
   */
  private int[] repeatAt(int at) {
    int i = at + 1;
    int minStart = i;
    while (i < p.length() && Character.isDigit(p.charAt(i)) && p.charAt(i) < 128) {
      i++;
    }
    if (i == minStart || i >= p.length()) {
      return null;
    }
    int min = count(p.substring(minStart, i));
    int max = min;
    if (p.charAt(i) == ',') {
      i++;
      int maxStart = i;
      while (i < p.length() && Character.isDigit(p.charAt(i)) && p.charAt(i) < 128) {
        i++;
      }
      max = i == maxStart ? -1 : count(p.substring(maxStart, i));
    }
    if (i >= p.length() || p.charAt(i) != '}') {
      return null;
    }
    return new int[] {min, max, i + 1};
  }

  private static int count(String digits) {
    return digits.length() > 7 ? Integer.MAX_VALUE : Integer.parseInt(digits);
  }

  private Node atom() {
    char c = p.charAt(pos);
    switch (c) {
      case '(' -> {
        return group();
      }
      case '[' -> {
        characterClass();
        return new Node(false, 1);
      }
      case '\\' -> {
        return escape();
      }
      case '^', '$' -> {
        pos++;
        return new Node(true, 1);
      }
      default -> {
        pos += Character.charCount(p.codePointAt(pos));
        return new Node(false, 1);
      }
    }
  }

  private Node group() {
    int open = pos;
    pos++;
    if (++depth > MAX_NESTING) {
      throw new Invalid(open, "expression nests too deeply");
    }
    if (pos < p.length() && p.charAt(pos) == '?') {
      if (!groupOptions(open)) {
        depth--;
        return new Node(true, 1);
      }
    }
    Node inner = alternation();
    if (pos >= p.length()) {
      throw new Invalid(open, "missing closing ')' for the group opened here");
    }
    pos++;
    depth--;
    return inner;
  }

  /**
   * {@code (?P<name>}, {@code (?<name>}, {@code (?flags:} or {@code (?flags)}; returns false for
   * the last, which is a whole atom.
   */
  private boolean groupOptions(int open) {
    pos++;
    String rest = p.substring(pos, Math.min(p.length(), pos + 3));
    if (rest.startsWith("P<")
        || (angleNames
            && rest.startsWith("<")
            && !rest.startsWith("<=")
            && !rest.startsWith("<!"))) {
      pos += rest.startsWith("P") ? 2 : 1;
      int nameStart = pos;
      while (pos < p.length() && Lexer.isAlphaNumeric(p.charAt(pos))) {
        pos++;
      }
      if (pos >= p.length() || p.charAt(pos) != '>' || pos == nameStart) {
        throw new Invalid(
            open,
            "invalid named capture: expected (?P<name>...) with a name of"
                + " letters, digits and '_'");
      }
      String name = p.substring(nameStart, pos);
      if (!names.add(name)) {
        throw new Invalid(open, "duplicate capture group name '" + name + "'");
      }
      pos++;
      return true;
    }
    boolean sawMinus = false;
    boolean flagAfterMinus = false;
    while (pos < p.length()) {
      char c = p.charAt(pos);
      if (c == 'i' || c == 'm' || c == 's' || c == 'U') {
        flagAfterMinus |= sawMinus;
        pos++;
      } else if (c == '-' && !sawMinus) {
        sawMinus = true;
        pos++;
      } else if ((c == ':' || c == ')') && (!sawMinus || flagAfterMinus)) {
        pos++;
        return c == ':';
      } else {
        break;
      }
    }
    throw new Invalid(
        open,
        "invalid or unsupported Perl syntax '"
            + p.substring(open, Math.min(p.length(), Math.max(pos + 1, open + 3)))
            + "': RE2 has no lookahead, lookbehind, atomic groups or comments; flags are i, m, s, U");
  }

  private void characterClass() {
    int open = pos;
    pos++;
    if (pos < p.length() && p.charAt(pos) == '^') {
      pos++;
    }
    boolean first = true;
    while (pos < p.length() && (p.charAt(pos) != ']' || first)) {
      first = false;
      if (p.startsWith("[:", pos)) {
        int close = p.indexOf(":]", pos + 2);
        if (close > 0) {
          String name = p.substring(pos + 2, close);
          String bare = name.startsWith("^") ? name.substring(1) : name;
          if (!POSIX.contains(bare)) {
            throw new Invalid(pos, "invalid character class range '[:" + name + ":]'");
          }
          pos = close + 2;
          continue;
        }
      }
      int lo = classChar();
      if (lo >= 0 && pos + 1 < p.length() && p.charAt(pos) == '-' && p.charAt(pos + 1) != ']') {
        int rangeStart = pos - 1;
        pos++;
        int hi = classChar();
        if (hi < 0 || hi < lo) {
          throw new Invalid(
              Math.max(open, rangeStart),
              "invalid character class range: the end"
                  + " of a range must not come before its start");
        }
      }
    }
    if (pos >= p.length()) {
      throw new Invalid(open, "missing closing ']' for the character class opened here");
    }
    pos++;
  }

  /** One member of a class: its code point, or -1 for a class escape such as {@code \d}. */
  private int classChar() {
    if (p.charAt(pos) != '\\') {
      int cp = p.codePointAt(pos);
      pos += Character.charCount(cp);
      return cp;
    }
    int esc = pos;
    if (pos + 1 >= p.length()) {
      throw new Invalid(esc, "trailing backslash at end of expression");
    }
    char c = p.charAt(pos + 1);
    if ("dDsSwW".indexOf(c) >= 0) {
      pos += 2;
      return -1;
    }
    if (c == 'p' || c == 'P') {
      unicodeClass();
      return -1;
    }
    return literalEscape(esc);
  }

  private Node escape() {
    int esc = pos;
    if (pos + 1 >= p.length()) {
      throw new Invalid(esc, "trailing backslash at end of expression");
    }
    char c = p.charAt(pos + 1);
    switch (c) {
      case 'd', 'D', 's', 'S', 'w', 'W' -> {
        pos += 2;
        return new Node(false, 1);
      }
      case 'b' -> {
        pos += 2;
        return new Node(false, 1);
      }
      case 'B', 'A', 'z' -> {
        pos += 2;
        return new Node(true, 1);
      }
      case 'p', 'P' -> {
        unicodeClass();
        return new Node(false, 1);
      }
      case 'Q' -> {
        int end = p.indexOf("\\E", pos + 2);
        boolean empty = end == pos + 2 || (end < 0 && pos + 2 == p.length());
        pos = end < 0 ? p.length() : end + 2;
        return new Node(empty, 1);
      }
      default -> {
        literalEscape(esc);
        return new Node(false, 1);
      }
    }
  }

  private void unicodeClass() {
    int esc = pos;
    pos += 2;
    if (pos >= p.length()) {
      throw new Invalid(esc, "invalid character class range: \\p needs a class name");
    }
    String name;
    if (p.charAt(pos) == '{') {
      int close = p.indexOf('}', pos);
      if (close < 0) {
        throw new Invalid(esc, "invalid character class range: missing '}' after \\p{");
      }
      name = p.substring(pos + 1, close);
      pos = close + 1;
      if (name.startsWith("^")) {
        name = name.substring(1);
      }
    } else {
      name = String.valueOf(p.charAt(pos));
      pos++;
    }
    if (!CATEGORIES.contains(name) && !isScript(name)) {
      throw new Invalid(esc, "invalid character class range: unknown Unicode class '" + name + "'");
    }
  }

  private static boolean isScript(String name) {
    if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
      return false;
    }
    try {
      Character.UnicodeScript.forName(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A single-character escape at {@code esc}: its code point; refuses what RE2 refuses. */
  private int literalEscape(int esc) {
    char c = p.charAt(esc + 1);
    pos = esc + 2;
    switch (c) {
      case 'a' -> {
        return 7;
      }
      case 'f' -> {
        return '\f';
      }
      case 't' -> {
        return '\t';
      }
      case 'n' -> {
        return '\n';
      }
      case 'r' -> {
        return '\r';
      }
      case 'v' -> {
        return 11;
      }
      case 'x' -> {
        return hexEscape(esc);
      }
      default -> {}
    }
    if (c >= '0' && c <= '7') {
      boolean octal =
          c == '0' || (pos < p.length() && p.charAt(pos) >= '0' && p.charAt(pos) <= '7');
      if (octal) {
        int v = c - '0';
        for (int i = 0;
            i < 2 && pos < p.length() && p.charAt(pos) >= '0' && p.charAt(pos) <= '7';
            i++) {
          v = v * 8 + (p.charAt(pos++) - '0');
        }
        return v;
      }
    }
    if (c < 128 && !Character.isLetterOrDigit(c)) {
      return c;
    }
    String what = c >= '1' && c <= '9' ? " (backreferences are not supported by RE2)" : "";
    throw new Invalid(esc, "invalid escape sequence '\\" + c + "'" + what);
  }

  private int hexEscape(int esc) {
    if (pos < p.length() && p.charAt(pos) == '{') {
      int close = p.indexOf('}', pos);
      String hex = close < 0 ? "" : p.substring(pos + 1, close);
      if (hex.isEmpty()
          || hex.length() > 8
          || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)
          || Long.parseLong(hex, 16) > Character.MAX_CODE_POINT) {
        throw new Invalid(esc, "invalid escape sequence: \\x{...} needs a hexadecimal code point");
      }
      pos = close + 1;
      return (int) Long.parseLong(hex, 16);
    }
    if (pos + 2 > p.length()
        || Character.digit(p.charAt(pos), 16) < 0
        || Character.digit(p.charAt(pos + 1), 16) < 0) {
      throw new Invalid(esc, "invalid escape sequence: \\x needs two hexadecimal digits");
    }
    pos += 2;
    return Integer.parseInt(p.substring(pos - 2, pos), 16);
  }

  private static final class Invalid extends RuntimeException {
    final int offset;

    Invalid(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }
}
