package io.aami.alert;

import static io.aami.alert.QueryExpanderTest.scope;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Code;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextExpanderTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{{ $labels.path }}",
        "{{$labels.instance}}에서 {{ $labels.path }}가",
        "{{ $value }}",
        "{{ humanize $value }}%",
        "{{ $value | humanizePercentage }}",
        "{{ .Labels.instance }} {{ .Value }} {{ .ExternalURL }} {{ .ExternalLabels.cluster }}",
        "{{- if gt $value 80.0 -}}high{{- else -}}low{{- end }}",
        "{{ with query \"up\" }}{{ . | first | value }}{{ end }}",
        "{{ template \"x\" . }} {{/* a comment */}} {{ printf \"%.2f\" $value }}",
        "}} stray closers {",
      })
  void prometheusTemplateSyntaxIsKeptByteForByte(String text) {
    TextExpander.Result r = TextExpander.expand(text, scope());
    assertEquals(List.of(), r.problems());
    assertEquals(text, r.text());
  }

  @Test
  void anUnclosedActionIsAnErrorBecausePrometheusWouldRefuseTheFile() {
    for (String text :
        List.of("unclosed {{ $labels.path", "{{ $value }} then {{ humanize $value }")) {
      TextExpander.Result r = TextExpander.expand(text, scope());
      assertNull(r.text(), text);
      assertEquals(1, r.problems().size(), r.problems().toString());
      assertTrue(
          r.problems().get(0).message().contains("is never closed by '}}'"),
          r.problems().get(0).message());
    }
    assertEquals(
        "'{{' at character 10 is never closed by '}}'; Prometheus would refuse the whole"
            + " rule file (template: unclosed action)",
        TextExpander.lint("unclosed {{ $labels.path").get(0).message());
  }

  @Test
  void aamiPlaceholdersAreRenderedNextToPrometheusOnes() {
    String template =
        "{{ $labels.instance }}에서 {{ $labels.path }}가 {{ .for_duration }} 이상 접근 불가 ({{.group_name}})";
    assertEquals(
        "{{ $labels.instance }}에서 {{ $labels.path }}가 2m 이상 접근 불가 (gpu-cluster)",
        TextExpander.expand(template, scope()).text());
  }

  @Test
  void valuesAreInsertedAsWrittenWithoutPromqlEscaping() {
    assertEquals(
        "path a\"b\\c", TextExpander.expand("path {{ .p }}", scope("p", "a\"b\\c")).text());
  }

  @Test
  void aValueThatPrometheusWouldExecuteIsRefused() {
    TextExpander.Result r = TextExpander.expand("see {{ .p }}", scope("p", "{{ query \"up\" }}"));
    assertNull(r.text());
    assertEquals(Code.PLACEHOLDER, r.problems().get(0).code());
    assertTrue(r.problems().get(0).message().contains("Prometheus would execute as a template"));
  }

  @Test
  void unknownPlaceholderIsAnErrorNotNoValue() {
    TextExpander.Result r = TextExpander.expand("{{ .mount_pth }} down", scope("mount_path", "/x"));
    assertNull(r.text());
    assertEquals(
        "unknown placeholder 'mount_pth'; known placeholders: for_duration, group_id,"
            + " group_name, group_selector, mount_path; did you mean 'mount_path'?",
        r.problems().get(0).message());
  }

  @Test
  void aFieldReferenceInAPipelineIsAMistypedPlaceholder() {
    for (String text :
        List.of("{{ .mount_path | toUpper }}", "{{- .mount_path }}", "{{ .mount_path.x }}")) {
      TextExpander.Result r = TextExpander.expand(text, scope("mount_path", "/x"));
      assertNull(r.text(), text);
      assertTrue(
          r.problems()
              .get(0)
              .message()
              .contains("an aami placeholder must be exactly" + " {{ .mount_path }}"),
          r.problems().get(0).message());
    }
  }
}
