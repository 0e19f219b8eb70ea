package io.aami.render.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.aami.json.CanonicalJson;
import io.aami.model.Language;
import io.aami.resolve.EffectiveCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckApiJsonTest {
  private static EffectiveCheck check(String name, Map<String, Object> config, String script) {
    return new EffectiveCheck(
        name,
        "type",
        script,
        Language.BASH,
        config,
        "1.0.0",
        "0".repeat(64),
        name + "-policy",
        30,
        List.of());
  }

  @Test
  void splicedDocumentsAreByteForByteTheWholeArrayWrittenAtOnce() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", List.of(Map.of("deep", true), List.of()));
    nested.put("a", Map.of());
    EffectiveCheck disk = check("disk", nested, "#!/bin/sh\necho \"ünïcødé ✓\" \\\\ \t\n");
    EffectiveCheck mount = check("mount", Map.of("mount_points", List.of("/data")), "echo\n");
    EffectiveCheck empty = check("a-first", Map.of(), "");
    CheckApiJson.Documents shared = CheckApiJson.Documents.inline();
    for (List<EffectiveCheck> checks :
        List.of(
            List.<EffectiveCheck>of(),
            List.of(mount),
            List.of(mount, disk, empty),
            List.of(disk, mount),
            List.of(empty))) {
      String whole = CanonicalJson.write(CheckApiJson.array(checks));
      assertEquals(whole, shared.document(checks), checks.toString());
      assertEquals(whole, CheckApiJson.document(checks));
    }
  }

  @Test
  void ordersByNameWithExactlyTheSeedsFieldsAndTimeout() {
    String json =
        CheckApiJson.document(List.of(check("b", Map.of(), "x"), check("a", Map.of(), "y")));
    assertEquals(true, json.indexOf("\"name\": \"a\"") < json.indexOf("\"name\": \"b\""), json);
    assertEquals(
        List.of(
            "config",
            "hash",
            "instance_id",
            "language",
            "name",
            "script_content",
            "script_type",
            "timeout_seconds",
            "version"),
        List.copyOf(CheckApiJson.fields(check("a", Map.of(), "")).keySet()));
  }
}
