package io.aami.alert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A structural check of an expanded expr: not a PromQL parser (promtool is the authority), but it
 * catches what a bad template or value most often breaks: unterminated string literals,
 * unbalanced or mismatched brackets, empty selectors {@code {}}, and an empty query.
 */
public final class PromqlSanity {
  private PromqlSanity() {}

  /** Human-readable problems, empty when the expr looks well-formed. */
  public static List<String> check(String expr) {
    List<String> problems = new ArrayList<>();
    List<PromqlToken> tokens = PromqlLexer.structuralTokens(expr);
    if (tokens.isEmpty()) {
      problems.add("the query is empty");
      return problems;
    }
    Deque<PromqlToken> open = new ArrayDeque<>();
    // After the first bracket or quote mistake every later pairing is off; report only the first.
    boolean bracketsBroken = false;
    for (int i = 0; i < tokens.size(); i++) {
      PromqlToken t = tokens.get(i);
      if (bracketsBroken && !t.is(PromqlToken.Type.STRING)) {
        continue;
      }
      switch (t.type()) {
        case STRING -> {
          if (!t.terminated()) {
            problems.add("string literal at character " + (t.start() + 1) + " is not closed");
            bracketsBroken = true;
          }
        }
        case LEFT_BRACE, LEFT_PAREN, LEFT_BRACKET -> open.push(t);
        case RIGHT_BRACE, RIGHT_PAREN, RIGHT_BRACKET -> {
          if (open.isEmpty()) {
            problems.add("'" + t.text() + "' at character " + (t.start() + 1) + " closes nothing");
            bracketsBroken = true;
          } else if (closer(open.peek()) != t.text().charAt(0)) {
            PromqlToken o = open.pop();
            problems.add("'" + o.text() + "' at character " + (o.start() + 1) + " is closed by '"
                + t.text() + "' at character " + (t.start() + 1));
            bracketsBroken = true;
          } else {
            PromqlToken o = open.pop();
            boolean empty = i > 0 && tokens.get(i - 1) == o;
            boolean named = i > 1 && tokens.get(i - 2).is(PromqlToken.Type.IDENTIFIER);
            if (t.is(PromqlToken.Type.RIGHT_BRACE) && empty && !named) {
              problems.add("empty selector '{}' at character " + (o.start() + 1)
                  + "; a selector needs a metric name or a matcher");
            }
          }
        }
        default -> { }
      }
    }
    for (PromqlToken o : bracketsBroken ? new ArrayDeque<PromqlToken>() : open) {
      problems.add("'" + o.text() + "' at character " + (o.start() + 1) + " is never closed");
    }
    return problems;
  }

  private static char closer(PromqlToken open) {
    return switch (open.type()) {
      case LEFT_BRACE -> '}';
      case LEFT_PAREN -> ')';
      default -> ']';
    };
  }
}
