package io.aami.promql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query with holes: text that becomes a query once each hole is filled in. The caller says what a
 * hole is ({@link Holes}), so this package knows nothing of the template language. Read by the
 * query lexer in its tolerant mode (a template need not be a valid query yet), it tells for each
 * hole where it stands, and which label matchers have a lone hole as their value, with the
 * characters around it that go with it when it is removed. Linear in the template's length.
 */
public final class QueryTemplate {
  /** Where holes are: the end of the hole starting at {@code at}, or -1 when none starts there. */
  @FunctionalInterface
  public interface Holes {
    int end(String text, int at);
  }

  /** What a hole's value becomes part of, so it can be written for it. */
  public enum Place {
    /** Query code: the value is a token of its own (or part of a name glued to it). */
    CODE,
    /** A string literal. */
    STRING,
    /** The string literal of a {@code =~} or {@code !~} matcher: a regular expression. */
    REGEX,
    /** A {@code #} comment. */
    COMMENT
  }

  /**
   * One hole, in template offsets; {@code quote} is the literal's quote character ({@code "},
   * {@code '} or a backtick) for {@link Place#STRING} and {@link Place#REGEX}, else {@code \0}.
   */
  public record Hole(Span span, Place place, char quote) {}

  /**
   * A matcher {@code label op "hole"} whose quoted value is exactly one hole.
   *
   * @param matcher from the label name to the closing quote
   * @param hole the hole
   * @param throughComma when a comma follows: where the token after that comma starts (or the
   *     comma's end when none does), so {@code [matcher.start, throughComma)} removes the matcher
   *     with it; else -1
   * @param fromComma when a comma precedes: where the token before that comma ends, so {@code
   *     [fromComma, matcher.end)} removes the matcher with it; else -1
   */
  public record HoleMatcher(Span matcher, Span hole, int throughComma, int fromComma) {
    /** What removing this matcher alone deletes: with the comma after it, else the one before. */
    public Span removal() {
      if (throughComma >= 0) {
        return new Span(matcher.start(), throughComma);
      }
      return fromComma >= 0 ? new Span(fromComma, matcher.end()) : matcher;
    }
  }

  /**
   * One selector's braces.
   *
   * @param open offset of its '{'
   * @param close offset after its '}', or -1 when the template ends inside it
   * @param nameEnd offset after the metric name written before the braces, or -1 when none is
   * @param empty true for {@code {}}: closed with nothing between the braces
   * @param holeMatchers its matchers whose value is a lone hole, in order
   * @param others the tokens between the braces that are not part of {@code holeMatchers} (commas,
   *     other matchers), in order: the selector is left empty when all of them go with the hole
   *     matchers
   */
  public record Selector(
      int open,
      int close,
      int nameEnd,
      boolean empty,
      List<HoleMatcher> holeMatchers,
      List<Span> others) {
    public Selector {
      holeMatchers = List.copyOf(holeMatchers);
      others = List.copyOf(others);
    }
  }

  private final List<Hole> holes;
  private final List<Selector> selectors;

  private QueryTemplate(List<Hole> holes, List<Selector> selectors) {
    this.holes = List.copyOf(holes);
    this.selectors = List.copyOf(selectors);
  }

  public static QueryTemplate read(String text, Holes holes) {
    List<Hole> found = new ArrayList<>();
    List<Token> tokens = new ArrayList<>(Lexer.template(text, holes, found));
    tokens.remove(tokens.size() - 1); // EOF
    Map<Integer, Hole> byStart = new HashMap<>();
    found.forEach(h -> byStart.put(h.span().start(), h));
    List<Selector> selectors = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (tokens.get(i).is(Token.Kind.LEFT_BRACE)) {
        selectors.add(selector(text, tokens, i, byStart));
      }
    }
    return new QueryTemplate(found, selectors);
  }

  /** Every hole the template's reading reached, in order. */
  public List<Hole> holes() {
    return holes;
  }

  /** Every selector's braces, in order. */
  public List<Selector> selectors() {
    return selectors;
  }

  private static Selector selector(
      String text, List<Token> t, int brace, Map<Integer, Hole> holes) {
    Token before = brace > 0 ? t.get(brace - 1) : null;
    int nameEnd =
        before != null
                && (before.is(Token.Kind.IDENTIFIER) || before.is(Token.Kind.METRIC_IDENTIFIER))
            ? before.end()
            : -1;
    List<HoleMatcher> matchers = new ArrayList<>();
    List<Span> others = new ArrayList<>();
    int i = brace + 1;
    for (; i < t.size() && !t.get(i).is(Token.Kind.RIGHT_BRACE); i++) {
      others.add(t.get(i).span());
      if (i - 3 >= brace && t.get(i).is(Token.Kind.STRING)) {
        Optional<HoleMatcher> m = holeMatcher(text, t, i, holes);
        if (m.isPresent()) {
          matchers.add(m.get());
          others.subList(others.size() - 3, others.size()).clear();
        }
      }
    }
    int close = i < t.size() ? t.get(i).end() : -1;
    return new Selector(
        t.get(brace).start(), close, nameEnd, close >= 0 && i == brace + 1, matchers, others);
  }

  /** The matcher ending in string token {@code i}, when it is {@code label op "hole"}. */
  private static Optional<HoleMatcher> holeMatcher(
      String text, List<Token> t, int i, Map<Integer, Hole> holes) {
    Token value = t.get(i);
    Token op = t.get(i - 1);
    Token label = t.get(i - 2);
    Token before = t.get(i - 3);
    Hole hole = holes.get(value.start() + 1);
    boolean lone =
        hole != null
            && hole.span().end() == value.end() - 1
            && text.charAt(value.end() - 1) == hole.quote();
    if (!lone
        || !isMatchOperator(op)
        || !label.is(Token.Kind.LABEL_NAME)
        || !(before.is(Token.Kind.LEFT_BRACE) || before.is(Token.Kind.COMMA))) {
      return Optional.empty();
    }
    Token after = i + 1 < t.size() ? t.get(i + 1) : null;
    int throughComma =
        after == null || !after.is(Token.Kind.COMMA)
            ? -1
            : i + 2 < t.size() ? t.get(i + 2).start() : after.end();
    int fromComma = before.is(Token.Kind.COMMA) ? t.get(i - 4).end() : -1;
    return Optional.of(
        new HoleMatcher(
            new Span(label.start(), value.end()), hole.span(), throughComma, fromComma));
  }

  private static boolean isMatchOperator(Token t) {
    return t.is(Token.Kind.EQL)
        || t.is(Token.Kind.NEQ)
        || t.is(Token.Kind.EQL_REGEX)
        || t.is(Token.Kind.NEQ_REGEX);
  }
}
