package io.aami.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectedSeriesTest {
  private static List<String> metrics(String query) {
    return SelectedSeries.of(query).stream().map(s -> s.metric().orElse("?")).toList();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "mount_check{path=\"/data\"} == 0 | mount_check",
        "sum by (le, job) (rate(lat_bucket[5m])) | lat_bucket",
        "sum(rate(lat_bucket[5m])) by (le) | lat_bucket",
        "sum without (instance) (x) | x",
        "a > bool 1 and on (instance) group_left (path) b unless c | a b c",
        "rate(x[5m:1m] offset 1h) | x",
        "x @ start() | x",
        "max_over_time(x[1h]) > Inf or y < NaN | x y",
        "topk(3, x) | x",
        "a * on (x) group_left b | a b",
        "a / ignoring (x) group_right () b | a b",
        "count_values(\"value\", x) | x",
        "label_replace(up, \"dst\", \"$1\", \"src\", \"(.*)\") | up",
        "{__name__=\"mount_check\", path=\"/\"} | mount_check",
        "{\"my.metric\", path=\"/\"} | my.metric",
        "{job=\"node\"} | ?",
        "ns:rule:rate5m > 0 | ns:rule:rate5m",
        "histogram_quantile(0.9, sum by (le) (rate(x_bucket[10m]))) | x_bucket",
      })
  void findsEverySelectedMetricAndNothingElse(String query, String expected) {
    assertEquals(List.of(expected.split(" ")), metrics(query));
  }

  @Test
  void commentsSelectNothing() {
    assertEquals(List.of("x", "y"), metrics("x # a comment naming not_a_metric\n> y"));
  }

  @Test
  void matchersAreReadWithTheirOperatorsValuesAndOffsets() {
    String query = "mount_check{path=\"/a\\\"b\", device=~'sd.*', rack!=``}";
    SelectedSeries.Selector selector = SelectedSeries.of(query).get(0);

    assertEquals(Optional.of("mount_check"), selector.metric());
    assertEquals(0, selector.start());
    assertEquals(
        List.of(
            new SelectedSeries.Matcher("path", "=", "/a\"b", 12),
            new SelectedSeries.Matcher("device", "=~", "sd.*", query.indexOf("device")),
            new SelectedSeries.Matcher("rack", "!=", "", query.indexOf("rack"))),
        selector.matchers());
  }

  @ParameterizedTest(name = "{0}{1}\"{2}\" matches an absent label: {3}")
  @CsvSource({
    "l, =, '', true",
    "l, =, x, false",
    "l, !=, '', false",
    "l, !=, x, true",
    "l, =~, '.*', true",
    "l, =~, 'sd.*', false",
    "l, !~, '.*', false",
    "l, !~, 'x', true",
    "l, =~, '(', true",
  })
  void matchesEmptyFollowsTheOperator(String label, String op, String value, boolean expected) {
    assertEquals(expected, new SelectedSeries.Matcher(label, op, value, 0).matchesEmpty());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "a{,3}   ; false",
        "(?i)x|  ; true",
        "x*      ; true",
      })
  void regexesAreReadAsRe2NotAsJavaRegexes(String regex, boolean matchesEmpty) {
    // RE2 reads "a{,3}" as the literal text; Java refuses it, which used to count as matching "".
    assertEquals(
        matchesEmpty, new SelectedSeries.Matcher("l", "=~", regex.strip(), 0).matchesEmpty());
  }

  @Test
  void aQueryThatDoesNotParseSelectsNothing() {
    assertTrue(metrics("x{path=\"/a").isEmpty());
    assertTrue(metrics("sum(").isEmpty());
    assertTrue(metrics("x{").isEmpty());
  }

  @Test
  void aLongQueryTakesLinearTime() {
    StringBuilder query = new StringBuilder("a{");
    for (int i = 0; i < 50_000; i++) {
      query.append(i == 0 ? "" : ", ").append("l").append(i).append("=\"v\"");
    }
    List<SelectedSeries.Selector> selectors = SelectedSeries.of(query.append('}').toString());
    assertEquals(1, selectors.size());
    assertEquals(50_000, selectors.get(0).matchers().size());
  }
}
