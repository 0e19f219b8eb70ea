package io.aami.schema;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.aami.diag.Suggestions;
import io.aami.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A JSON Schema (draft 2020-12) that a repository declares for a template's config ({@code
 * config_schema}), compiled with the same validator as aami's own schemas. The schema is checked
 * before use: against the draft 2020-12 meta-schema, for references that leave it (aami never
 * fetches anything), and by compiling it (a regular expression that does not compile). Compiled
 * schemas are cached by content, so a template shared by many policies compiles once.
 */
public final class ConfigSchema {
  public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
  private static final String BASE_IRI = "https://aami.io/config-schema/";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemaRegistryConfig(
                  SchemaRegistryConfig.builder()
                      .pathType(PathType.JSON_POINTER)
                      .locale(Locale.ENGLISH)
                      .formatAssertionsEnabled(false)
                      .build()));
  private static final ViolationTranslator META_TRANSLATOR =
      new ViolationTranslator(SchemaFiles.ofTrees(Map.of()));

  private static final List<String> TYPES =
      List.of("array", "boolean", "integer", "null", "number", "object", "string");

  /** Keywords whose value maps names to subschemas. */
  private static final Set<String> SCHEMA_MAPS =
      Set.of("properties", "patternProperties", "$defs", "definitions", "dependentSchemas");

  /** Keywords whose value is data, not schema. */
  private static final Set<String> DATA_KEYWORDS = Set.of("const", "enum", "default", "examples");

  private final String iri;
  private final Schema schema;
  private final ViolationTranslator translator;

  private ConfigSchema(String iri, Schema schema, ViolationTranslator translator) {
    this.iri = iri;
    this.schema = schema;
    this.translator = translator;
  }

  /** A compiled schema, or what is wrong with the schema itself. */
  public sealed interface Compiled permits Usable, Unusable {}

  public record Usable(ConfigSchema schema) implements Compiled {}

  /** Problems located by JSON Pointers into the declared schema. */
  public record Unusable(List<SchemaViolation> problems) implements Compiled {
    public Unusable {
      problems = List.copyOf(problems);
    }
  }

  /** Compiles {@code declared} (a Jackson tree of the YAML mapping). */
  public static Compiled compile(com.fasterxml.jackson.databind.JsonNode declared) {
    Objects.requireNonNull(declared, "declared");
    com.fasterxml.jackson.databind.JsonNode tree = declared;
    List<SchemaViolation> problems = new ArrayList<>(references(tree, ""));
    Set<String> explained = new HashSet<>();
    problems.forEach(p -> explained.add(p.pointer()));
    // The meta-schema says "expected array" for `type: objekt` (its enum alternative is dropped
    // as fallout), so misspelt type names are reported by name first.
    for (SchemaViolation v : META_TRANSLATOR.translate(DIALECT, metaSchema().validate(tree))) {
      if (!explained.contains(v.pointer())) {
        problems.add(v);
      }
    }
    if (!problems.isEmpty()) {
      return new Unusable(problems);
    }
    String iri = BASE_IRI + Sha256.hex(tree.toString().getBytes(StandardCharsets.UTF_8)) + ".json";
    try {
      Schema schema = REGISTRY.getSchema(SchemaLocation.of(iri), tree);
      schema.initializeValidators();
      return new Usable(
          new ConfigSchema(
              iri, schema, new ViolationTranslator(SchemaFiles.ofTrees(Map.of(iri, tree)))));
    } catch (RuntimeException e) {
      return new Unusable(
          List.of(
              new SchemaViolation(
                  "", "schema", "config_schema does not compile: " + firstLine(e))));
    }
  }

  /**
   * Every violation of {@code config}, located by JSON Pointers into it; empty when it is valid.
   */
  public List<SchemaViolation> validate(com.fasterxml.jackson.databind.JsonNode config) {
    try {
      return translator.translate(iri, schema.validate(config));
    } catch (RuntimeException e) {
      // A regex the JDK accepted at compile time can still fail on a value (e.g. stack depth).
      return List.of(
          new SchemaViolation("", "schema", "config_schema cannot be evaluated: " + firstLine(e)));
    }
  }

  private static Schema metaSchema() {
    Schema meta = REGISTRY.getSchema(SchemaLocation.of(DIALECT));
    meta.initializeValidators();
    return meta;
  }

  /**
   * {@code $ref}/{@code $dynamicRef} outside the schema, {@code $id} (which would move it), and a
   * {@code $schema} of another draft: each would make the result depend on something aami does not
   * read.
   */
  private static List<SchemaViolation> references(
      com.fasterxml.jackson.databind.JsonNode node, String pointer) {
    List<SchemaViolation> found = new ArrayList<>();
    if (node.isObject()) {
      for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : node.properties()) {
        String at = JsonPointers.child(pointer, e.getKey());
        com.fasterxml.jackson.databind.JsonNode value = e.getValue();
        switch (e.getKey()) {
          case "type" -> {
            if (value.isTextual() && !TYPES.contains(value.asText())) {
              found.add(
                  new SchemaViolation(
                      at,
                      "type",
                      "unknown type '"
                          + value.asText()
                          + "'; the types are "
                          + String.join(", ", TYPES)
                          + Suggestions.didYouMean(value.asText(), TYPES)));
            }
          }
          case "$ref", "$dynamicRef" -> {
            if (value.isTextual() && !value.asText().startsWith("#")) {
              found.add(
                  new SchemaViolation(
                      at,
                      e.getKey(),
                      "reference '"
                          + value.asText()
                          + "' leaves the schema; only references inside it ('#/$defs/...') are allowed,"
                          + " because aami never fetches or reads other schemas"));
            }
          }
          case "$id" ->
              found.add(
                  new SchemaViolation(
                      at,
                      "$id",
                      "'$id' is not allowed in a config_schema: it is identified by its template"));
          case "$schema" -> {
            if (!value.isTextual() || !value.asText().equals(DIALECT)) {
              found.add(
                  new SchemaViolation(
                      at,
                      "$schema",
                      "config_schema must be draft 2020-12: omit"
                          + " '$schema' or set it to "
                          + DIALECT));
            }
          }
          default -> {}
        }
        if (SCHEMA_MAPS.contains(e.getKey()) && value.isObject()) {
          // Keys here are property names, not keywords: a property may well be called "$id".
          for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> named :
              value.properties()) {
            found.addAll(references(named.getValue(), JsonPointers.child(at, named.getKey())));
          }
        } else if (!DATA_KEYWORDS.contains(e.getKey())) {
          found.addAll(references(value, at));
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        found.addAll(references(node.get(i), pointer + "/" + i));
      }
    }
    return found;
  }

  private static String firstLine(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
