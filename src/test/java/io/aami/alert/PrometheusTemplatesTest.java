package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.gotemplate.TemplateProblem;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Label and annotation templates checked as Prometheus parses them, and cross-checked with
 * promtool.
 */
class PrometheusTemplatesTest {
  @TempDir Path dir;

  static final List<String> ACCEPTED =
      List.of(
          "plain text",
          "{{ $labels.x }}",
          "{{ .Foo.bar }}",
          "{{ \"}}\" }}",
          "{{/* c */}}",
          "{{- /* c */ -}}",
          "{{ $x := 1 }}{{ $x }}",
          "{{ range $i, $e := .Labels }}{{ $i }}{{ break }}{{ end }}",
          "{{ humanize $value | printf \"%s\" }}",
          "{{ (query \"up\") | first | value }}",
          "{{ $labels.x.y }}",
          "{{ . }}",
          "{{ 1 2 }}",
          "{{- $value -}}",
          "{{ $ }}",
          "{{ template \"x\" }}",
          "{{ define \"x\" }}a{{ end }}",
          "{{ nil }}",
          "{{ 0x1F }}",
          "{{ 1e3 }}",
          "{{ -1 }}",
          "{{ .Labels.x | toUpper }}",
          "{{ $labels | len }}",
          "{{ (1) }}",
          "{{ $value = 1 }}",
          "{{ if gt $value 80.0 }}high{{ else if lt $value 1.0 }}low{{ else }}ok{{ end }}",
          "{{ with $labels.instance }}{{ . }}{{ end }}",
          "{{ range query \"up\" }}{{ .Labels.job }}{{ end }}",
          "{{ `raw }} string` }}",
          "{{ if $x := 1 }}{{ $x }}{{ end }}",
          "{{ index $labels \"job\" }}",
          "{{\n$value\n}}",
          "{{ 'a' }}",
          "{{ block \"b\" . }}x{{ end }}",
          "{{ range . }}{{ continue }}{{ end }}",
          "{{ $value | }}",
          "{{ $labels.instance | reReplaceAll \":.*\" \"\" }}",
          "{{ externalURL }}{{ $externalURL }}");

  static final List<String> REFUSED =
      List.of(
          "{{ $nope }}",
          "{{ $labels. }}",
          "{{ foo }}",
          "{{ if true }}x",
          "{{ end }}",
          "{{ if true }}{{ $y := 1 }}{{ end }}{{ $y }}",
          "{{ break }}",
          "{{}}",
          "{{ $value ) }}",
          "{{-$value}}",
          "{{ with $labels }}{{ else with $value }}{{ end }}",
          "{{ ( }}",
          "{{ \"unterminated }}",
          "{{ $value",
          "{{ 1 | 2 }}",
          "{{ if }}",
          "{{ else }}",
          "{{ /* c */ x }}",
          "{{ 1x }}",
          "{{ $value | | }}",
          "{{ template x }}",
          "{{ range $a, $b, $c := . }}{{ end }}",
          "{{ $z = 1 }}",
          "{{ # }}",
          "{{ if true }}{{ define \"x\" }}{{ end }}{{ end }}",
          "{{ nil.x }}",
          "{{ \"a\".b }}",
          "{{ define \"x\" }}{{ $labels }}{{ end }}",
          "{{ range . }}{{ else if true }}{{ end }}");

  @Test
  void acceptsWhatPrometheusAccepts() {
    for (String text : ACCEPTED) {
      assertEquals(Optional.empty(), PrometheusTemplates.check(text), text);
    }
  }

  @Test
  void refusesWhatPrometheusRefuses() {
    List<String> accepted = new ArrayList<>();
    for (String text : REFUSED) {
      if (PrometheusTemplates.check(text).isEmpty()) {
        accepted.add(text);
      }
    }
    assertEquals(List.of(), accepted);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      value = {
        "{{ $nope }}|3|undefined variable \"$nope\"",
        "{{ $labels. }}|10|unexpected <.> in operand",
        "x {{ humanise $value }}|5|function \"humanise\" not defined",
        "{{ if true }}x|14|unexpected EOF",
        "a{{ end }}|4|unexpected {{end}}",
        "{{ break }}|3|{{break}} outside {{range}}"
      })
  void problemsNameTheirOffsetAndGosMessage(String text, int offset, String message) {
    assertEquals(
        Optional.of(new TemplateProblem(offset, message)), PrometheusTemplates.check(text));
  }

  /**
   * promtool (the real Go parser with Prometheus's functions) agrees on every case, when installed.
   */
  @Test
  void promtoolAgrees() throws Exception {
    if (Tools.onPath("promtool").isEmpty()) {
      return; // the unit cases above still ran; promtool absent: nothing to compare with
    }
    List<String> disagreements = new ArrayList<>();
    List<String> all = new ArrayList<>(ACCEPTED);
    all.addAll(REFUSED);
    for (String text : all) {
      Path rules = dir.resolve("rules.yaml");
      Files.writeString(
          rules,
          "groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up == 0\n"
              + "    annotations:\n      summary: "
              + yamlQuoted(text)
              + "\n");
      ProcessResult result =
          Processes.run(
              List.of("promtool", "check", "rules", rules.toString()),
              Map.of("PATH", System.getenv("PATH")),
              dir);
      boolean promtoolAccepts = result.exitCode() == 0;
      boolean weAccept = PrometheusTemplates.check(text).isEmpty();
      if (promtoolAccepts != weAccept && !STRICTER_THAN_PROMTOOL.contains(text)) {
        disagreements.add(
            text + ": promtool " + promtoolAccepts + ", aami " + weAccept + " " + result.stderr());
      }
    }
    assertEquals(List.of(), disagreements);
  }

  /** Parsed by Go, but certain to fail when the alert fires: aami refuses them early. */
  static final List<String> STRICTER_THAN_PROMTOOL =
      List.of("{{ $z = 1 }}", "{{ nil.x }}", "{{ \"a\".b }}");

  private static String yamlQuoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
