package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.promql.Expr;
import io.aami.promql.PromQL;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertLintsTest {
  private static Expr tree(String q) {
    return PromQL.check(q).expr().orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "m > 90",
        "sum(m) > 1",
        "absent(m)",
        "m and on() vector(1)",
        "(m > 1) * 100",
        "m unless n",
        "count(m == 0) > 0 or absent(m)",
        // heartbeats fire always on purpose (Watchdog, DeadMansSwitch)
        "vector(1)",
        "vector(1) * 2",
        "time() > 0",
        "absent_over_time(up{job=\"cert-manager\"}[10m])",
        // kube-state-metrics style: the label value is the condition
        "kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\"}",
        "sum by (namespace, pod) (kube_pod_status_phase{phase=~\"Pending|Unknown\"})",
        "max_over_time(kube_job_status_failed{job=\"kube-state-metrics\", condition=\"true\"}[5m])"
      })
  void conditionsAreRecognised(String q) {
    assertEquals(List.of(), AlertLints.noCondition(tree(q)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "m",
        "sum(rate(m[5m]))",
        "m * 100",
        "m > bool 1",
        "m or n > 1",
        // matchers that only pick targets do not filter
        "up{job=\"node\", instance=~\".+\"}",
        "m{group_id=\"gpu\", namespace=\"x\"}",
        "rate(m{mode=~\".*\"}[5m])"
      })
  void queriesWithoutAConditionAreWarned(String q) {
    assertEquals(1, AlertLints.noCondition(tree(q)).size(), q);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "sum by (group_id) (m) > 1 | mount | 'sum by (group_id)'",
        "sum(m) by (a) > 1 | mount | 'by (a)'",
        "sum without (mount) (m) > 1 | mount | 'sum without (mount)'",
        "m > on(a) n | mount | 'on(a)'",
        "count(m) > 1 | mount | 'count(m)'",
        "vector(1) | mount | 'vector(1)'"
      })
  void labelsTheQueryDropsAreNamedWithThePlace(String q, String label, String place) {
    List<FieldProblem> found = AlertLints.templateLabels("{{ $labels." + label + " }}", tree(q), q);
    assertEquals(1, found.size(), q);
    assertTrue(found.get(0).message().contains(place), found.get(0).message());
    assertEquals(3, found.get(0).offset(), "at the reference");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "m > 1",
        "sum by (mount) (m) > 1",
        "sum without (a) (m) > 1",
        "label_replace(sum(m), \"mount\", \"x\", \"\", \"\") > 1",
        "m * on(a) group_left(mount) n",
        "topk(3, m)",
        "rate(m[5m]) > 0"
      })
  void labelsTheQueryKeepsAreFine(String q) {
    assertEquals(
        List.of(),
        AlertLints.templateLabels("{{ $labels.mount }} {{ .Labels.mount }}", tree(q), q));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "rate(mount_check[1m]) > 0 | 1",
        "rate(mount_check[2m]) > 0 | 0",
        "rate(node_cpu_seconds_total[1m]) > 0 | 0",
        "changes({__name__=\"disk_usage\"}[90s]) > 0 | 1",
        "rate(up[30s]) > 0 | 0",
        "rate(aami_check_duration_seconds[1m]) > 0 | 0"
      })
  void shortRangesOverDeclaredCheckMetricsAreWarned(String q, int warnings) {
    Set<String> declared = Set.of("mount_check", "disk_usage");
    assertEquals(warnings, AlertLints.rangesTooShort(tree(q), 60_000, i -> i, declared).size(), q);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rate(haproxy_backend_http_responses_total[1m]) > 0",
        "sum(rate(apiserver_request_total{code=~\"5..\"}[1m])) > 1",
        "rate(loki_request_duration_seconds_count[30s]) > 0",
        "rate(mount_check[1m]) > 0"
      })
  void metricsNoCheckDeclaresAreNeverWarned(String q) {
    assertEquals(List.of(), AlertLints.rangesTooShort(tree(q), 60_000, i -> i, Set.of()), q);
    assertEquals(
        List.of(),
        AlertLints.rangesTooShort(tree(q), 60_000, i -> i, Set.of("node_cpu_seconds_total")),
        q);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{ range query \"topk(3, up)\" }}{{ .Labels.job }} {{ $labels.mount }}{{ end }}",
        "{{- range $i, $s := query \"up == 0\" }}{{ $s.Labels.job }}{{ .Labels.job }}{{ end -}}",
        "{{ with query \"sum by (job) (up)\" }}{{ . | first | label \"job\" }}{{ .Labels.job }}{{ end }}",
        "{{ range query \"up\" | sortByLabel \"job\" }}{{ if .Labels.job }}{{ .Labels.job }}{{ end }}{{ end }}"
      })
  void labelsInsideBlocksOverQueryResultsAreTheResultsLabels(String text) {
    String q = "count(m) > 1";
    assertEquals(List.of(), AlertLints.templateLabels(text, tree(q), q), text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{ if gt $value 1.0 }}{{ $labels.mount }}{{ end }}",
        "{{ range query \"up\" }}{{ .Labels.job }}{{ end }} on {{ $labels.mount }}",
        "{{ with $labels }}{{ .mount }}{{ end }}{{ .Labels.mount }}"
      })
  void labelsOutsideQueryBlocksAreStillChecked(String text) {
    String q = "count(m) > 1";
    assertEquals(1, AlertLints.templateLabels(text, tree(q), q).size(), text);
  }
}
