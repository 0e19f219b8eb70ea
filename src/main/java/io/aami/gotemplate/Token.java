package io.aami.gotemplate;

/** One lexical item inside an action, with its offset in the whole template text. */
record Token(Kind kind, String text, int offset) {
  enum Kind {
    SPACE,
    IDENTIFIER,
    KEYWORD,
    BOOL,
    NIL,
    FIELD,
    VARIABLE,
    DOT,
    NUMBER,
    STRING,
    CHAR,
    LEFT_PAREN,
    RIGHT_PAREN,
    PIPE,
    DECLARE,
    ASSIGN,
    COMMA
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** How Go's parser names the item in its messages: {@code <.>}, {@code ")"}. */
  String quoted() {
    return switch (kind) {
      case KEYWORD, DOT, FIELD, VARIABLE, IDENTIFIER -> "<" + text + ">";
      default -> "\"" + text + "\"";
    };
  }
}
