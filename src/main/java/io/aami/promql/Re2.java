package io.aami.promql;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The syntax of RE2, the regular expression engine of Prometheus (Go's {@code regexp/syntax}, Perl
 * flavour), checked without compiling: Java's dialect accepts backreferences, lookarounds,
 * possessive quantifiers and repetition counts over 1000, which Prometheus refuses. Also decides
 * whether a valid pattern matches the empty string, for the rule that a selector needs one matcher
 * that does not, and translates a valid pattern into a Java regex that matches the same strings
 * (Java reads {@code [[:alpha:]]}, {@code &&} in a class, {@code $}, {@code \s} and {@code \b}
 * differently, and {@code {,3}} not at all). Linear in the pattern; nesting is bounded.
 */
public final class Re2 {
  /** Go's limit on {@code {n,m}} counts, also applied to their product when nested. */
  static final int MAX_REPEAT = 1000;

  /** Go allows 1000; 200 keeps the recursion small, and no label regex nests that deep. */
  private static final int MAX_NESTING = 200;

  /** The flags a translation is compiled with: Unicode case folding and only \n ends a line. */
  public static final int JAVA_FLAGS = Pattern.UNICODE_CASE | Pattern.UNIX_LINES;

  /** RE2's word characters: ASCII only. */
  private static final String WORD = "[0-9A-Za-z_]";

  /** RE2's {@code \s}: no vertical tab. */
  private static final String SPACE = "\\x{9}\\x{A}\\x{C}\\x{D}\\x{20}";

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

  /** The Java translation being written, or null when only checking. */
  private final StringBuilder translation;

  private int pos;
  private int depth;
  private boolean multiline;

  /** The flags of the group options just read ("i-s"), or null for a named group. */
  private String groupFlags;

  private Re2(String pattern, boolean angleNames, boolean translate) {
    this.p = pattern;
    this.angleNames = angleNames;
    this.translation = translate ? new StringBuilder(pattern.length() + 16) : null;
  }

  /** Empty when {@code pattern} is valid RE2 syntax. */
  public static Optional<SyntaxError> check(String pattern) {
    return check(pattern, Dialect.PROMETHEUS_3);
  }

  /** As {@link #check(String)}; Prometheus 2 (Go before 1.22) also refuses {@code (?<name>...)}. */
  public static Optional<SyntaxError> check(String pattern, Dialect dialect) {
    try {
      new Re2(pattern, dialect == Dialect.PROMETHEUS_3, false).parse();
      return Optional.empty();
    } catch (Invalid e) {
      return Optional.of(new SyntaxError(e.offset, e.getMessage()));
    }
  }

  /** True when the valid pattern, anchored at both ends as Prometheus anchors it, matches "". */
  public static boolean matchesEmpty(String pattern) {
    try {
      return new Re2(pattern, true, false).parse().nullable;
    } catch (Invalid e) {
      return false;
    }
  }

  /**
   * A Java regex that matches what the valid RE2 {@code pattern} matches, for {@link
   * Pattern#compile(String, int)} with {@link #JAVA_FLAGS}; empty when the pattern is not RE2.
   * Anchoring and {@code (?s)} are the caller's, as Prometheus adds them around a label regex.
   * Greediness is dropped ({@code (?U)}): whether a whole string matches does not depend on it.
   */
  public static Optional<String> toJava(String pattern) {
    try {
      Re2 translator = new Re2(pattern, true, true);
      translator.parse();
      return Optional.of(translator.translation.toString());
    } catch (Invalid e) {
      return Optional.empty();
    }
  }

  private void emit(String text) {
    if (translation != null) {
      translation.append(text);
    }
  }

