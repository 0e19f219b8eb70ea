package io.aami.edit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YValues;
import io.aami.yaml.YamlReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

// The editor hands out untyped YAML trees (maps and lists of Object): the tests cast into them.
@SuppressWarnings("unchecked")
class DocumentEditorTest {

  private static ParsedYaml parse(String text) {
    ParsedYaml parsed = YamlReader.read("f.yaml", text.getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of(), parsed.diagnostics());
    return parsed;
  }

  /** Applies {@code change} to a mutable copy of document {@code index} and edits the text. */
  @SuppressWarnings("unchecked")
  private static String edit(String text, int index, Consumer<Map<String, Object>> change) {
    ParsedYaml parsed = parse(text);
    Map<String, Object> doc =
        (Map<String, Object>) mutable(YValues.toPlain(parsed.documents().get(index)));
    change.accept(doc);
    return DocumentEditor.replace(parsed, index, doc);
  }

  @SuppressWarnings("unchecked")
  private static Object mutable(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put((String) k, mutable(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(mutable(v)));
      return copy;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> doc, String key) {
    return (Map<String, Object>) doc.get(key);
  }

  private static final String POLICY =
      """
      # yaml-language-server: $schema=../../schemas/script-policy.schema.json
      # The global mount policy.
      apiVersion: aami/v1
      kind: ScriptPolicy
      id: mount-global   # the id
      template_id: check-mount-points

      scope: global
      config:
        # which mount points
        mount_points:
          - /data
        thresholds: {warning: 80, critical: 90}
      priority: 100
      """;

  @Test
  void aScalarChangeReplacesOnlyItsBytes() {
    String result = edit(POLICY, 0, d -> d.put("priority", 250L));
    assertEquals(POLICY.replace("priority: 100", "priority: 250"), result);
  }

  @Test
  void aValueFollowedByACommentKeepsTheComment() {
    String result = edit(POLICY, 0, d -> d.put("id", "mount-all"));
    assertEquals(POLICY.replace("id: mount-global   # the id", "id: mount-all   # the id"), result);
  }

  @Test
  void aMissingKeyIsAppendedWithTheMappingsIndentation() {
    String result =
        edit(
            POLICY,
            0,
            d -> {
              d.put("is_active", false);
              map(d, "config").put("owner", "team: storage");
            });
    assertEquals(
        POLICY.replace(
                "thresholds: {warning: 80, critical: 90}\n",
                "thresholds: {warning: 80, critical: 90}\n  owner: \"team: storage\"\n")
            + "is_active: false\n",
        result);
  }

  @Test
  void aRemovedKeyTakesItsLineAndValueButNotTheCommentsAround() {
    String result = edit(POLICY, 0, d -> map(d, "config").remove("mount_points"));
    assertEquals(POLICY.replace("  mount_points:\n    - /data\n", ""), result);
  }

  @Test
  void aFlowMappingStaysFlow() {
    String result = edit(POLICY, 0, d -> map(map(d, "config"), "thresholds").put("warning", 60L));
    assertEquals(
        POLICY.replace("{warning: 80, critical: 90}", "{warning: 60, critical: 90}"), result);
  }

  @Test
  void aBlockSequenceChangesItemByItemAndLosesOneItemAlone() {
    String three = POLICY.replace("    - /data\n", "    - /data\n    - /srv # db\n    - /home\n");
    String changed =
        edit(
            three, 0, d -> ((List<Object>) map(d, "config").get("mount_points")).set(1, "/srv/db"));
    assertEquals(three.replace("- /srv # db", "- /srv/db # db"), changed);
    String removed =
        edit(three, 0, d -> ((List<Object>) map(d, "config").get("mount_points")).remove(1));
    assertEquals(three.replace("    - /srv # db\n", ""), removed);
  }

  @Test
  void aLongerSequenceIsRewrittenAsABlockAtItsIndentation() {
    String result = edit(POLICY, 0, d -> map(d, "config").put("mount_points", List.of("/a", "/b")));
    assertEquals(POLICY.replace("    - /data\n", "    - /a\n    - /b\n"), result);
  }

  @Test
  void aScalarBecomingACollectionMovesBelowItsKey() {
    String text = "apiVersion: aami/v1\nconfig: {}\nnote: x # keep\n";
    String result = edit(text, 0, d -> d.put("note", Map.of("a", 1L)));
    assertEquals("apiVersion: aami/v1\nconfig: {}\nnote:\n  a: 1 # keep\n", result);
    String flow = edit(text, 0, d -> d.put("config", Map.of("paths", List.of("/x"))));
    assertEquals("apiVersion: aami/v1\nconfig: {paths: [/x]}\nnote: x # keep\n", flow);
  }

  @Test
  void stringsAreQuotedWhenPlainTextWouldChangeTypeAndKeepTheirQuotes() {
    String text = "a: x\nb: 'single'\nc: \"double\"\nd: 1.0.0\n";
    String result =
        edit(
            text,
            0,
            d -> {
              d.put("a", "yes");
              d.put("b", "it's");
              d.put("c", "tab\there");
              d.put("d", "1.0");
            });
    assertEquals("a: \"yes\"\nb: 'it''s'\nc: \"tab\\there\"\nd: \"1.0\"\n", result);
  }

  @Test
  void aLiteralBlockIsReplacedInPlaceKeepingWhatFollows() {
    String text = "name: t\nscript_content: |\n  #!/bin/bash\n  echo old\n\n# after\ntimeout: 5s\n";
    String result = edit(text, 0, d -> d.put("script_content", "#!/bin/bash\necho new\nexit 0\n"));
    assertEquals(
        "name: t\nscript_content: |\n  #!/bin/bash\n  echo new\n  exit 0\n\n# after\ntimeout: 5s\n",
        result);
    String noNewline = edit(text, 0, d -> d.put("script_content", "echo a\necho b"));
    assertEquals(
        "name: t\nscript_content: |-\n  echo a\n  echo b\n\n# after\ntimeout: 5s\n", noNewline);
  }

  @Test
  void aMultiLineStringGoesIntoANewLiteralBlock() {
    String text = "name: t\nscript: echo\nafter: 1\n";
    String result = edit(text, 0, d -> d.put("script", "a\nb\n"));
    assertEquals("name: t\nscript: |\n  a\n  b\nafter: 1\n", result);
  }

  @Test
  void otherDocumentsOfAMultiDocumentFileStayByteIdentical() {
    String text = "# head\na: 1\n---\n# second\nb: 2\nc: [1, 2]\n---\nd: 4\n";
    String result = edit(text, 1, d -> d.put("c", List.of(1L, 3L)));
    assertEquals("# head\na: 1\n---\n# second\nb: 2\nc: [1, 3]\n---\nd: 4\n", result);
  }

  @Test
  void anItemOfAListDocumentIsEditedAndRemovedInPlace() {
    String text =
        """
        apiVersion: aami/v1
        kind: List
        items:
          # first
          - kind: Target
            id: a
            groups: [g1]
          - kind: Target
            id: b
            groups: [g2]
          - kind: Target
            id: c
        """;
    String edited =
        edit(
            text,
            0,
            d ->
                ((Map<String, Object>) ((List<Object>) d.get("items")).get(1))
                    .put("groups", List.of("g2", "g3")));
    assertEquals(text.replace("[g2]", "[g2, g3]"), edited);
    String removed = edit(text, 0, d -> ((List<Object>) d.get("items")).remove(1));
    assertEquals(text.replace("  - kind: Target\n    id: b\n    groups: [g2]\n", ""), removed);
  }

  @Test
  void documentsAreRemovedWithTheirSeparator() {
    String text = "# file comment\na: 1\n---\n# about b\nb: 2\n---\nc: 3\n";
    assertEquals(
        "# file comment\n# about b\nb: 2\n---\nc: 3\n",
        DocumentEditor.removeDocument(parse(text), 0));
    assertEquals(
        "# file comment\na: 1\n---\nc: 3\n", DocumentEditor.removeDocument(parse(text), 1));
    assertEquals(
        "# file comment\na: 1\n---\n# about b\nb: 2\n",
        DocumentEditor.removeDocument(parse(text), 2));
    assertNull(DocumentEditor.removeDocument(parse("a: 1\n"), 0));
  }

  @Test
  void charactersOutsideTheBmpDoNotShiftOffsets() {
    String text = "a: \"\uD83D\uDE00 smile\"\nb: 1\n";
    assertEquals("a: \"\uD83D\uDE00 smile\"\nb: 2\n", edit(text, 0, d -> d.put("b", 2L)));
  }

  @Test
  void crlfFilesGetCrlfLines() {
    String text = "a: 1\r\nb:\r\n  c: 2\r\n";
    assertEquals(
        "a: 1\r\nb:\r\n  c: 2\r\n  d: 3\r\n", edit(text, 0, d -> map(d, "b").put("d", 3L)));
  }

  @Test
  void aValueInsideAFlowMappingChangesAloneAndStaysFlowSafe() {
    String text = "items: {type: string, pattern: \"^/\"}  # paths\nlist: [a, 'b', c]\n";
    String result =
        edit(
            text,
            0,
            d -> {
              map(d, "items").put("type", "a, b");
              map(d, "items").put("pattern", "^/srv");
              ((List<Object>) d.get("list")).set(1, "x");
              ((List<Object>) d.get("list")).set(2, "d: e");
            });
    assertEquals(
        "items: {type: \"a, b\", pattern: \"^/srv\"}  # paths\nlist: [a, 'x', \"d: e\"]\n", result);
  }
}
