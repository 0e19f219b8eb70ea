package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aami.alert.AlertNames;
import io.aami.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every rendered PrometheusRule matches the CRD's OpenAPI schema: the prometheus-operator CRD's,
 * extracted as draft-07 JSON Schema and vendored with its source and license under {@code
 * src/test/resources/prometheus-operator}.
 */
class PrometheusRuleSchemaTest {
  private static final String SCHEMA =
      "src/test/resources/prometheus-operator/prometheusrule.schema.json";

  static Stream<Path> cases() throws IOException {
    return AlertRepos.goldenCases().stream();
  }

  static Schema schema() throws IOException {
    Path file = Golden.projectDir().resolve(SCHEMA);
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    return registry.getSchema(Files.readString(file, StandardCharsets.UTF_8), InputFormat.JSON);
  }

  static List<String> errors(Schema schema, String yaml) {
    return schema.validate(yaml, InputFormat.YAML).stream().map(Error::toString).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyRenderedPrometheusRuleMatchesTheCrdSchema(Path dir) throws IOException {
    Schema schema = schema();
    Map<String, String> rendered = AlertRepos.renderAll(AlertRepos.load(dir.resolve("input")));
    int checked = 0;
    for (Map.Entry<String, String> f : rendered.entrySet()) {
      if (!f.getKey().startsWith(PrometheusRuleCrdRenderer.DIRECTORY)) {
        continue;
      }
      assertEquals(List.of(), errors(schema, f.getValue()), f.getKey());
      Map<String, Object> crd = new Yaml().load(f.getValue());
      assertEquals("monitoring.coreos.com/v1", crd.get("apiVersion"));
      assertEquals("PrometheusRule", crd.get("kind"));
      @SuppressWarnings("unchecked")
      String name = (String) ((Map<String, Object>) crd.get("metadata")).get("name");
      assertTrue(AlertNames.isDns1123Subdomain(name), name);
      checked++;
    }
    assertTrue(checked > 0, "the case renders PrometheusRules");
  }

  @Test
  void theSchemaCheckCanFail() throws IOException {
    Schema schema = schema();
    String bad =
        """
        apiVersion: monitoring.coreos.com/v1
        kind: PrometheusRule
        metadata:
          name: x
        spec:
          groups:
            - name: g
              rules:
                - alert: A
                  expr: up == 0
                  for: 5 minutes
                  labels:
                    severity: 1
        """;
    List<String> errors = errors(schema, bad);
    assertFalse(errors.isEmpty());
    assertTrue(errors.stream().anyMatch(e -> e.contains("/for")), errors.toString());
    assertTrue(errors.stream().anyMatch(e -> e.contains("/labels/severity")), errors.toString());
  }
}
