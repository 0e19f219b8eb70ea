package io.aami.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static ConfigSchema usable(String schema) throws Exception {
    return assertInstanceOf(ConfigSchema.Usable.class, ConfigSchema.compile(json(schema))).schema();
  }

  private static List<SchemaViolation> problems(String schema) throws Exception {
    return assertInstanceOf(ConfigSchema.Unusable.class, ConfigSchema.compile(json(schema)))
        .problems();
  }

  @Test
  void violationsAreLocatedByPointerIntoTheConfig() throws Exception {
    ConfigSchema schema =
        usable(
            """
        {"type": "object", "properties": {"t": {"type": "object",
          "properties": {"warning": {"type": "number", "maximum": 100}}}}}""");

    assertEquals(List.of(), schema.validate(json("{\"t\": {\"warning\": 60}}")));
    List<SchemaViolation> found = schema.validate(json("{\"t\": {\"warning\": \"sixty\"}}"));
    assertEquals(1, found.size(), found::toString);
    assertEquals("/t/warning", found.get(0).pointer());
    assertEquals("expected number, found string", found.get(0).message());
    assertEquals(
        "must be at most 100",
        schema.validate(json("{\"t\": {\"warning\": 120}}")).get(0).message());
  }

  @Test
  void referencesInsideTheSchemaWork() throws Exception {
    ConfigSchema schema =
        usable(
            """
        {"$defs": {"path": {"type": "string", "pattern": "^/"}},
         "properties": {"mounts": {"type": "array", "items": {"$ref": "#/$defs/path"}}}}""");

    assertEquals(
        "/mounts/1", schema.validate(json("{\"mounts\": [\"/a\", \"b\"]}")).get(0).pointer());
  }

  @Test
  void referencesOutsideTheSchemaAreRefusedWithoutFetchingThem() throws Exception {
    List<SchemaViolation> found =
        problems("{\"properties\": {\"a\": {\"$ref\": \"https://127.0.0.1:1/x.json\"}}}");

    assertEquals("/properties/a/$ref", found.get(0).pointer());
    assertTrue(found.get(0).message().contains("leaves the schema"), found::toString);
  }

  @Test
  void aPropertyNamedLikeAKeywordIsAProperty() throws Exception {
    usable("{\"properties\": {\"$id\": {\"type\": \"string\"}, \"$ref\": {\"type\": \"string\"}}}");
  }

  @Test
  void invalidSchemasAreReportedWhereTheyAreWrong() throws Exception {
    assertEquals(
        "unknown type 'objekt'; the types are array, boolean, integer, null, number, object,"
            + " string; did you mean 'object'?",
        problems("{\"type\": \"objekt\"}").get(0).message());
    assertEquals(
        "/properties/n/minimum",
        problems("{\"properties\": {\"n\": {\"minimum\": \"ten\"}}}").get(0).pointer());
    assertEquals(
        "/$schema",
        problems("{\"$schema\": \"http://json-schema.org/draft-07/schema#\"}").get(0).pointer());
    assertEquals("/$id", problems("{\"$id\": \"https://example.com/s\"}").get(0).pointer());
  }

  @Test
  void aRegexThatDoesNotCompileIsAProblemOfTheSchema() throws Exception {
    List<SchemaViolation> found = problems("{\"properties\": {\"a\": {\"pattern\": \"(\"}}}");
    assertTrue(
        found.get(0).message().startsWith("config_schema does not compile"), found::toString);
  }
}
