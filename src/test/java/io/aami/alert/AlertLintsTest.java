package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.promql.Expr;
import io.aami.promql.PromQL;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertLintsTest {
  private static Expr tree(String q) {
    return PromQL.check(q).expr().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(strings = {"m > 90", "sum(m) > 1", "absent(m)", "m and on() vector(1)",
      "(m > 1) * 100", "m unless n", "count(m == 0) > 0 or absent(m)"})
  void conditionsAreRecognised(String q) {
    assertEquals(List.of(), AlertLints.noCondition(tree(q)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"m", "sum(rate(m[5m]))", "m * 100", "m > bool 1", "vector(1)", "m or n > 1"})
  void queriesWithoutAConditionAreWarned(String q) {
    assertEquals(1, AlertLints.noCondition(tree(q)).size(), q);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "sum by (group_id) (m) > 1 | mount | 'sum by (group_id)'",
      "sum(m) by (a) > 1 | mount | 'by (a)'",
      "sum without (mount) (m) > 1 | mount | 'sum without (mount)'",
      "m > on(a) n | mount | 'on(a)'",
      "count(m) > 1 | mount | 'count(m)'",
      "vector(1) | mount | 'vector(1)'"})
  void labelsTheQueryDropsAreNamedWithThePlace(String q, String label, String place) {
    List<FieldProblem> found = AlertLints.templateLabels("{{ $labels." + label + " }}", tree(q), q);
    assertEquals(1, found.size(), q);
    assertTrue(found.get(0).message().contains(place), found.get(0).message());
    assertEquals(3, found.get(0).offset(), "at the reference");
  }

  @ParameterizedTest
  @ValueSource(strings = {"m > 1", "sum by (mount) (m) > 1", "sum without (a) (m) > 1",
      "label_replace(sum(m), \"mount\", \"x\", \"\", \"\") > 1", "m * on(a) group_left(mount) n",
      "topk(3, m)", "rate(m[5m]) > 0"})
  void labelsTheQueryKeepsAreFine(String q) {
    assertEquals(List.of(), AlertLints.templateLabels("{{ $labels.mount }} {{ .Labels.mount }}", tree(q), q));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"rate(mount_check[1m]) > 0 | 1", "rate(mount_check[2m]) > 0 | 0",
      "rate(node_cpu_seconds_total[1m]) > 0 | 0", "changes({__name__=\"disk_usage\"}[90s]) > 0 | 1",
      "rate(up[30s]) > 0 | 0", "rate(aami_check_duration_seconds[1m]) > 0 | 0"})
  void shortRangesOverCheckMetricsAreWarned(String q, int warnings) {
    assertEquals(warnings, AlertLints.rangesTooShort(tree(q), 60_000, i -> i).size(), q);
  }
}
