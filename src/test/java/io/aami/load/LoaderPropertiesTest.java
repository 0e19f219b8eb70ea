package io.aami.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.diag.Diagnostic;
import io.aami.source.WorkTreeSource;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YamlReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Whatever bytes a repository file holds, the loader answers with a model or with diagnostics
 * located in that file, and never with an exception. Seeds are fixed so CI is deterministic; the
 * number of tries comes from junit-platform.properties, raised by the fuzz profile.
 */
class LoaderPropertiesTest {
  static final String SEED = "20261129";
  private static final String FILE = "inventory/fuzz.yaml";
  private static Path repo;

  /** YAML's indicators, aami's kinds and the constructs the reader must refuse, to build from. */
  private static final List<String> FRAGMENTS =
      List.of(
          "apiVersion: aami/v1\n",
          "kind: Group\n",
          "kind: Target\n",
          "kind: ScriptTemplate\n",
          "kind: ScriptPolicy\n",
          "kind: AlertRule\n",
          "kind: AlertTemplate\n",
          "kind: List\n",
          "items:\n",
          "id: ",
          "id: a\n",
          "hostname: h\n",
          "groups: [a]\n",
          "labels:\n",
          "config:\n",
          "default_config:\n",
          "template_id: t\n",
          "scope: global\n",
          "query_template: up == 0\n",
          "script_content: |\n  echo 1\n",
          "priority: ",
          "version: ",
          "1.0.0",
          "yes",
          "~",
          "=",
          "0o12",
          "1_000",
          ".inf",
          "0x1F",
          "&a ",
          "*a",
          "<<: *a\n",
          "!!binary ",
          "!!str ",
          "!custom ",
          "? ",
          ": ",
          "- ",
          "[",
          "]",
          "{",
          "}",
          ",",
          "'",
          "\"",
          "\\",
          "#",
          "|",
          ">",
          "%YAML 1.1\n",
          "---\n",
          "...\n",
          "\n",
          "  ",
          "\t",
          "\r\n",
          "\u0000",
          "\u0085",
          "\u2028",
          "\uFEFF",
          "é",
          "디스크",
          "😀",
          "{{ .x }}",
          "{{",
          "}}",
          "a".repeat(300));

  @Property(seed = SEED)
  void anyBytesGiveDocumentsOrLocatedDiagnostics(@ForAll("bytes") byte[] content) {
    ParsedYaml parsed = YamlReader.read(FILE, content);

    assertNotNull(parsed.text());
    parsed.diagnostics().forEach(LoaderPropertiesTest::assertLocatedInTheFile);
  }

  @Property(seed = SEED)
  void yamlShapedTextGivesDocumentsOrLocatedDiagnostics(@ForAll("yamlish") String text) {
    ParsedYaml parsed = YamlReader.read(FILE, text.getBytes(StandardCharsets.UTF_8));

    parsed.diagnostics().forEach(LoaderPropertiesTest::assertLocatedInTheFile);
  }

  @Property(seed = SEED)
  void theWholeValidationOfAnyFileEndsInAReport(@ForAll("yamlishOrMutated") byte[] content)
      throws IOException {
    Files.write(repository().resolve(FILE), content);

    ValidationReport report =
        ValidationService.standard().validate(new WorkTreeSource(repository()));

    for (Diagnostic d : report.diagnostics()) {
      assertFalse(d.message().isBlank(), d::toString);
      assertTrue(d.line() >= 0 && d.column() >= 0, d::toString);
      assertFalse(d.message().contains("Exception"), d::toString);
    }
  }

  @Provide
  Arbitrary<byte[]> bytes() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.of(FRAGMENTS).list().ofMaxSize(80).map(parts -> String.join("", parts));
  }

  /** Generated YAML-shaped text, or a valid group and target with random bytes changed. */
  @Provide
  Arbitrary<byte[]> yamlishOrMutated() {
    byte[] valid =
        """
                    apiVersion: aami/v1
                    kind: Group
                    id: g
                    ---
                    apiVersion: aami/v1
                    kind: Target
                    id: t
                    hostname: t.example
                    address: t.example:9100
                    groups: [g]
                    labels:
                      env: prod
                    """
            .getBytes(StandardCharsets.UTF_8);
    Arbitrary<byte[]> mutated =
        Combinators.combine(
                Arbitraries.integers()
                    .between(0, valid.length - 1)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(8),
                Arbitraries.bytes().list().ofSize(8))
            .as(
                (positions, values) -> {
                  byte[] copy = valid.clone();
                  for (int i = 0; i < positions.size(); i++) {
                    copy[positions.get(i)] = values.get(i);
                  }
                  return copy;
                });
    return Arbitraries.oneOf(yamlish().map(s -> s.getBytes(StandardCharsets.UTF_8)), mutated);
  }

  private static void assertLocatedInTheFile(Diagnostic d) {
    assertEquals(FILE, d.file(), d::toString);
    assertTrue(d.line() >= 0 && d.column() >= 0, d::toString);
    assertFalse(d.message().isBlank(), d::toString);
  }

  private static synchronized Path repository() throws IOException {
    if (repo == null) {
      repo = Files.createTempDirectory("aami-loader-properties");
      Files.createDirectories(repo.resolve("inventory"));
    }
    return repo;
  }

  @AfterContainer
  static void deleteRepository() throws IOException {
    if (repo == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(repo)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    repo = null;
  }
}
