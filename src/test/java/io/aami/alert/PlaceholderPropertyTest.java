package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.gotemplate.Action;
import io.aami.gotemplate.GoTemplateLexer;
import io.aami.promql.Expr;
import io.aami.promql.PromQL;
import io.aami.promql.Span;
import io.aami.promql.Trees;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the values, a rendered label or annotation holds no Prometheus action that a value
 * created or took part in, and a value in a PromQL string literal stays inside that literal. The
 * oracle is independent of the checks under test: it substitutes the values itself, remembers where
 * each one lands, and lexes the result.
 */
class PlaceholderPropertyTest {
  private static final List<String> NAMES = List.of("a", "b", "c");

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.strings().withChars("{}$.\"'`\\ -|()ab/*").ofMaxLength(12);
  }

  @Provide
  Arbitrary<List<String>> pieces() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(
                "{{ .a }}", "{{ .b }}", "{{.c}}", "{{ $labels.instance }}", "{{ $value }}"),
            Arbitraries.strings().withChars("{} $.\"x").ofMaxLength(3));
    return piece.list().ofMinSize(1).ofMaxSize(8);
  }

  /** The template with each placeholder replaced, and where each value landed. */
  private record Substituted(String text, List<int[]> valueSpans) {}

  private static Substituted substitute(String template, Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    List<int[]> spans = new ArrayList<>();
    int copied = 0;
    for (TemplateAction action : TemplateAction.scan(template)) {
      if (action.isPlaceholder()) {
        out.append(template, copied, action.start());
        String value = values.get(action.placeholder().orElseThrow());
        spans.add(new int[] {out.length(), out.length() + value.length()});
        out.append(value);
        copied = action.end();
      }
    }
    out.append(template, copied, template.length());
    return new Substituted(out.toString(), spans);
  }

  @Property(seed = "9")
  void noValueCreatesOrJoinsAPrometheusAction(
      @ForAll("pieces") List<String> pieces,
      @ForAll @Size(3) List<@net.jqwik.api.From("values") String> values) {
    String template = String.join("", pieces);
    Map<String, Object> parameters = new LinkedHashMap<>();
    Map<String, String> texts = new LinkedHashMap<>();
    for (int i = 0; i < NAMES.size(); i++) {
      parameters.put(NAMES.get(i), values.get(i));
      texts.put(NAMES.get(i), values.get(i));
    }
    PlaceholderScope scope = PlaceholderScope.of("web", "web", "5m", parameters);

    TextExpander.Result result = TextExpander.expand(template, scope);

    if (result.text() == null) {
      return; // refused: nothing is rendered
    }
    Substituted expected = substitute(template, texts);
    assertEquals(expected.text(), result.text());
    GoTemplateLexer.Result lexed = GoTemplateLexer.lex(result.text());
    assertEquals(null, lexed.problem(), () -> "rendered an unparsable template: " + result.text());
    for (Action action : lexed.actions()) {
      for (int[] span : expected.valueSpans()) {
        boolean overlaps = span[0] < action.end() && action.start() < span[1];
        assertTrue(
            !overlaps,
            () ->
                "a value is part of the action "
                    + action.text(result.text())
                    + " in "
                    + result.text());
      }
    }
  }

  @Property(seed = "11")
  void aValueInAPromqlStringStaysInThatString(
      @ForAll("values") String value, @ForAll("quotes") String quote) {
    String template = "m{path=" + quote + "{{ .a }}" + quote + "} == 0";
    PlaceholderScope scope = PlaceholderScope.of("web", "web", "5m", Map.of("a", value));

    QueryExpander.Result result = QueryExpander.expand(template, scope);

    if (result.expr() == null) {
      return;
    }
    Expr tree = PromQL.check(result.expr()).expr().orElseThrow();
    List<Expr.VectorSelector> selectors = Trees.selectors(tree);
    assertEquals(1, selectors.size(), () -> "the value left its literal: " + result.expr());
    List<Expr.Matcher> matchers = selectors.get(0).matchers();
    assertEquals(1, matchers.size(), () -> "the value left its literal: " + result.expr());
    Span literal = matchers.get(0).valueSpan();
    assertEquals("m{path=", result.expr().substring(0, literal.start()), result.expr());
    assertEquals("} == 0", result.expr().substring(literal.end()), result.expr());
    assertEquals(value, matchers.get(0).value(), result.expr());
  }

  @Provide
  Arbitrary<String> quotes() {
    return Arbitraries.of("\"", "'", "`");
  }
}
