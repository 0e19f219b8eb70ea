package io.aami.suppress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.testing.Golden;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class CodePatternTest {
  @Test
  void exactCodesAndFamilies() {
    assertTrue(CodePattern.matches("alert/no-condition", "alert/no-condition"));
    assertFalse(CodePattern.matches("alert/no-condition", "alert/no-conditions"));
    assertTrue(CodePattern.matches("live/*", "live/target-down"));
    assertTrue(CodePattern.matches("live/*", "live/rule/evaluation-failed"));
    assertFalse(CodePattern.matches("live/*", "liveness/x"));
    assertTrue(CodePattern.valid("live/*"));
    assertTrue(CodePattern.valid("schema"));
    assertFalse(CodePattern.valid("Alert/NoCondition"));
    assertFalse(CodePattern.valid("*"));
  }

  /** aami.yaml's validate section names codes as suppression comments do. */
  @Test
  void theSettingsSchemaAcceptsTheSameCodes() throws IOException {
    JsonNode validate =
        new ObjectMapper()
            .readTree(Golden.projectDir().resolve("schemas/settings.schema.json").toFile())
            .at("/properties/validate/properties");
    String anchored = "^" + CodePattern.SYNTAX.pattern() + "$";
    assertEquals(anchored, validate.at("/disable/items/pattern").asText());
    assertEquals(anchored, validate.at("/severity/propertyNames/pattern").asText());
  }
}
