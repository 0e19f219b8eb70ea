package io.aami.gotemplate;

import java.util.List;

/**
 * One {@code {{ ... }}} of a template text: {@code start} at its <code>{{</code>, {@code end} just
 * after its <code>}}</code>, the tokens of its body (a comment has none).
 */
public record Action(int start, int end, boolean comment, List<Token> tokens) {
  public Action {
    tokens = List.copyOf(tokens);
  }

  /** The action as written in {@code text}. */
  public String text(String text) {
    return text.substring(start, end);
  }
}
