package io.aami.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example repository at the project root is valid, and every file tells editors its schema. */
class ExampleDocumentsTest {
  private static final Path ROOT = YamlDocuments.projectDir();
  private static final Pattern MODELINE =
      Pattern.compile("^# yaml-language-server: \\$schema=(\\S+)$");

  static Stream<String> exampleFiles() throws IOException {
    List<String> files = new java.util.ArrayList<>();
    for (String directory : List.of("templates", "policies", "inventory")) {
      try (Stream<Path> walk = Files.walk(ROOT.resolve(directory))) {
        walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
            .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
            .forEach(files::add);
      }
    }
    return files.stream().sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void everyDocumentIsValidForItsKindAndForTheAnyKindSchema(String file) throws IOException {
    List<JsonNode> documents = YamlDocuments.parseAll(ROOT.resolve(file));
    assertFalse(documents.isEmpty(), file + " holds no document");
    SchemaValidator validator = SchemaValidator.load();
    for (JsonNode document : documents) {
      String kind = document.path("kind").asText();
      assertEquals("aami/v1", document.path("apiVersion").asText(), file);
      assertEquals(List.of(), validator.validate(kind, document), file + " " + document.path("id"));
      assertEquals(List.of(), validator.validateAnyKind(document), file + " (aami.schema.json)");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exampleFiles")
  void startsWithAModelinePointingAtTheSchemaOfItsKind(String file) throws IOException {
    Path path = ROOT.resolve(file);
    String firstLine =
        Files.readString(path, StandardCharsets.UTF_8).lines().findFirst().orElse("");
    Matcher modeline = MODELINE.matcher(firstLine);
    assertTrue(
        modeline.matches(),
        file + " must start with a yaml-language-server modeline, found: " + firstLine);

    Path schema = path.getParent().resolve(modeline.group(1)).normalize();
    assertTrue(Files.isRegularFile(schema), file + ": " + modeline.group(1) + " does not exist");
    assertEquals(
        ROOT.resolve("schemas"), schema.getParent(), file + ": modeline must point into schemas/");
    for (JsonNode document : YamlDocuments.parseAll(path)) {
      assertEquals(
          SchemaFiles.FILE_BY_KIND.get(document.path("kind").asText()),
          schema.getFileName().toString(),
          file + ": modeline schema does not match kind " + document.path("kind").asText());
    }
  }

  @Test
  void theExampleUsesEveryKindAndBothWaysOfPuttingManyDocumentsInOneFile() throws IOException {
    Set<String> kinds = new TreeSet<>();
    boolean multiDocumentFile = false;
    for (String file : exampleFiles().toList()) {
      List<JsonNode> documents = YamlDocuments.parseAll(ROOT.resolve(file));
      multiDocumentFile |= documents.size() > 1;
      for (JsonNode document : documents) {
        kinds.add(document.path("kind").asText());
        document.path("items").forEach(item -> kinds.add(item.path("kind").asText()));
      }
    }
    assertEquals(new TreeSet<>(SchemaFiles.FILE_BY_KIND.keySet()), kinds);
    assertTrue(multiDocumentFile, "some example file should hold several '---' documents");
  }
}
