package io.aami.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The files in {@code schemas/} are well-formed draft 2020-12 schemas that editors can use. */
class SchemaFilesTest {
  private static final Path SCHEMAS = YamlDocuments.projectDir().resolve("schemas");
  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keywords whose subschemas are alternatives or conditions, not the documented shape. */
  private static final Set<String> CONDITIONAL =
      Set.of("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "dependentSchemas");

  static Stream<String> schemaFiles() throws IOException {
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void everyFileInSchemasIsShippedAndNoShippedFileIsMissing() throws IOException {
    assertEquals(new TreeSet<>(SchemaFiles.allFileNames()), new TreeSet<>(schemaFiles().toList()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void isDraft202012WithItsOwnIdAndADescription(String file) throws IOException {
    JsonNode schema = JSON.readTree(SCHEMAS.resolve(file).toFile());
    assertEquals(DRAFT_2020_12, schema.path("$schema").asText(), file + " $schema");
    assertEquals("https://aami.io/schemas/v1/" + file, schema.path("$id").asText(), file + " $id");
    assertTrue(
        schema.path("title").isTextual() && schema.path("description").isTextual(),
        file + " needs a title and a description");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void validatesAgainstTheDraft202012MetaSchema(String file) throws IOException {
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema metaSchema = registry.getSchema(SchemaLocation.of(DRAFT_2020_12));
    String text = Files.readString(SCHEMAS.resolve(file));

    List<com.networknt.schema.Error> errors =
        metaSchema.validate(text, com.networknt.schema.InputFormat.JSON);

    assertEquals(
        List.of(),
        errors.stream().map(e -> e.getInstanceLocation() + " " + e.getMessage()).toList(),
        file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void everyDocumentedPropertyHasATitleAndADescriptionForEditors(String file) throws IOException {
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(JSON.readTree(SCHEMAS.resolve(file).toFile()), "", undocumented);
    assertEquals(List.of(), undocumented, file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void customMessagesAreStringsAndPatternsAreAnchoredJavaRegexes(String file) throws IOException {
    List<String> problems = new ArrayList<>();
    visit(
        JSON.readTree(SCHEMAS.resolve(file).toFile()),
        "",
        (pointer, schema) -> {
          for (String key : List.of("errorMessage", "patternErrorMessage")) {
            if (schema.has(key) && !schema.get(key).isTextual()) {
              problems.add(
                  pointer + "/" + key + " must be a string (VS Code and aami read strings only)");
            }
          }
          if (schema.path("pattern").isTextual()) {
            String regex = schema.get("pattern").asText();
            Pattern.compile(regex);
            if (!regex.startsWith("^") || !regex.endsWith("$")) {
              problems.add(pointer + "/pattern is not anchored: " + regex);
            }
          }
        });
    assertEquals(List.of(), problems, file);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaFiles")
  void theJarCarriesAnIdenticalCopy(String file) throws IOException {
    try (InputStream copy =
        getClass().getClassLoader().getResourceAsStream("io/aami/schemas/" + file)) {
      assertNotNull(copy, file + " is not on the classpath under io/aami/schemas/");
      assertArrayEquals(Files.readAllBytes(SCHEMAS.resolve(file)), copy.readAllBytes(), file);
    }
  }

  private static void collectUndocumented(
      JsonNode schema, String pointer, List<String> undocumented) {
    if (!schema.isObject()) {
      return;
    }
    JsonNode properties = schema.path("properties");
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      JsonNode propertySchema = property.getValue();
      if (!propertySchema.path("title").isTextual()
          || !propertySchema.path("description").isTextual()) {
        undocumented.add(pointer + "/properties/" + property.getKey());
      }
    }
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      String key = entry.getKey();
      if (CONDITIONAL.contains(key)) {
        continue;
      }
      JsonNode value = entry.getValue();
      if (key.equals("properties") || key.equals("$defs")) {
        value
            .properties()
            .forEach(
                p ->
                    collectUndocumented(
                        p.getValue(), pointer + "/" + key + "/" + p.getKey(), undocumented));
      } else if (key.equals("items")
          || key.equals("additionalProperties")
          || key.equals("propertyNames")) {
        collectUndocumented(value, pointer + "/" + key, undocumented);
      }
    }
  }

  private interface SchemaVisitor {
    void visit(String pointer, JsonNode schema);
  }

  private static void visit(JsonNode node, String pointer, SchemaVisitor visitor) {
    if (node.isObject()) {
      visitor.visit(pointer, node);
      node.properties().forEach(p -> visit(p.getValue(), pointer + "/" + p.getKey(), visitor));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        visit(node.get(i), pointer + "/" + i, visitor);
      }
    }
  }
}
