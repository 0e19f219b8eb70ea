package io.aami.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small PromQL tokenizer: enough to know, for every aami placeholder, whether it sits inside a
 * double-quoted, single-quoted or backtick string literal, a comment, or plain code, and to find
 * label matchers and selector braces. It never fails: malformed input yields tokens, and the
 * expanded query is then parsed by {@link io.aami.promql.PromQL}, which reports what is wrong.
 */
public final class PromqlLexer {
  private static final String OPERATOR_CHARS = "=!<>~+-*/%^@";

  private final String text;
  private int pos;

  private PromqlLexer(String text) {
    this.text = text;
  }

  /** All tokens of {@code text}; whitespace is skipped. */
  public static List<PromqlToken> tokenize(String text) {
    return new PromqlLexer(text).run();
  }

  /** The tokens that shape the query: comments dropped. */
  public static List<PromqlToken> structuralTokens(String text) {
    return tokenize(text).stream().filter(t -> !t.is(PromqlToken.Type.COMMENT)).toList();
  }

  private List<PromqlToken> run() {
    List<PromqlToken> tokens = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
        continue;
      }
      Optional<TemplateAction> placeholder = TemplateAction.placeholderAt(text, pos);
      if (placeholder.isPresent()) {
        TemplateAction p = placeholder.get();
        tokens.add(token(PromqlToken.Type.PLACEHOLDER, pos, p.end(), List.of(p), true));
        pos = p.end();
      } else if (c == '"' || c == '\'' || c == '`') {
        tokens.add(string(c));
      } else if (c == '#') {
        tokens.add(comment());
      } else if (isIdentifierStart(c)) {
        int start = pos;
        while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
          pos++;
        }
        tokens.add(token(PromqlToken.Type.IDENTIFIER, start, pos, List.of(), true));
      } else if (Character.isDigit(c)
          || (c == '.' && pos + 1 < text.length() && Character.isDigit(text.charAt(pos + 1)))) {
        tokens.add(number());
      } else if (OPERATOR_CHARS.indexOf(c) >= 0) {
        int start = pos;
        while (pos < text.length() && OPERATOR_CHARS.indexOf(text.charAt(pos)) >= 0) {
          pos++;
        }
        tokens.add(token(PromqlToken.Type.OPERATOR, start, pos, List.of(), true));
      } else {
        tokens.add(token(punctuation(c), pos, pos + 1, List.of(), true));
        pos++;
      }
    }
    return tokens;
  }

  private static PromqlToken.Type punctuation(char c) {
    return switch (c) {
      case '{' -> PromqlToken.Type.LEFT_BRACE;
      case '}' -> PromqlToken.Type.RIGHT_BRACE;
      case '(' -> PromqlToken.Type.LEFT_PAREN;
      case ')' -> PromqlToken.Type.RIGHT_PAREN;
      case '[' -> PromqlToken.Type.LEFT_BRACKET;
      case ']' -> PromqlToken.Type.RIGHT_BRACKET;
      case ',' -> PromqlToken.Type.COMMA;
      default -> PromqlToken.Type.OTHER;
    };
  }

  /** A string literal; backslash escapes the next character except in backtick (raw) strings. */
  private PromqlToken string(char quote) {
    int start = pos;
    pos++;
    List<TemplateAction> inner = new ArrayList<>();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      Optional<TemplateAction> placeholder = TemplateAction.placeholderAt(text, pos);
      if (placeholder.isPresent()) {
        inner.add(placeholder.get());
        pos = placeholder.get().end();
      } else if (c == quote) {
        pos++;
        return token(PromqlToken.Type.STRING, start, pos, inner, true);
      } else if (quote != '`' && c == '\n') {
        return token(PromqlToken.Type.STRING, start, pos, inner, false);
      } else if (quote != '`' && c == '\\') {
        pos = Math.min(text.length(), pos + 2);
      } else {
        pos++;
      }
    }
    return token(PromqlToken.Type.STRING, start, pos, inner, false);
  }

  private PromqlToken comment() {
    int start = pos;
    List<TemplateAction> inner = new ArrayList<>();
    while (pos < text.length() && text.charAt(pos) != '\n') {
      Optional<TemplateAction> placeholder = TemplateAction.placeholderAt(text, pos);
      if (placeholder.isPresent()) {
        inner.add(placeholder.get());
        pos = placeholder.get().end();
      } else {
        pos++;
      }
    }
    return token(PromqlToken.Type.COMMENT, start, pos, inner, true);
  }

  /** Numbers and durations: digits, letters, dots, and a signed exponent. */
  private PromqlToken number() {
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isLetterOrDigit(c) || c == '.' || c == '_') {
        pos++;
      } else if ((c == '+' || c == '-')
          && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')
          && !text.startsWith("0x", start)
          && !text.startsWith("0X", start)) {
        pos++;
      } else {
        break;
      }
    }
    return token(PromqlToken.Type.NUMBER, start, pos, List.of(), true);
  }

  private PromqlToken token(
      PromqlToken.Type type, int start, int end, List<TemplateAction> inner, boolean terminated) {
    return new PromqlToken(type, start, end, text.substring(start, end), inner, terminated);
  }

  static boolean isIdentifierStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
  }

  static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }
}
