package io.aami.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A query template is read as a query with holes: each hole gets the place it stands in, matchers
 * whose value is a lone hole get the characters that remove them, and reading never stops at a
 * character that is not yet valid PromQL.
 */
class QueryTemplateTest {
  /** Holes written {@code <name>}: this package knows no template language of its own. */
  private static final QueryTemplate.Holes ANGLES =
      (text, at) -> {
        if (text.charAt(at) != '<') {
          return -1;
        }
        int close = text.indexOf('>', at);
        return close > at + 1 ? close + 1 : -1;
      };

  private static String places(String template) {
    StringBuilder out = new StringBuilder();
    for (QueryTemplate.Hole hole : QueryTemplate.read(template, ANGLES).holes()) {
      out.append(out.isEmpty() ? "" : " ")
          .append(template, hole.span().start(), hole.span().end())
          .append(':')
          .append(hole.place());
      if (hole.quote() != '\0') {
        out.append(hole.quote());
      }
    }
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '\0',
      value = {
        "m{a=\"<x>\"} > <t> | <x>:STRING\" <t>:CODE",
        "m{a=~'<x>', b!~\"p<y>\"} | <x>:REGEX' <y>:REGEX\"",
        "m{a=`<x>`} | <x>:STRING`",
        "m # about <c>¶> <t> | <c>:COMMENT <t>:CODE",
        "rate(m[<w>]) offset <o> | <w>:CODE <o>:CODE",
        "rate(m[<n>m:<s>]) | <n>:CODE <s>:CODE",
        "x_<s>_total{<l>=\"v\"} | <s>:CODE <l>:CODE",
        "m{a=\"\\<x>\"} > <t> | <t>:CODE",
        "m{a=\"x\\\\<y>\"} | <y>:STRING\"",
        "m $ ] } > <t> | <t>:CODE",
        "m{a=\"unterminated <x>¶} > <t> | <x>:STRING\" <t>:CODE",
        "m =~ \"<x>\" | <x>:STRING\"",
      })
  void everyHoleGetsThePlaceItStandsIn(String template, String expected) {
    assertEquals(expected, places(template.replace('¶', '\n')));
  }

  private static String removed(String template) {
    StringBuilder out = new StringBuilder();
    for (QueryTemplate.Selector s : QueryTemplate.read(template, ANGLES).selectors()) {
      for (QueryTemplate.HoleMatcher m : s.holeMatchers()) {
        Span r = m.removal();
        out.append(out.isEmpty() ? "" : " | ")
            .append(template, 0, r.start())
            .append(template, r.end(), template.length());
      }
    }
    return out.toString();
  }

  @Test
  void aLoneHoleMatcherIsRemovedWithOneSeparatingComma() {
    assertEquals("m{b=\"1\"}", removed("m{a=\"<x>\", b=\"1\"}"));
    assertEquals("m{b=\"1\"}", removed("m{b=\"1\" , a=\"<x>\"}"));
    assertEquals("m{b=\"1\", c=\"2\"}", removed("m{b=\"1\", a!~'<x>', c=\"2\"}"));
    assertEquals("m{}", removed("m{a=`<x>`}"));
    assertEquals("m{b=\"1\"} > 0", removed("m{b=\"1\", # why\n a=\"<x>\"} > 0"));
  }

  @Test
  void onlyAWholeQuotedValueIsALoneHole() {
    assertEquals("", removed("m{a=\"p<x>\"}"));
    assertEquals("", removed("m{a=\"<x><y>\"}"));
    assertEquals("", removed("m{\"a\"=\"<x>\"}"));
    assertEquals("", removed("m{a=\"<x>\n}"));
    assertEquals("", removed("m{<l>=\"<x>\"}"));
  }

  @Test
  void aSelectorKnowsItsNameAndWhetherItIsEmpty() {
    List<QueryTemplate.Selector> s =
        QueryTemplate.read("ns:m{} + x_<s>{a=\"1\"} + <p>_total{} + {", ANGLES).selectors();
    assertEquals(4, s.size());
    assertEquals(new QueryTemplate.Selector(4, 6, 4, true, List.of(), List.of()), s.get(0));
    assertEquals(-1, s.get(1).nameEnd(), "a name ending in a hole is not written");
    assertEquals(false, s.get(1).empty());
    assertEquals(new QueryTemplate.Selector(33, 35, 33, true, List.of(), List.of()), s.get(2));
    assertEquals(new QueryTemplate.Selector(38, -1, -1, false, List.of(), List.of()), s.get(3));
  }

  @Test
  void withoutHolesATemplateIsAQuery() {
    QueryTemplate t = QueryTemplate.read("m{a=\"<x>\"} > 1", (text, at) -> -1);
    assertEquals(List.of(), t.holes());
    assertEquals(List.of(), t.selectors().get(0).holeMatchers());
  }

  @Test
  void aLongTemplateIsReadInOnePass() {
    StringBuilder template = new StringBuilder("m{");
    for (int i = 0; i < 50_000; i++) {
      template
          .append(i == 0 ? "" : ", ")
          .append("l")
          .append(i)
          .append("=\"<v")
          .append(i)
          .append(">\"");
    }
    QueryTemplate t = QueryTemplate.read(template.append("} > <t>").toString(), ANGLES);
    assertEquals(50_001, t.holes().size());
    assertEquals(50_000, t.selectors().get(0).holeMatchers().size());
  }
}
