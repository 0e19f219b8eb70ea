package io.aami.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TemplateActionTest {
  private static List<Optional<String>> placeholders(String text) {
    return TemplateAction.scan(text).stream().map(TemplateAction::placeholder).toList();
  }

  @Test
  void plainFieldReferencesAreAamiPlaceholdersWithOrWithoutSpaces() {
    assertEquals(
        List.of(Optional.of("a"), Optional.of("b_2"), Optional.of("_c"), Optional.of("d")),
        placeholders("{{.a}} {{ .b_2 }} {{\t._c\t}} {{  .d}}"));
  }

  @Test
  void prometheusSyntaxIsNotAPlaceholder() {
    assertEquals(
        List.of(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        placeholders(
            "{{ $labels.path }} {{ $value }} {{ humanize $value }} {{ .Labels.x }}"
                + " {{ .Value }} {{ .ExternalLabels }} {{ .ExternalURL }} {{ .a | x }} {{- .a }}"));
  }

  @Test
  void namesMustBeIdentifiers() {
    assertEquals(
        List.of(Optional.empty(), Optional.empty(), Optional.empty()),
        placeholders("{{ .mount-path }} {{ .9a }} {{ . }}"));
  }

  @Test
  void strayFieldReferencesAreFoundOnlyForNonPrometheusFields() {
    List<TemplateAction> actions =
        TemplateAction.scan("{{ .x | y }} {{- .z -}} {{ .Labels.path }} {{ $labels.x }} {{ .ok }}");
    assertEquals(
        List.of(
            Optional.of("x"),
            Optional.of("z"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty()),
        actions.stream().map(TemplateAction::strayFieldReference).toList());
  }

  @Test
  void offsetsCoverTheWholeAction() {
    TemplateAction a = TemplateAction.scan("ab{{ .x }}cd").get(0);
    assertEquals(2, a.start());
    assertEquals(10, a.end());
    assertEquals("{{ .x }}", a.text());
  }
}
