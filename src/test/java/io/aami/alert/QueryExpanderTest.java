package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Code;
import io.aami.diag.Severity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryExpanderTest {
  private static final String HOSTILE = "a\"b\\c'd";

  /** A scope for group {@code gpu} ("gpu-cluster", for 2m) with the given parameter pairs. */
  static PlaceholderScope scope(Object... pairs) {
    Map<String, Object> params = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.put((String) pairs[i], pairs[i + 1]);
    }
    return PlaceholderScope.of("gpu", "gpu-cluster", "2m", params);
  }

  static String expr(String template, PlaceholderScope scope) {
    QueryExpander.Result r = QueryExpander.expand(template, scope);
    assertEquals(List.of(), r.problems(), "problems expanding " + template);
    return r.expr();
  }

  static FieldProblem onlyError(String template, PlaceholderScope scope) {
    QueryExpander.Result r = QueryExpander.expand(template, scope);
    assertNull(r.expr(), "no expr when expansion fails");
    List<FieldProblem> errors =
        r.problems().stream().filter(p -> p.severity() == Severity.ERROR).toList();
    assertEquals(1, errors.size(), () -> "one error expected: " + r.problems());
    return errors.get(0);
  }

  @Nested
  class Escaping {
    @Test
    void doubleQuotedEscapesBackslashAndDoubleQuoteOnly() {
      assertEquals("m{p=\"a\\\"b\\\\c'd\"}", expr("m{p=\"{{ .v }}\"}", scope("v", HOSTILE)));
    }

    @Test
    void singleQuotedEscapesBackslashAndSingleQuoteOnly() {
      assertEquals("m{p='a\"b\\\\c\\'d'}", expr("m{p='{{ .v }}'}", scope("v", HOSTILE)));
    }

    @Test
    void backtickLiteralTakesTheValueRaw() {
      assertEquals("m{p=`a\"b\\c'd`}", expr("m{p=`{{ .v }}`}", scope("v", HOSTILE)));
    }

    @Test
    void backtickInARawLiteralCannotBeWritten() {
      FieldProblem p = onlyError("m{p=`{{ .v }}`}", scope("v", "x`y"));
      assertEquals(Code.PLACEHOLDER, p.code());
      assertTrue(p.message().contains("backtick"), p.message());
    }

    @Test
    void lineBreaksAndControlCharactersAreEscapedInQuotedLiterals() {
      assertEquals(
          "m{p=\"a\\nb\\tc\\x01\"}", expr("m{p=\"{{ .v }}\"}", scope("v", "a\nb\tc\u0001")));
    }

    @Test
    void aValueCannotCloseItsLiteralAndAddMatchers() {
      String injected = "x\", evil=\"1";
      String e = expr("m{p=\"{{ .v }}\", group_id=\"{{ .group_id }}\"}", scope("v", injected));
      assertEquals("m{p=\"x\\\", evil=\\\"1\", group_id=\"gpu\"}", e);
      assertFalse(QueryInspection.selectsLabel(e, "evil"), "the value stays inside the literal");
    }

    @Test
    void regexMetacharactersAreKeptSoParametersCanBeRegexes() {
      assertEquals(
          "m{p=~\"/mnt/(a|b)\\\\d+\"}", expr("m{p=~\"{{ .v }}\"}", scope("v", "/mnt/(a|b)\\d+")));
    }

    @Test
    void builtInsAreRegexQuotedInRegexMatchersSoADottedGroupIdMatchesOnlyItself() {
      PlaceholderScope dotted = PlaceholderScope.of("edge.lab", "Edge.Lab", "2m", Map.of());
      assertEquals(
          "m{aami_groups=~\".*,edge\\\\.lab,.*\"}",
          expr("m{aami_groups=~\".*,{{ .group_id }},.*\"}", dotted));
      assertEquals(
          "m{group_name!~'Edge\\\\.Lab|x'}", expr("m{group_name!~'{{ .group_name }}|x'}", dotted));
      assertEquals("m{g=~`edge\\.lab`}", expr("m{g=~`{{ .group_id }}`}", dotted));
      assertEquals(
          "m{g=~ # why\n \"edge\\\\.lab\"}", expr("m{g=~ # why\n \"{{ .group_id }}\"}", dotted));
    }

    @Test
    void builtInsStayLiteralOutsideRegexMatchers() {
      PlaceholderScope dotted = PlaceholderScope.of("edge.lab", "Edge.Lab", "2m", Map.of());
      assertEquals(
          "m{group_id=\"edge.lab\", n!=\"Edge.Lab\"} # edge.lab",
          expr(
              "m{group_id=\"{{ .group_id }}\", n!=\"{{ .group_name }}\"} # {{ .group_id }}",
              dotted));
      assertEquals(
          "label_replace(m, \"g\", \"edge.lab\", \"\", \"\")",
          expr("label_replace(m, \"g\", \"{{ .group_id }}\", \"\", \"\")", dotted));
    }

    @Test
    void aPlaceholderEscapedByABackslashIsAnErrorNotLeftInTheQuery() {
      FieldProblem p = onlyError("m{p=\"\\{{ .v }}\"}", scope("v", "x"));
      assertEquals(
          "'{{ .v }}' at character 7 is escaped by the backslash before it and would reach"
              + " the query as text; remove the backslash",
          p.message());
      assertEquals(
          "m{p=\"a\\\\x\"}",
          expr("m{p=\"a\\\\{{ .v }}\"}", scope("v", "x")),
          "an escaped backslash escapes nothing after it");
      assertEquals(
          "m{p=`\\x`}", expr("m{p=`\\{{ .v }}`}", scope("v", "x")), "raw literals have no escapes");
    }

    @Test
    void regexQuotingCoversEveryRe2MetaCharacter() {
      assertEquals(
          "a\\.b\\+c\\*d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o-p,q/r",
          io.aami.promql.Escaping.quoteRegex("a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o-p,q/r"));
    }
  }

  @Nested
  class BareTokens {
    @ParameterizedTest
    @ValueSource(
        strings = {"70", "0.5", "-3", "1e3", "0x1F", "Inf", "NaN", "node_load1", "job:up:sum"})
    void numbersAndIdentifiersAreAllowed(String value) {
      assertEquals("m > " + value, expr("m > {{ .v }}", scope("v", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5m", "1h30m", "90s"})
    void durationsAreAllowedWhereTheQueryNeedsADuration(String value) {
      assertEquals(
          "rate(m[" + value + "] offset " + value + ")",
          expr("rate(m[{{ .v }}] offset {{ .v }})", scope("v", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5m", "1h30m"})
    void aDurationWhereTheQueryComparesWithANumberIsRefused(String value) {
      FieldProblem p = onlyError("m > {{ .t }}", scope("t", value));
      assertEquals(Code.PLACEHOLDER, p.code());
      assertTrue(p.message().contains("is a duration where the query needs a number"), p.message());
      assertEquals(4, p.offset(), "at the placeholder");
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "count_over_time(m[{{ .w }}])",
          "rate(m[{{ .w }}])",
          "m offset {{ .w }}",
          "max_over_time(max_over_time(m[5m])[{{ .w }}:])"
        })
    void aBareNumberWhereTheQueryNeedsADurationIsRefused(String template) {
      FieldProblem p = onlyError(template, scope("w", "1"));
      assertEquals(Code.PLACEHOLDER, p.code());
      assertTrue(
          p.message().contains("is a bare number where the query needs a duration"), p.message());
      assertEquals(template.indexOf("{{"), p.offset());
    }

    @ParameterizedTest
    @ValueSource(strings = {"(", "*", "a{2,1001}", "(a)\\1", "(?=x)"})
    void aRegexValueThatIsNotRe2IsRefused(String value) {
      FieldProblem p = onlyError("m{path=~\"{{ .p }}\"}", scope("p", value));
      assertEquals(Code.PROMQL, p.code());
      assertTrue(p.message().contains("invalid regular expression"), p.message());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"70 or vector(1)", "1) or (up", "x\"", "a{b=\"c\"}", "5m]", "", "1 # comment"})
    void anythingThatCouldChangeTheQueryIsRefused(String value) {
      FieldProblem p = onlyError("m > {{ .v }}", scope("v", value));
      assertEquals(Code.PLACEHOLDER, p.code());
      assertTrue(p.message().contains("would change the query's structure"), p.message());
    }

    @Test
    void numbersFromYamlAreWrittenTheWayPromqlReadsThem() {
      assertEquals("m > 70", expr("m > {{ .v }}", scope("v", 70L)));
      assertEquals("m > 70", expr("m > {{ .v }}", scope("v", 70.0)));
      assertEquals("m > 0.25", expr("m > {{ .v }}", scope("v", 0.25)));
      assertEquals("m > Inf", expr("m > {{ .v }}", scope("v", Double.POSITIVE_INFINITY)));
    }

    @Test
    void durationsWorkInRangeSelectors() {
      assertEquals("rate(m[5m])", expr("rate(m[{{.window}}])", scope("window", "5m")));
    }
  }

  @Nested
  class MatcherRemoval {
    @Test
    void firstMatcher() {
      assertEquals(
          "mount_check{group_id=\"gpu\"} == 0",
          expr("mount_check{path=\"{{.mount_path}}\", group_id=\"{{.group_id}}\"} == 0", scope()));
    }

    @Test
    void middleMatcher() {
      assertEquals("m{a=\"1\", c=\"3\"}", expr("m{a=\"1\", b=~\"{{ .b }}\", c=\"3\"}", scope()));
    }

    @Test
    void lastMatcher() {
      assertEquals("m{a=\"1\"}", expr("m{a=\"1\", b!=\"{{ .b }}\"}", scope()));
    }

    @Test
    void onlyMatcherLeavesTheMetricName() {
      assertEquals("absent(node_up) > 0", expr("absent(node_up{job=\"{{ .job }}\"}) > 0", scope()));
    }

    @Test
    void onlyMatcherWithSpaceBeforeTheBraces() {
      assertEquals("node_up == 0", expr("node_up {job=\"{{ .job }}\"} == 0", scope()));
    }

    @Test
    void trailingCommaAndSeveralRemovalsInOneSelector() {
      assertEquals(
          "m{c=\"gpu\", }", expr("m{a=\"{{.a}}\", c=\"{{.group_id}}\", b='{{.b}}', }", scope()));
      assertEquals("m", expr("m{a=\"{{.a}}\", b=\"{{.b}}\",}", scope()));
    }

    @Test
    void aRunOfRemovedMatchersTakesOneComma() {
      assertEquals("m{c=\"1\"}", expr("m{c=\"1\", a=\"{{.a}}\", b=\"{{.b}}\"}", scope()));
      assertEquals(
          "m{c=\"1\"}", expr("m{a=\"{{.a}}\", c=\"1\", b=\"{{.b}}\", d=~\"{{.d}}\"}", scope()));
      assertEquals(
          "m{c=\"1\", e=\"2\"}",
          expr("m{a='{{.a}}', c=\"1\", b=\"{{.b}}\" , d=\"{{.d}}\", e=\"2\"}", scope()));
    }

    @Test
    void eachSelectorLosesOnlyItsOwnMatchers() {
      assertEquals(
          "a / on (x) b{y=\"1\"}",
          expr("a{x=\"{{.x}}\"} / on (x) b{y=\"1\", z=\"{{.z}}\"}", scope()));
    }

    @Test
    void aProblemAfterRemovedMatchersIsPlacedInTheTemplate() {
      String template = "m{a=\"{{.a}}\", b=\"1\", c=\"{{.c}}\"} > > 1";
      FieldProblem p = onlyError(template, scope());
      assertEquals(Code.PROMQL, p.code());
      assertEquals(template.lastIndexOf("> 1"), p.offset(), p.message());
    }

    @Test
    void manyRemovedMatchersAreCutInOnePass() {
      StringBuilder template = new StringBuilder("m{");
      for (int i = 0; i < 20_000; i++) {
        template.append(i == 0 ? "" : ", ").append("l").append(i).append("=\"{{ .p").append(i);
        template.append(" }}\"");
      }
      QueryExpander.Result r = QueryExpander.expand(template.append("} > 0").toString(), scope());
      assertEquals("m > 0", r.expr());
      assertEquals(20_000, r.removedMatchers().size());
    }

    @Test
    void manyOpeningBracesWithoutACloseAreReadInOnePass() {
      String braces = "{".repeat(200_000);
      String template = "m{b=\"{{ .b }}\", a=\"" + braces + "\"} > 1";
      assertEquals("m{a=\"" + braces + "\"} > 1", expr(template, scope()));
    }

    @Test
    void aNullValueCountsAsNoValue() {
      assertEquals("m{a=\"1\"}", expr("m{a=\"1\", b=\"{{ .b }}\"}", scope("b", null)));
    }

    @Test
    void anEmptyStringIsAValueAndIsKept() {
      assertEquals("m{a=\"1\", b=\"\"}", expr("m{a=\"1\", b=\"{{ .b }}\"}", scope("b", "")));
    }

    @Test
    void aSelectorWithoutMetricNameCannotBecomeEmpty() {
      FieldProblem p = onlyError("{path=\"{{ .p }}\"} == 0", scope());
      assertEquals(Code.PLACEHOLDER, p.code());
      assertTrue(p.message().contains("no metric name"), p.message());
    }

    @Test
    void aPlaceholderThatIsOnlyPartOfTheValueIsAnError() {
      FieldProblem p = onlyError("m{p=~\"{{ .prefix }}/.*\"}", scope());
      assertTrue(p.message().startsWith("unknown placeholder 'prefix'"), p.message());
    }

    @Test
    void aMissingValueOutsideAMatcherIsAnError() {
      FieldProblem p = onlyError("m > {{ .threshold }}", scope("threshold", null));
      assertEquals(
          "placeholder 'threshold' has no value (set it in the rule's config or the"
              + " template's default_config)",
          p.message());
    }

    @Test
    void removingAMatcherWhoseNameLooksLikeATypoWarns() {
      QueryExpander.Result r =
          QueryExpander.expand("m{p=\"{{ .mount_pth }}\", q=\"1\"}", scope("mount_path", "/data"));
      assertEquals("m{q=\"1\"}", r.expr());
      assertEquals(1, r.problems().size());
      assertEquals(Severity.WARNING, r.problems().get(0).severity());
      assertTrue(r.problems().get(0).message().contains("did you mean 'mount_path'?"));
    }

    @Test
    void removedMatchersAreReported() {
      QueryExpander.Result r =
          QueryExpander.expand("m{a=\"{{.a}}\", b=\"{{.b}}\", c=\"1\"}", scope());
      assertEquals(List.of("a=\"{{.a}}\"", "b=\"{{.b}}\""), r.removedMatchers());
    }
  }

  @Nested
  class Errors {
    @Test
    void unknownPlaceholderNamesTheKnownOnesAndSuggests() {
      FieldProblem p = onlyError("m > {{ .treshold }}", scope("threshold", 5L));
      assertEquals(Code.PLACEHOLDER, p.code());
      assertEquals(
          "unknown placeholder 'treshold'; known placeholders: for_duration, group_id,"
              + " group_name, group_selector, threshold; did you mean 'threshold'?",
          p.message());
    }

    @Test
    void neverProducesNoValueText() {
      for (String t : List.of("m > {{ .x }}", "m{a=\"{{ .x }}x\"}", "m{a='x{{ .x }}'}")) {
        QueryExpander.Result r = QueryExpander.expand(t, scope());
        assertNull(r.expr(), t);
        assertTrue(r.problems().stream().noneMatch(p -> p.message().contains("<no value>")));
      }
    }

    @Test
    void prometheusTemplateSyntaxInExprIsAnError() {
      QueryExpander.Result r =
          QueryExpander.expand("m{p=\"{{ $labels.path }}\"} > {{ .Value }}", scope());
      assertNull(r.expr());
      assertEquals(
          List.of(
              "'{{ $labels.path }}' at character 6 is not an aami placeholder {{ .name }}; Prometheus does"
                  + " not expand templates in expr, so it would reach the query as text",
              "'{{ .Value }}' at character 29 is not an aami placeholder {{ .name }}; Prometheus does"
                  + " not expand templates in expr, so it would reach the query as text"),
          r.problems().stream().map(FieldProblem::message).toList());
    }

    @Test
    void listParametersCannotReplaceAPlaceholder() {
      FieldProblem p = onlyError("m{p=\"{{ .mounts }}\"}", scope("mounts", List.of("/a", "/b")));
      assertTrue(p.message().contains("is a list"), p.message());
    }

    @Test
    void brokenQueriesAreReportedAsPromql() {
      FieldProblem p = onlyError("rate(m{a=\"{{ .group_id }}\"}[5m]", scope());
      assertEquals(Code.PROMQL, p.code());
      assertTrue(
          p.message().contains("to close the call to \"rate\" opened at character 5"), p.message());
      assertEquals(
          "rate(m{a=\"{{ .group_id }}\"}[5m]".length(), p.offset(), "at the end of the template");
    }

    @Test
    void commentsTakeAnyValueWithoutLineBreak() {
      assertEquals(
          "m > 1 # for gpu-cluster \"x\"",
          expr("m > 1 # for {{ .group_name }} {{ .v }}", scope("v", "\"x\"")));
      FieldProblem p = onlyError("m > 1 # {{ .v }}", scope("v", "a\nor vector(1)"));
      assertTrue(p.message().contains("line break"), p.message());
    }
  }

  @Test
  void builtInsAreAvailable() {
    assertEquals(
        "m{g=\"gpu\", n=\"gpu-cluster\"} offset 2m",
        expr(
            "m{g=\"{{ .group_id }}\", n=\"{{.group_name}}\"} offset {{ .for_duration }}", scope()));
  }

  @Test
  void builtInsWinOverParametersOfTheSameName() {
    assertEquals("m{g=\"gpu\"}", expr("m{g=\"{{ .group_id }}\"}", scope("group_id", "other")));
  }

  @Test
  void scopeKnowsBuiltInsAndParameters() {
    PlaceholderScope s = scope("a", null);
    assertEquals(
        List.of("a", "for_duration", "group_id", "group_name", "group_selector"),
        Arrays.asList(s.known().toArray()));
  }
}
