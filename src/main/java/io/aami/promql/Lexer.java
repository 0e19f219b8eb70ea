package io.aami.promql;

import io.aami.promql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a query into tokens with their offsets, in one pass. Like Prometheus's lexer it is modal:
 * inside {@code {...}} words are label names (never keywords, never with a colon), inside {@code
 * [...]} only numbers, durations and one colon may appear. The first lexical error ends the stream
 * with an {@link Kind#ERROR} token, which the parser reports when it reaches it.
 *
 * <p>A query template ({@link #template}) is read tolerantly instead: the text between holes is not
 * yet the query, so an error skips one character and reading goes on, string escapes are not
 * checked, and each hole is recorded with the place it stands in (code, string, regex, comment). A
 * hole glued to name characters ({@code x_{{ .s }}_total}) is one word with them.
 */
final class Lexer {
  private final String src;
  private final List<Token> tokens = new ArrayList<>();

  /** Null for a query; for a template, where holes start and end. */
  private final QueryTemplate.Holes holes;

  private final List<QueryTemplate.Hole> found = new ArrayList<>();
  private int pos;
  private boolean inBraces;
  private boolean inBrackets;
  private boolean sawColon;

  private Lexer(String src, QueryTemplate.Holes holes) {
    this.src = src;
    this.holes = holes;
  }

  static List<Token> lex(String src) {
    Lexer lexer = new Lexer(src, null);
    lexer.run();
    return lexer.tokens;
  }

  /** A template's tokens (no {@link Kind#ERROR}) and, in {@code found}, its holes in order. */
  static List<Token> template(
      String src, QueryTemplate.Holes holes, List<QueryTemplate.Hole> found) {
    Lexer lexer = new Lexer(src, holes);
    lexer.run();
    found.addAll(lexer.found);
    return lexer.tokens;
  }

  private boolean tolerant() {
    return holes != null;
  }

  /** The end of the hole starting at {@code at}, or -1 when none does. */
  private int holeEnd(int at) {
    if (holes == null) {
      return -1;
    }
    int end = holes.end(src, at);
    return end > at && end <= src.length() ? end : -1;
  }

  private void hole(int start, int end, QueryTemplate.Place place, char quote) {
    found.add(new QueryTemplate.Hole(new Span(start, end), place, quote));
  }

  private void run() {
    while (true) {
      skipSpaceAndComments();
      if (pos >= src.length()) {
        if (tolerant()) {
          tokens.add(new Token(Kind.EOF, pos, pos, "", ""));
        } else if (inBraces) {
          error(pos, "unexpected end of input inside braces: expected '}'");
        } else if (inBrackets) {
          error(pos, "unexpected end of input inside brackets: expected ']'");
        } else {
          tokens.add(new Token(Kind.EOF, pos, pos, "", ""));
        }
        return;
      }
      if (holeEnd(pos) > 0) {
        holeWord();
        continue;
      }
      boolean ok = inBraces ? insideBraces() : inBrackets ? insideBrackets() : statement();
      if (!ok) {
        return;
      }
    }
  }

  private void skipSpaceAndComments() {
    while (pos < src.length()) {
      char c = src.charAt(pos);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        pos++;
      } else if (c == '#') {
        while (pos < src.length() && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
          int end = holeEnd(pos);
          if (end > 0) {
            hole(pos, end, QueryTemplate.Place.COMMENT, '\0');
            pos = end;
          } else {
            pos++;
          }
        }
      } else {
        return;
      }
    }
  }

  private boolean statement() {
    int start = pos;
    char c = src.charAt(pos);
    switch (c) {
      case ',' -> emit(Kind.COMMA, 1);
      case '*' -> emit(Kind.MUL, 1);
      case '/' -> emit(Kind.DIV, 1);
      case '%' -> emit(Kind.MOD, 1);
      case '+' -> emit(Kind.ADD, 1);
      case '-' -> emit(Kind.SUB, 1);
      case '^' -> emit(Kind.POW, 1);
      case '@' -> emit(Kind.AT, 1);
      case '(' -> emit(Kind.LEFT_PAREN, 1);
      case ')' -> emit(Kind.RIGHT_PAREN, 1);
      case '=' -> {
        if (peek(1) == '=') {
          emit(Kind.EQLC, 2);
        } else if (peek(1) == '~') {
          return error(
              start, "'=~' is a label matcher and belongs inside {...}; compare values with '=='");
        } else {
          emit(Kind.EQL, 1);
        }
      }
      case '!' -> {
        if (peek(1) != '=') {
          return error(start, "unexpected character after '!': expected '='");
        }
        emit(Kind.NEQ, 2);
      }
      case '<' -> emit(peek(1) == '=' ? Kind.LTE : Kind.LSS, peek(1) == '=' ? 2 : 1);
      case '>' -> emit(peek(1) == '=' ? Kind.GTE : Kind.GTR, peek(1) == '=' ? 2 : 1);
      case '{' -> {
        emit(Kind.LEFT_BRACE, 1);
        inBraces = true;
      }
      case '}' -> {
        return error(start, "unexpected '}': no selector '{' is open");
      }
      case '[' -> {
        emit(Kind.LEFT_BRACKET, 1);
        inBrackets = true;
        sawColon = false;
      }
      case ']' -> {
        return error(start, "unexpected ']': no '[' is open");
      }
      case '"', '\'', '`' -> {
        return tolerant() ? templateString(c) : c == '`' ? rawString() : string(c);
      }
      default -> {
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
          return numberOrDuration();
        }
        if (isAlpha(c) || c == ':') {
          word();
          return true;
        }
        return error(start, "unexpected character " + quoteChar(start));
      }
    }
    return true;
  }

  private boolean insideBraces() {
    int start = pos;
    char c = src.charAt(pos);
    switch (c) {
      case ',' -> emit(Kind.COMMA, 1);
      case '}' -> {
        emit(Kind.RIGHT_BRACE, 1);
        inBraces = false;
      }
      case '=' -> emit(peek(1) == '~' ? Kind.EQL_REGEX : Kind.EQL, peek(1) == '~' ? 2 : 1);
      case '!' -> {
        if (peek(1) == '~') {
          emit(Kind.NEQ_REGEX, 2);
        } else if (peek(1) == '=') {
          emit(Kind.NEQ, 2);
        } else {
          return error(start, "unexpected character after '!' inside braces: expected '=' or '~'");
        }
      }
      case '"', '\'', '`' -> {
        return tolerant() ? templateString(c) : c == '`' ? rawString() : string(c);
      }
      case '{' -> {
        return error(start, "unexpected '{' inside braces");
      }
      default -> {
        if (isAlpha(c)) {
          while (pos < src.length() && isAlphaNumeric(src.charAt(pos))) {
            pos++;
          }
          add(Kind.LABEL_NAME, start);
          return true;
        }
        if (c == ':') {
          return error(
              start,
              "unexpected ':' inside braces: a label name cannot contain a colon;"
                  + " quote it (\"a:b\") if it is meant");
        }
        return error(
            start,
            "unexpected character "
                + quoteChar(start)
                + " inside braces: expected a label name, a matcher operator, a quoted value, ',' or '}'");
      }
    }
    return true;
  }

  private boolean insideBrackets() {
    int start = pos;
    char c = src.charAt(pos);
    if (c == ']') {
      emit(Kind.RIGHT_BRACKET, 1);
      inBrackets = false;
      return true;
    }
    if (c == ':') {
      if (sawColon) {
        return error(start, "unexpected second ':' in subquery brackets");
      }
      sawColon = true;
      emit(Kind.COLON, 1);
      return true;
    }
    if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
      return numberOrDuration();
    }
    if (c == '-' || c == '+') {
      return error(
          start,
          "unexpected '"
              + c
              + "' in brackets: a range or subquery step must be a"
              + " positive duration such as 5m");
    }
    return error(
        start,
        "unexpected character "
            + quoteChar(start)
            + " in brackets: expected a duration such as 5m, ':' or ']'");
  }

  /** A word outside braces: keyword, identifier, metric name (with colons), or Inf/NaN. */
  private void word() {
    int start = pos;
    while (pos < src.length() && (isAlphaNumeric(src.charAt(pos)) || src.charAt(pos) == ':')) {
      pos++;
    }
    String text = src.substring(start, pos);
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.equals("inf") || lower.equals("nan")) {
      add(Kind.NUMBER, start);
    } else if (text.indexOf(':') >= 0) {
      add(Kind.METRIC_IDENTIFIER, start);
    } else {
      add(Kind.IDENTIFIER, start);
    }
  }

  /**
   * A number ({@code 1}, {@code .5}, {@code 1e3}, {@code 0x1f}, {@code 1_000}) or a duration
   * ({@code 5m}, {@code 1h30m}); which units and orders are valid is decided by the parser, so that
   * {@code 1h1h} gets a message about durations rather than "bad number".
   */
  private boolean numberOrDuration() {
    int start = pos;
    if (scanNumber()) {
      add(Kind.NUMBER, start);
      return true;
    }
    if (scanRestOfDuration()) {
      add(Kind.DURATION, start);
      return true;
    }
    int end = pos;
    while (end < src.length() && (isAlphaNumeric(src.charAt(end)) || src.charAt(end) == '.')) {
      end++;
    }
    return error(
        start,
        "bad number or duration \""
            + src.substring(start, end)
            + "\": expected a number such as 1.5, 1e3 or 0x1f, or a duration such as 5m or 1h30m");
  }

  /** Prometheus's number shape; leaves {@code pos} where the shape broke when it returns false. */
  private boolean scanNumber() {
    int initial = pos;
    String digits = "0123456789";
    if (peek(0) == '0' && (peek(1) == 'x' || peek(1) == 'X')) {
      pos += 2;
      if (peek(0) == '_') {
        pos++;
      }
      digits = "0123456789abcdefABCDEF";
    }
    boolean hex = digits.length() > 10;
    accept(".");
    accept(digits);
    boolean dot = false;
    boolean exponent = false;
    while (pos < src.length() && (digits + "._eE").indexOf(src.charAt(pos)) >= 0) {
      char c = src.charAt(pos);
      if (c == '.') {
        if (dot || hex) {
          pos++;
          return false;
        }
        dot = true;
        pos++;
        if (accept("_.")) {
          return false;
        }
      } else if ((c == 'e' || c == 'E') && !hex) {
        if (exponent) {
          pos++;
          return false;
        }
        exponent = true;
        pos++;
        accept("+-");
        if (accept("._eE") || pos >= src.length()) {
          return false;
        }
      } else if (c == '_') {
        pos++;
        if (accept("._eE") || pos >= src.length()) {
          return false;
        }
      } else {
        while (pos < src.length() && digits.indexOf(src.charAt(pos)) >= 0) {
          pos++;
        }
      }
    }
    return pos != initial && !isAlphaNumeric(peek(0));
  }

  private boolean scanRestOfDuration() {
    if (!accept("smhdwy")) {
      return false;
    }
    accept("s");
    while (accept("0123456789")) {
      while (accept("0123456789")) {
        // the rest of the number
      }
      if (!accept("smhdw")) {
        return false;
      }
      accept("s");
    }
    return !isAlphaNumeric(peek(0));
  }

  /**
   * A hole and the name characters and holes glued to it: one {@link Kind#IDENTIFIER} when it ends
   * in written name characters (so {@code {{ .prefix }}_total{...}} names its selector), else a
   * {@link Kind#HOLE}.
   */
  private void holeWord() {
    int start = pos;
    boolean endsInName = false;
    while (pos < src.length()) {
      int end = holeEnd(pos);
      if (end > 0) {
        hole(pos, end, QueryTemplate.Place.CODE, '\0');
        pos = end;
        endsInName = false;
      } else if (isAlphaNumeric(src.charAt(pos)) || src.charAt(pos) == ':') {
        pos++;
        endsInName = true;
      } else {
        break;
      }
    }
    add(endsInName ? Kind.IDENTIFIER : Kind.HOLE, start);
  }

  /**
   * A string literal of a template: holes inside it recorded with its quote, a backslash taking the
   * next character whatever it is (so {@code \{{ .x }}} is no hole), an unterminated one ending at
   * the line break.
   */
  private boolean templateString(char quote) {
    int start = pos;
    Token last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1);
    QueryTemplate.Place place =
        last != null && (last.is(Kind.EQL_REGEX) || last.is(Kind.NEQ_REGEX))
            ? QueryTemplate.Place.REGEX
            : QueryTemplate.Place.STRING;
    pos++;
    while (pos < src.length()) {
      int end = holeEnd(pos);
      char c = src.charAt(pos);
      if (end > 0) {
        hole(pos, end, place, quote);
        pos = end;
      } else if (c == quote) {
        pos++;
        break;
      } else if (quote != '`' && c == '\n') {
        break;
      } else {
        pos += quote != '`' && c == '\\' ? 2 : 1;
      }
    }
    pos = Math.min(pos, src.length());
    add(Kind.STRING, start);
    return true;
  }

  /** A '...' or "..." literal with Go's escapes; its value is the unescaped text. */
  private boolean string(char quote) {
    int start = pos;
    pos++;
    StringBuilder value = new StringBuilder();
    while (true) {
      if (pos >= src.length() || src.charAt(pos) == '\n') {
        return error(start, "unterminated string literal: expected the closing " + quote);
      }
      char c = src.charAt(pos);
      if (c == quote) {
        pos++;
        tokens.add(new Token(Kind.STRING, start, pos, src.substring(start, pos), value.toString()));
        return true;
      }
      if (c != '\\') {
        value.append(c);
        pos++;
        continue;
      }
      int escape = pos;
      pos++;
      if (pos >= src.length()) {
        return error(escape, "escape sequence not terminated");
      }
      char e = src.charAt(pos++);
      switch (e) {
        case 'a' -> value.append('\u0007');
        case 'b' -> value.append('\b');
        case 'f' -> value.append('\f');
        case 'n' -> value.append('\n');
        case 'r' -> value.append('\r');
        case 't' -> value.append('\t');
        case 'v' -> value.append('\u000b');
        case '\\' -> value.append('\\');
        case '0', '1', '2', '3', '4', '5', '6', '7' -> {
          pos--;
          if (!numericEscape(escape, 3, 8, 255, value)) {
            return false;
          }
        }
        case 'x' -> {
          if (!numericEscape(escape, 2, 16, 255, value)) {
            return false;
          }
        }
        case 'u' -> {
          if (!numericEscape(escape, 4, 16, Character.MAX_CODE_POINT, value)) {
            return false;
          }
        }
        case 'U' -> {
          if (!numericEscape(escape, 8, 16, Character.MAX_CODE_POINT, value)) {
            return false;
          }
        }
        default -> {
          if (e == quote) {
            value.append(e);
          } else {
            return error(
                escape,
                "unknown escape sequence \\"
                    + e
                    + " in a "
                    + quote
                    + "-quoted string: valid are \\a \\b \\f \\n \\r \\t \\v \\\\ \\"
                    + quote
                    + " \\NNN \\xNN \\uNNNN \\UNNNNNNNN");
          }
        }
      }
    }
  }

  private boolean numericEscape(int escape, int digits, int base, int max, StringBuilder value) {
    long x = 0;
    for (int i = 0; i < digits; i++) {
      if (pos >= src.length()) {
        return error(escape, "escape sequence not terminated");
      }
      int d = Character.digit(src.charAt(pos), base);
      if (d < 0) {
        return error(pos, "illegal character " + quoteChar(pos) + " in escape sequence");
      }
      x = x * base + d;
      pos++;
    }
    if (x > max || (x >= 0xD800 && x < 0xE000)) {
      return error(escape, "escape sequence is an invalid Unicode code point");
    }
    if (base == 16 && digits > 2) {
      value.appendCodePoint((int) x);
    } else {
      value.append((char) x);
    }
    return true;
  }

  private boolean rawString() {
    int start = pos;
    int close = src.indexOf('`', pos + 1);
    if (close < 0) {
      return error(start, "unterminated raw string: expected the closing `");
    }
    pos = close + 1;
    tokens.add(
        new Token(
            Kind.STRING, start, pos, src.substring(start, pos), src.substring(start + 1, close)));
    return true;
  }

  private boolean accept(String valid) {
    if (pos < src.length() && valid.indexOf(src.charAt(pos)) >= 0) {
      pos++;
      return true;
    }
    return false;
  }

  private char peek(int ahead) {
    return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
  }

  private void emit(Kind kind, int length) {
    int start = pos;
    pos += length;
    add(kind, start);
  }

  private void add(Kind kind, int start) {
    String text = src.substring(start, pos);
    tokens.add(new Token(kind, start, pos, text, text));
  }

  /** Ends a query's token stream; in a template, skips the character and reads on. */
  private boolean error(int at, String message) {
    if (tolerant()) {
      pos = Math.max(pos, at + 1);
      return true;
    }
    tokens.add(new Token(Kind.ERROR, at, Math.min(src.length(), at + 1), "", message));
    return false;
  }

  private String quoteChar(int at) {
    int cp = src.codePointAt(at);
    if (cp < 0x20 || cp == 0x7f) {
      return String.format("U+%04X", cp);
    }
    return "'" + new String(Character.toChars(cp)) + "'";
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlphaNumeric(char c) {
    return isAlpha(c) || isDigit(c);
  }
}
