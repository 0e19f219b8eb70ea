package io.aami.promql;

/**
 * One lexical token. {@code value} is the unquoted content of a string and otherwise the text; an
 * {@link Kind#ERROR} token carries the lexer's message in {@code value} and ends the stream.
 */
record Token(Kind kind, int start, int end, String text, String value, String keyword) {
  Token(Kind kind, int start, int end, String text, String value) {
    this(kind, start, end, text, value, keywordOf(kind, text));
  }

  enum Kind {
    IDENTIFIER,
    METRIC_IDENTIFIER,
    LABEL_NAME,
    NUMBER,
    DURATION,
    STRING,
    LEFT_PAREN,
    RIGHT_PAREN,
    LEFT_BRACE,
    RIGHT_BRACE,
    LEFT_BRACKET,
    RIGHT_BRACKET,
    COMMA,
    COLON,
    AT,
    ADD,
    SUB,
    MUL,
    DIV,
    MOD,
    POW,
    EQL,
    EQLC,
    NEQ,
    LSS,
    LTE,
    GTR,
    GTE,
    EQL_REGEX,
    NEQ_REGEX,
    /** A hole of a query template ({@link QueryTemplate}), with the name characters glued to it. */
    HOLE,
    EOF,
    ERROR
  }

  Span span() {
    return new Span(start, end);
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** The keyword an identifier is (lower case; PromQL keywords ignore case), or "". */
  private static String keywordOf(Kind kind, String text) {
    if (kind != Kind.IDENTIFIER || text.length() > 12) {
      return "";
    }
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    return Keywords.ALL.contains(lower) ? lower : "";
  }

  /**
   * How a message names this token: {@code end of input}, {@code identifier "foo"}, {@code '('}.
   */
  String describe() {
    return switch (kind) {
      case EOF -> "end of input";
      case IDENTIFIER, METRIC_IDENTIFIER, LABEL_NAME ->
          keyword().isEmpty() ? "identifier \"" + text + "\"" : "keyword '" + text + "'";
      case NUMBER -> "number " + text;
      case DURATION -> "duration " + text;
      case STRING -> "string " + shorten(text);
      default -> "'" + text + "'";
    };
  }

  private static String shorten(String s) {
    return s.length() <= 24 ? s : s.substring(0, 20) + "...";
  }
}
