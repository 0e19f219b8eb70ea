package io.aami.gotemplate;

import io.aami.gotemplate.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a Go {@code text/template} text into its actions the way Go's lexer does: <code>{{</code>
 * opens an action (with <code>"{{- "</code> trimming), a <code>}}</code> inside a quoted string,
 * raw string or character constant does not close it, <code>{{/* ... *&#47;}}</code> is a comment.
 * Linear in the text. Stops at the first lexical error, as Go does.
 */
public final class GoTemplateLexer {
  static final Set<String> KEYWORDS =
      Set.of(
          "block", "break", "continue", "define", "else", "end", "if", "range", "template", "with");

  /** The actions of a text, and the lexical error that ended the scan, if any. */
  public record Result(List<Action> actions, TemplateProblem problem) {}

  private final String text;
  private int pos;

  private GoTemplateLexer(String text) {
    this.text = text;
  }

  public static Result lex(String text) {
    return new GoTemplateLexer(text).run();
  }

  private Result run() {
    List<Action> actions = new ArrayList<>();
    int open = text.indexOf("{{");
    while (open >= 0) {
      pos = open + 2;
      if (text.startsWith("-", pos) && pos + 1 < text.length() && isSpace(text.charAt(pos + 1))) {
        pos += 2;
      }
      try {
        actions.add(action(open));
      } catch (LexError e) {
        return new Result(actions, new TemplateProblem(e.offset, e.getMessage()));
      }
      open = text.indexOf("{{", pos);
    }
    return new Result(actions, null);
  }

  private Action action(int open) {
    skipSpace();
    if (text.startsWith("/*", pos)) {
      int close = text.indexOf("*/", pos + 2);
      if (close < 0) {
        throw new LexError(open, "unclosed comment");
      }
      pos = close + 2;
      if (!closesHere()) {
        throw new LexError(open, "comment ends before closing delimiter");
      }
      return new Action(open, pos, true, List.of());
    }
    List<Token> tokens = new ArrayList<>();
    int depth = 0;
    while (true) {
      if (pos >= text.length()) {
        throw new LexError(open, "unclosed action");
      }
      int before = pos;
      if (closesHere()) {
        if (depth > 0) {
          throw new LexError(before, "unclosed left paren");
        }
        return new Action(open, pos, false, tokens);
      }
      Token token = token();
      if (token.is(Kind.LEFT_PAREN)) {
        depth++;
      } else if (token.is(Kind.RIGHT_PAREN) && --depth < 0) {
        throw new LexError(token.offset(), "unexpected right paren");
      }
      tokens.add(token);
    }
  }

  /** At a closing delimiter (<code>}}</code> or {@code " -}}"}): consumes it. */
  private boolean closesHere() {
    if (pos < text.length() && isSpace(text.charAt(pos)) && text.startsWith("-}}", pos + 1)) {
      pos += 4;
      return true;
    }
    if (text.startsWith("}}", pos)) {
      pos += 2;
      return true;
    }
    return false;
  }

  private Token token() {
    int start = pos;
    char c = text.charAt(pos);
    if (isSpace(c)) {
      skipSpace();
      return new Token(Kind.SPACE, text.substring(start, pos), start);
    }
    switch (c) {
      case '"' -> {
        return quoted(start, '"', Kind.STRING, "unterminated quoted string");
      }
      case '\'' -> {
        return quoted(start, '\'', Kind.CHAR, "unterminated character constant");
      }
      case '`' -> {
        int close = text.indexOf('`', pos + 1);
        if (close < 0) {
          throw new LexError(start, "unterminated raw quoted string");
        }
        pos = close + 1;
        return new Token(Kind.STRING, text.substring(start, pos), start);
      }
      case '(' -> {
        pos++;
        return new Token(Kind.LEFT_PAREN, "(", start);
      }
      case ')' -> {
        pos++;
        return new Token(Kind.RIGHT_PAREN, ")", start);
      }
      case '|' -> {
        pos++;
        return new Token(Kind.PIPE, "|", start);
      }
      case ',' -> {
        pos++;
        return new Token(Kind.COMMA, ",", start);
      }
      case '=' -> {
        pos++;
        return new Token(Kind.ASSIGN, "=", start);
      }
      case ':' -> {
        if (!text.startsWith(":=", pos)) {
          throw new LexError(start, "expected :=");
        }
        pos += 2;
        return new Token(Kind.DECLARE, ":=", start);
      }
      case '$' -> {
        pos++;
        word();
        return new Token(Kind.VARIABLE, text.substring(start, pos), start);
      }
      case '.' -> {
        if (pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1))) {
          return number(start);
        }
        pos++;
        if (word() == 0) {
          return new Token(Kind.DOT, ".", start);
        }
        return new Token(Kind.FIELD, text.substring(start, pos), start);
      }
      default -> {
        if (c == '+' || c == '-' || Character.isDigit(c)) {
          return number(start);
        }
        if (isWordChar(c)) {
          word();
          String word = text.substring(start, pos);
          Kind kind =
              KEYWORDS.contains(word)
                  ? Kind.KEYWORD
                  : word.equals("true") || word.equals("false")
                      ? Kind.BOOL
                      : word.equals("nil") ? Kind.NIL : Kind.IDENTIFIER;
          return new Token(kind, word, start);
        }
        throw new LexError(start, "unrecognized character in action: " + printable(c));
      }
    }
  }

  private Token quoted(int start, char quote, Kind kind, String unterminated) {
    pos++;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\') {
        pos += 2;
        continue;
      }
      if (c == '\n') {
        break;
      }
      pos++;
      if (c == quote) {
        return new Token(kind, text.substring(start, pos), start);
      }
    }
    throw new LexError(start, unterminated);
  }

  /** Go's number syntax, loosely: a sign, then digits, letters, '.', '_' and exponent signs. */
  private Token number(int start) {
    if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
      pos++;
    }
    int digitsStart = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      char previous = text.charAt(pos - 1);
      boolean exponentSign = (c == '+' || c == '-') && "eEpP".indexOf(previous) >= 0;
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign)) {
        break;
      }
      pos++;
    }
    String number = text.substring(start, pos);
    if (pos == digitsStart
        || !number.matches(
            "[+-]?(0[xX][0-9a-fA-F_]+(\\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[bB][01_]+|0[oO][0-7_]+"
                + "|([0-9][0-9_]*)?(\\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?")
        || !number.matches(".*[0-9].*")) {
      throw new LexError(start, "illegal number syntax: \"" + number + "\"");
    }
    return new Token(Kind.NUMBER, number, start);
  }

  private int word() {
    int start = pos;
    while (pos < text.length() && isWordChar(text.charAt(pos))) {
      pos++;
    }
    return pos - start;
  }

  private void skipSpace() {
    while (pos < text.length() && isSpace(text.charAt(pos))) {
      pos++;
    }
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private static String printable(char c) {
    return c < 0x20 || c == 0x7f ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }

  private static final class LexError extends RuntimeException {
    private final int offset;

    LexError(int offset, String message) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }
}
