package io.aami.alert;

import java.util.List;
import java.util.Set;

/**
 * A lexical token of a PromQL query template. String literals and comments carry the aami
 * placeholders found inside them, so each can be substituted with the escaping its context needs.
 *
 * @param start offset of the first character
 * @param end offset just after the last character
 * @param inner placeholders inside a STRING or COMMENT token (empty for other types)
 * @param terminated false for a string literal that runs into a newline or the end of the text
 */
public record PromqlToken(
    Type type, int start, int end, String text, List<TemplateAction> inner, boolean terminated) {

  public enum Type {
    IDENTIFIER,
    NUMBER,
    /** A string literal including its quotes; see {@link #quote()}. */
    STRING,
    /** An aami placeholder outside any string literal or comment. */
    PLACEHOLDER,
    COMMENT,
    LEFT_BRACE,
    RIGHT_BRACE,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    OPERATOR,
    OTHER
  }

  private static final Set<String> MATCH_OPERATORS = Set.of("=", "!=", "=~", "!~");

  public PromqlToken {
    inner = List.copyOf(inner);
  }

  /** An operator that can sit between a label name and its value in a selector. */
  public boolean isMatchOperator() {
    return type == Type.OPERATOR && MATCH_OPERATORS.contains(text);
  }

  /** {@code =~} or {@code !~}: the string after it is a regular expression. */
  public boolean isRegexMatchOperator() {
    return type == Type.OPERATOR && (text.equals("=~") || text.equals("!~"));
  }

  /** The quote character of a STRING token: {@code "}, {@code '} or a backtick. */
  public char quote() {
    return text.charAt(0);
  }

  public boolean is(Type other) {
    return type == other;
  }
}
