package io.aami.render.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every rendered Mimir/Cortex ruler namespace file has mimirtool's structure (schema in
 * src/test/resources/mimir), one namespace per file and per aami group, and carries exactly the
 * rule groups of the plain Prometheus rule file of the same group.
 */
class MimirRuleNamespaceTest {
  static Stream<Path> cases() throws IOException {
    return AlertRepos.goldenCases().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void everyNamespaceFileMatchesMimirtoolsFormatAndThePlainRules(Path dir) throws IOException {
    Schema schema = schema();
    Map<String, String> rendered = AlertRepos.renderAll(AlertRepos.load(dir.resolve("input")));
    Set<String> namespaces = new HashSet<>();
    int checked = 0;
    for (Map.Entry<String, String> file : rendered.entrySet()) {
      if (!file.getKey().startsWith(MimirRuleNamespaceRenderer.DIRECTORY)) {
        continue;
      }
      List<String> errors =
          schema.validate(file.getValue(), InputFormat.YAML).stream().map(Error::toString).toList();
      assertEquals(List.of(), errors, file.getKey());
      Map<String, Object> namespace = new Yaml().load(file.getValue());
      assertTrue(namespaces.add((String) namespace.get("namespace")), "namespace repeated");
      String fileName = file.getKey().substring(MimirRuleNamespaceRenderer.DIRECTORY.length());
      Map<String, Object> plain =
          new Yaml().load(rendered.get(PrometheusRuleFileRenderer.DIRECTORY + fileName));
      assertEquals(plain.get("groups"), namespace.get("groups"), file.getKey());
      checked++;
    }
    long plainFiles =
        rendered.keySet().stream()
            .filter(p -> p.startsWith(PrometheusRuleFileRenderer.DIRECTORY))
            .count();
    assertEquals(plainFiles, checked, "one namespace file per plain rule file");
  }

  private static Schema schema() throws IOException {
    try (InputStream in =
        MimirRuleNamespaceTest.class.getResourceAsStream("/mimir/rule-namespace.schema.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(text, InputFormat.JSON);
    }
  }
}
