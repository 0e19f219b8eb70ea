package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.aami.cli.ExitCode;
import io.aami.digest.Sha256;
import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compact checks API next to the inline one (docs/PUBLISHING.md), the switch that turns the
 * inline one off, and how a render reuses the previous manifest's hashes.
 */
class CompactSiteTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String GPU = "api/v2/checks/target/gpu-node-01";

  @TempDir Path tmp;
  private Path repo;
  private Path out;

  @BeforeEach
  void copySeedRepository() throws Exception {
    repo = tmp.resolve("repo");
    out = tmp.resolve("public");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
  }

  private Cli render(String... extra) {
    List<String> args =
        new ArrayList<>(List.of("render", "--repo", repo.toString(), "--out", out.toString()));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void compactDocumentsAreTheInlineOnesWithScriptsByHashAndMatchTheirSchema() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Schema schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(
                Files.readString(
                    Golden.projectDir().resolve("schemas/checks-document-compact.schema.json")),
                InputFormat.JSON);
    List<Path> compact;
    try (Stream<Path> files = Files.walk(out.resolve("api/v2"))) {
      compact = files.filter(Files::isRegularFile).toList();
    }
    assertEquals(12, compact.size(), "6 targets, by id and by hostname");
    for (Path file : compact) {
      String text = Files.readString(file);
      assertEquals(
          List.of(),
          schema.validate(text, InputFormat.JSON).stream().map(e -> e.getMessage()).toList(),
          file.toString());
      assertEquals(1, text.lines().count(), "one line of JSON: " + file);
      JsonNode inline =
          JSON.readTree(
              out.resolve(out.relativize(file).toString().replace("api/v2/", "api/v1/")).toFile());
      JsonNode checks = JSON.readTree(text);
      assertEquals(inline.size(), checks.size());
      for (int i = 0; i < inline.size(); i++) {
        ObjectNode withoutScript = ((ObjectNode) inline.get(i).deepCopy());
        String script = withoutScript.remove("script_content").asText();
        assertEquals(withoutScript, checks.get(i));
        String hash = checks.get(i).get("hash").asText();
        assertEquals(script, Files.readString(out.resolve("api/v1/scripts/sha256/" + hash)));
        assertEquals(
            hash, Sha256.hex(Files.readAllBytes(out.resolve("api/v1/scripts/sha256/" + hash))));
      }
    }
    try (Stream<Path> scripts = Files.list(out.resolve("api/v1/scripts/sha256"))) {
      assertEquals(3, scripts.count(), "each distinct script once");
    }
  }

  @Test
  void inlineDocumentsCanBeSwitchedOffAndBackOn() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    Files.writeString(repo.resolve("aami.yaml"), "publish:\n  inline_checks: false\n");
    Cli off = render();
    assertEquals(ExitCode.OK, off.exitCode(), off.err());
    assertTrue(off.out().contains("(0 added, 1 changed, 12 removed)"), off.out());
    assertFalse(Files.exists(out.resolve("api/v1/checks")));
    assertTrue(Files.isRegularFile(out.resolve(GPU)));

    Files.writeString(repo.resolve("aami.yaml"), "publish:\n  inline_checks: true\n");
    assertEquals(ExitCode.OK, render().exitCode());
    assertTrue(Files.isRegularFile(out.resolve("api/v1/checks/target/gpu-node-01")));
  }

  @Test
  void aPublishSettingThatIsNotABooleanIsALocatedError() throws Exception {
    Files.writeString(
        repo.resolve("aami.yaml"), "publish:\n  inline_checks: \"no\"\n  inline: true\n");
    Cli run = Cli.run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.FAILED, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "aami.yaml:2:18: error[settings]: 'publish.inline_checks' must be true or false,"
                    + " not the string no"),
        run.err());
    assertTrue(
        run.err()
            .contains(
                "aami.yaml:3:3: error[settings]: unknown field 'inline'; known: inline_checks"),
        run.err());
  }

  /** Rewrites the manifest to claim {@code claimed} wherever it says {@code real}. */
  private void claimInManifest(String real, String claimed) throws Exception {
    Path manifest = out.resolve(Manifest.PATH);
    Files.writeString(manifest, Files.readString(manifest).replace(real, claimed));
  }

  @Test
  void aFileModifiedAfterTheManifestIsHashedAgainOneUnmodifiedSinceIsNot() throws Exception {
    assertEquals(ExitCode.OK, render().exitCode());
    String real = Sha256.hex(Files.readAllBytes(out.resolve(GPU)));
    String bogus = "0".repeat(64);

    // Modified (its mtime) after the manifest was written: its recorded hash proves nothing.
    claimInManifest(real, bogus);
    Files.setLastModifiedTime(out.resolve(GPU), FileTime.from(Instant.now().plusSeconds(60)));
    assertEquals(ExitCode.OK, render().exitCode());
    assertTrue(Files.readString(out.resolve(Manifest.PATH)).contains(real));

    // Not modified since: its bytes were compared equal, and the recorded hash is taken as is.
    claimInManifest(real, bogus);
    Files.setLastModifiedTime(out.resolve(GPU), FileTime.from(Instant.now().minusSeconds(60)));
    Files.setLastModifiedTime(
        out.resolve(Manifest.PATH), FileTime.from(Instant.now().plusSeconds(120)));
    Cli reused = render();
    assertEquals(ExitCode.OK, reused.exitCode());
    assertTrue(reused.out().contains("is up to date"), reused.out());
    Map<String, String> after = Trees.readTextTree(out);
    assertTrue(after.get(Manifest.PATH).contains(bogus));
  }
}