  /** A code point as Java reads it literally, inside or outside a class, whatever the flags. */
  private void emitLiteral(int cp) {
    if (translation == null) {
      return;
    }
    if (cp < 128 && Character.isLetterOrDigit(cp)) {
      translation.append((char) cp);
    } else {
      translation.append("\\x{").append(Integer.toHexString(cp)).append('}');
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
      emit("|");
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
        emit(p.substring(opStart, pos));
      } else {
        pos++;
        atom = new Node(q != '+' || atom.nullable, atom.repeatProduct);
        emit(String.valueOf(q));
      }
      if (pos < p.length() && p.charAt(pos) == '?') {
        pos++;
        emit("?");
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
        // Without (?m), RE2's $ is the end of the text; Java's would also match before a final \n.
        emit(c == '^' ? "^" : multiline ? "$" : "\\z");
        return new Node(true, 1);
      }
      case '.' -> {
        pos++;
        emit(".");
        return new Node(false, 1);
      }
      default -> {
        int cp = p.codePointAt(pos);
        pos += Character.charCount(cp);
        emitLiteral(cp);
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
    boolean outerMultiline = multiline;
    if (pos < p.length() && p.charAt(pos) == '?') {
      boolean opensGroup = groupOptions(open);
      String flags = groupFlags == null ? "" : javaFlags(groupFlags);
      if (!opensGroup) {
        // (?flags) holds to the end of the enclosing group, so multiline is not restored here.
        emit(flags.isEmpty() ? "" : "(?" + flags + ")");
        depth--;
        return new Node(true, 1);
      }
      emit("(?" + flags + ":");
    } else {
      emit("(?:");
    }
    Node inner = alternation();
    if (pos >= p.length()) {
      throw new Invalid(open, "missing closing ')' for the group opened here");
    }
    pos++;
    emit(")");
    multiline = outerMultiline;
    depth--;
    return inner;
  }

  /**
   * {@code (?P<name>}, {@code (?<name>}, {@code (?flags:} or {@code (?flags)}; returns false for
   * the last, which is a whole atom.
   */
  private boolean groupOptions(int open) {
    pos++;
    groupFlags = null;
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
        groupFlags = p.substring(open + 2, pos);
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

  /**
   * RE2's flags as Java's, tracking {@code m}: U (ungreedy) has no Java twin and does not change
   * what a whole string matches, so it is left out.
   */
  private String javaFlags(String flags) {
    int minus = flags.indexOf('-');
    String on = (minus < 0 ? flags : flags.substring(0, minus)).replace("U", "");
    String off = (minus < 0 ? "" : flags.substring(minus + 1)).replace("U", "");
    if (on.indexOf('m') >= 0) {
      multiline = true;
    }
    if (off.indexOf('m') >= 0) {
      multiline = false;
    }
    return off.isEmpty() ? on : on + "-" + off;
  }

  private void characterClass() {
    int open = pos;
    pos++;
    emit("[");
    if (pos < p.length() && p.charAt(pos) == '^') {
      pos++;
      emit("^");
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
          emitPosixClass(bare, !bare.equals(name));
          pos = close + 2;
          continue;
        }
      }
      int lo = classChar();
      emitLiteralIfChar(lo);
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
        emit("-");
        emitLiteral(hi);
      }
    }
    if (pos >= p.length()) {
      throw new Invalid(open, "missing closing ']' for the character class opened here");
    }
    pos++;
    emit("]");
  }

  private void emitLiteralIfChar(int cp) {
    if (cp >= 0) {
      emitLiteral(cp);
    }
  }

  /** {@code [:name:]} as a nested Java class; RE2's are ASCII, as Java's POSIX classes are. */
  private void emitPosixClass(String name, boolean negated) {
    String members =
        switch (name) {
          case "word" -> "0-9A-Za-z_";
          case "space" -> SPACE;
          case "ascii" -> "\\x{0}-\\x{7F}";
          case "xdigit" -> "\\p{XDigit}";
          default -> "\\p{" + Character.toUpperCase(name.charAt(0)) + name.substring(1) + "}";
        };
    emit((negated ? "[^" : "[") + members + "]");
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
      emitPerlClass(c);
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
        emitPerlClass(c);
        return new Node(false, 1);
      }
      case 'b' -> {
        pos += 2;
        // RE2's word boundary is ASCII; Java 17's \b also counts other letters as word characters.
        emit("(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))");
        return new Node(false, 1);
      }
      case 'B', 'A', 'z' -> {
        pos += 2;
        emit(
            c == 'B'
                ? "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))"
                : "\\" + c);
        return new Node(true, 1);
      }
      case 'p', 'P' -> {
        unicodeClass();
        return new Node(false, 1);
      }
      case 'Q' -> {
        int end = p.indexOf("\\E", pos + 2);
        boolean empty = end == pos + 2 || (end < 0 && pos + 2 == p.length());
        int stop = end < 0 ? p.length() : end;
        p.substring(pos + 2, stop).codePoints().forEach(this::emitLiteral);
        pos = end < 0 ? p.length() : end + 2;
        // A quoted run is one atom: a repetition after it repeats all of it.
        return new Node(empty, 1);
      }
      default -> {
        emitLiteral(literalEscape(esc));
        return new Node(false, 1);
      }
    }
  }

  /**
   * {@code \d}, {@code \s}, {@code \w} and their negations; RE2's {@code \s} has no vertical tab,
   * Java's has.
   */
  private void emitPerlClass(char c) {
    switch (c) {
      case 's' -> emit("[" + SPACE + "]");
      case 'S' -> emit("[^" + SPACE + "]");
      default -> emit("\\" + c);
    }
  }

  private void unicodeClass() {
    int esc = pos;
    boolean negated = p.charAt(pos + 1) == 'P';
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
        negated = !negated;
      }
    } else {
      name = String.valueOf(p.charAt(pos));
      pos++;
    }
    if (!CATEGORIES.contains(name) && !isScript(name)) {
      throw new Invalid(esc, "invalid character class range: unknown Unicode class '" + name + "'");
    }
    if (name.equals("Any")) {
      emit(negated ? "[^\\x{0}-\\x{10FFFF}]" : "[\\x{0}-\\x{10FFFF}]");
    } else {
      String javaName = CATEGORIES.contains(name) ? name : "Is" + name;
      emit((negated ? "\\P{" : "\\p{") + javaName + "}");
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
