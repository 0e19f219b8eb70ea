package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Strings that some common YAML reader (YAML 1.1: PyYAML, SnakeYAML, go-yaml v2; YAML 1.2: go-yaml
 * v3, js-yaml, ruamel) would take for something other than that string are written quoted, so a
 * label value reaches Prometheus and Kubernetes exactly as written.
 */
class YamlQuotingTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "=",
        "<<",
        "~",
        "null",
        "Null",
        "NULL",
        "y",
        "Y",
        "n",
        "N",
        "yes",
        "Yes",
        "NO",
        "on",
        "Off",
        "true",
        "FALSE",
        "0o12",
        "0O12",
        "0x1F",
        "0b101",
        "012",
        "1_000",
        "1:20",
        "190:20:30.15",
        ".inf",
        "-.inf",
        "+.INF",
        ".NaN",
        ".nan",
        "1e3",
        "1E3",
        "1.",
        ".5",
        "+1",
        "-0",
        "1.0e+3",
        "+.5",
        "1_0.5",
        "2001-12-14",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43"
      })
  void aStringAnyYamlReaderCouldMisreadIsQuoted(String value) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("v", value);

    String text = YamlText.dump(null, document);

    String scalar = text.substring("v: ".length(), text.length() - 1);
    assertTrue(
        scalar.startsWith("'") || scalar.startsWith("\""), () -> value + " written as " + text);
    assertEquals(
        value,
        new Yaml(new SafeConstructor(new LoaderOptions()))
            .<Map<String, Object>>load(text)
            .get("v"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5m",
        "1.0.0",
        "web-01",
        "node_exporter",
        "up == 0",
        "디스크 사용률",
        "a=b",
        "yesterday",
        "null_route",
        "x1e3"
      })
  void ordinaryTextStaysPlain(String value) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("v", value);

    assertEquals("v: " + value + "\n", YamlText.dump(null, document));
  }
}
