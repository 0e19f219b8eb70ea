package io.aami.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
  private final SchemaValidator validator = SchemaValidator.load();

  @Test
  void offersOneSchemaPerKindIncludingList() {
    assertEquals(
        List.of(
            "ScriptTemplate",
            "ScriptPolicy",
            "AlertTemplate",
            "AlertRule",
            "RecordingRule",
            "Group",
            "Target",
            "List"),
        List.copyOf(validator.kinds()));
  }

  @Test
  void loadsOnceAndSharesTheValidator() {
    assertSame(validator, SchemaValidator.load());
  }

  @Test
  void rejectsAKindWithoutSchema() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> validator.validate("Dashboard", JsonNodeFactory.instance.objectNode()));
    assertTrue(e.getMessage().contains("'Dashboard'"), e.getMessage());
  }

  @Test
  void aYaml11BooleanWhereAStringBelongsNamesTheExpectedType() {
    JsonNode rule =
        YamlDocuments.parse(
            """
        apiVersion: aami/v1
        kind: AlertRule
        id: disk-development
        group_id: development
        name: HighDiskUsage
        severity: warning
        query_template: disk_usage_percent > 90
        config:
          annotations:
            summary: No
        """);

    List<SchemaViolation> violations = validator.validate("AlertRule", rule);

    assertEquals(
        List.of(
            new SchemaViolation(
                "/config/annotations/summary",
                "type",
                "expected string, found boolean",
                Set.of("string"))),
        violations);
  }

  @Test
  void unknownFieldPointsAtTheFieldAndNeverSuggestsAFieldAlreadyPresent() {
    JsonNode group =
        YamlDocuments.parse(
            """
        apiVersion: aami/v1
        kind: Group
        id: gpu-cluster
        description: GPU nodes
        descriptio: typo of a field that is already there
        """);

    assertEquals(
        List.of(
            new SchemaViolation(
                "/descriptio", "additionalProperties", "unknown field 'descriptio'")),
        validator.validate("Group", group));
  }

  @Test
  void violationsAreSortedInDocumentOrderAndFreeOfDuplicates() {
    // Item 10 sorts after item 2; the List schema and the Target schema both require
    // apiVersion, which must be reported once.
    StringBuilder yaml = new StringBuilder("apiVersion: aami/v1\nkind: List\nitems:\n");
    for (int i = 0; i < 11; i++) {
      boolean broken = i == 2 || i == 10;
      yaml.append("  - ")
          .append(broken ? "" : "apiVersion: aami/v1\n    ")
          .append("kind: Target\n    id: node-")
          .append(i)
          .append("\n    hostname: node-")
          .append(i)
          .append(".example.internal\n    address: node-")
          .append(i)
          .append(".example.internal:9100\n");
    }

    List<SchemaViolation> violations =
        validator.validate("List", YamlDocuments.parse(yaml.toString()));

    assertEquals(
        List.of(
            new SchemaViolation("/items/2", "required", "missing required field 'apiVersion'"),
            new SchemaViolation("/items/10", "required", "missing required field 'apiVersion'")),
        violations);
  }

  @Test
  void validatingTwiceGivesEqualResults() {
    JsonNode policy =
        YamlDocuments.parse(
            """
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: -bad
        scope: global
        group_id: x
        name: check
        priority: high
        """);

    List<SchemaViolation> first = validator.validate("ScriptPolicy", policy);

    assertTrue(first.size() >= 4, first.toString());
    assertEquals(first, validator.validate("ScriptPolicy", policy));
  }

  @Test
  void integersBeyondJavaIntAreRejectedNotTruncated() {
    ObjectNode group =
        (ObjectNode) YamlDocuments.parse("apiVersion: aami/v1\nkind: Group\nid: g\n");
    group.put("priority", new java.math.BigInteger("99999999999999999999"));

    assertEquals(
        List.of(new SchemaViolation("/priority", "maximum", "must be at most 2147483647")),
        validator.validate("Group", group));
  }

  @Test
  void aDocumentThatIsNotAMappingIsATypeViolationAtTheRoot() {
    assertEquals(
        List.of(new SchemaViolation("", "type", "expected object, found array", Set.of("object"))),
        validator.validate("Target", JsonNodeFactory.instance.arrayNode()));
  }

  @Test
  void isSafeToShareBetweenThreads() throws Exception {
    List<JsonNode> documents = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      documents.add(
          YamlDocuments.parse(
              "apiVersion: aami/v1\nkind: Group\nid: g"
                  + i
                  + "\n"
                  + (i % 2 == 0 ? "priorty: 1\n" : "priority: " + i + "\n")));
    }
    List<List<SchemaViolation>> sequential =
        documents.stream().map(d -> validator.validate("Group", d)).toList();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<SchemaViolation>>> parallel = new ArrayList<>();
      for (JsonNode d : documents) {
        parallel.add(pool.submit(() -> validator.validate("Group", d)));
      }
      for (int i = 0; i < documents.size(); i++) {
        assertEquals(sequential.get(i), parallel.get(i).get(), "document " + i);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, sequential.get(0).size());
    assertEquals(List.of(), sequential.get(1));
  }

  @Test
  void theAnyKindSchemaDispatchesOnKindWithTheSameMessages() {
    JsonNode policy =
        YamlDocuments.parse(
            """
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: mount-global
        templat_id: check-mount-points
        scope: global
        """);

    assertEquals(validator.validate("ScriptPolicy", policy), validator.validateAnyKind(policy));
    assertEquals(
        List.of(
            new SchemaViolation(
                "/kind",
                "enum",
                "invalid value 'Targt': must be one of ScriptTemplate, ScriptPolicy, AlertTemplate, AlertRule, "
                    + "RecordingRule, Group, Target, List; did you mean 'Target'?")),
        validator.validateAnyKind(
            YamlDocuments.parse("apiVersion: aami/v1\nkind: Targt\nid: x\n")));
  }

  @Test
  void aLongQuotedValueIsCutBetweenCodePoints() {
    ObjectNode group = JsonNodeFactory.instance.objectNode();
    group.put("apiVersion", "aami/v1");
    group.put("kind", "Group");
    group.put("id", "\uD83D\uDE80".repeat(100));
    String message = validator.validate("Group", group).get(0).message();
    assertTrue(
        message.startsWith("invalid value '" + "\uD83D\uDE80".repeat(56) + "...: "), message);
  }
}
