package io.aami.render.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.cli.ExitCode;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Repository;
import io.aami.schema.SchemaValidator;
import io.aami.source.WorkTreeSource;
import io.aami.testing.Cli;
import io.aami.validate.CheckedRepository;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node agents refuse a check list larger than 16 MiB: validate refuses such a repository with the
 * sizes (inline and compact form, every group set), and render never publishes one.
 */
class DocumentSizeTest {
  private static final long MAX = SchemaValidator.load().publishedLimits().documentMaxBytes();

  @TempDir Path tmp;

  /**
   * {@code templates} global checks with scripts of {@code scriptBytes} each, on targets a-01 and
   * a-02 (group a) and b-01 (no group); scripts are many short lines, as real ones are.
   */
  private Path repository(int templates, int scriptBytes, boolean inline) throws Exception {
    Path repo = tmp.resolve("repo");
    Files.createDirectories(repo.resolve("templates"));
    Files.createDirectories(repo.resolve("policies"));
    Files.createDirectories(repo.resolve("inventory"));
    if (!inline) {
      Files.writeString(repo.resolve("aami.yaml"), "publish:\n  inline_checks: false\n");
    }
    Files.writeString(
        repo.resolve("inventory/inventory.yaml"),
        """
        apiVersion: aami/v1
        kind: Group
        id: a
        ---
        apiVersion: aami/v1
        kind: Target
        id: a-01
        hostname: a-01.example.internal
        address: a-01.example.internal:9100
        groups: [a]
        ---
        apiVersion: aami/v1
        kind: Target
        id: a-02
        hostname: a-02.example.internal
        address: a-02.example.internal:9100
        groups: [a]
        ---
        apiVersion: aami/v1
        kind: Target
        id: b-01
        hostname: b-01.example.internal
        address: b-01.example.internal:9100
        """);
    String line = "  echo '" + "x".repeat(90) + "'\n";
    for (int i = 1; i <= templates; i++) {
      StringBuilder yaml =
          new StringBuilder(
              "apiVersion: aami/v1\nkind: ScriptTemplate\nname: big-"
                  + i
                  + "\nscript_type: big\nlanguage: bash\nversion: 1.0.0\ntimeout: 10s\nscript_content: |\n"
                  + "  #!/usr/bin/env bash\n");
      while (yaml.length() < scriptBytes) {
        yaml.append(line);
      }
      Files.writeString(repo.resolve("templates/big-" + i + ".yaml"), yaml);
      Files.writeString(
          repo.resolve("policies/big-" + i + ".yaml"),
          "apiVersion: aami/v1\nkind: ScriptPolicy\n"
              + "id: big-"
              + i
              + "-global\nscope: global\ntemplate_id: big-"
              + i
              + "\n");
    }
    return repo;
  }

  private static Repository load(Path repo) throws Exception {
    return CheckedRepository.load(new WorkTreeSource(repo)).loaded().repository();
  }

  @Test
  void sixGlobalTemplatesOfThreeMegabytesAreRefusedAtValidateWithTheSizes() throws Exception {
    Path repo = repository(6, 3_000_000, true);
    Cli run = Cli.run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err()
            .contains(
                "inventory/inventory.yaml:5:1: error[check/contract]: node agents would refuse"
                    + " the check list of target 'a-01' and 1 other target in the same groups:"
                    + " api/v1/checks/target/a-01 (scripts inline) would be "),
        run.err());
    assertTrue(
        run.err()
            .contains(
                "inventory/inventory.yaml:19:1: error[check/contract]: node agents would refuse"
                    + " the check list of target 'b-01': api/v1/checks/target/b-01 (scripts inline) would be "),
        run.err());
    assertTrue(run.err().contains("bytes, more than the 16777216 an agent accepts"), run.err());
    assertTrue(run.err().contains("6 checks, the largest 'big-"), run.err());
    assertFalse(run.err().contains("(compact)"), "the compact documents are small: " + run.err());

    Path out = tmp.resolve("public");
    Cli render = Cli.run("render", "--repo", repo.toString(), "--out", out.toString());
    assertEquals(ExitCode.FAILED, render.exitCode(), render.err());
    assertFalse(Files.exists(out), "nothing is published");
  }

  @Test
  void justUnderTheLimitValidatesAndRendersADocumentOfTheComputedSize() throws Exception {
    Path repo = repository(3, 3_000_000, true);
    Repository loaded = load(repo);
    assertEquals(List.of(), DocumentSizeCheck.check(loaded, MAX));
    Path out = tmp.resolve("public");
    Cli render = Cli.run("render", "--repo", repo.toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    long size = Files.size(out.resolve("api/v1/checks/target/a-01"));
    assertTrue(size > 8_000_000 && size <= MAX, "size " + size);

    // The boundary, on the very bytes render wrote: at the size passes, one byte less refuses.
    assertEquals(List.of(), DocumentSizeCheck.check(loaded, size));
    List<Diagnostic> over = DocumentSizeCheck.check(loaded, size - 1);
    assertEquals(2, over.size(), over.toString());
    assertTrue(
        over.get(0).message().contains("would be " + size + " bytes, more than the " + (size - 1)),
        over.toString());
    assertEquals(Code.CHECK_CONTRACT.id(), over.get(0).code());
  }

  @Test
  void theCompactFormIsSizedToo() throws Exception {
    Path repo = repository(2, 1_000, false);
    Repository loaded = load(repo);
    Path out = tmp.resolve("public");
    assertEquals(
        ExitCode.OK,
        Cli.run("render", "--repo", repo.toString(), "--out", out.toString()).exitCode());
    long compact = Files.size(out.resolve("api/v2/checks/target/a-01"));
    assertEquals(List.of(), DocumentSizeCheck.check(loaded, compact));
    List<Diagnostic> over = DocumentSizeCheck.check(loaded, compact - 1);
    assertEquals(
        2, over.size(), "one per group set, none for the inline form switched off: " + over);
    assertTrue(
        over.get(0)
            .message()
            .contains("api/v2/checks/target/a-01 (compact) would be " + compact + " bytes"),
        over.toString());
  }

  @Test
  void renderRefusesATooLargeDocumentEvenWithoutValidation() throws Exception {
    Repository loaded = load(repository(6, 3_000_000, true));
    UncheckedIOException refused =
        assertThrows(UncheckedIOException.class, () -> new CheckApiRenderer().render(loaded));
    DocumentTooLargeException cause =
        assertInstanceOf(DocumentTooLargeException.class, refused.getCause());
    assertTrue(
        cause.getMessage().startsWith("api/v1/checks/target/a-01 would be "), cause.getMessage());
  }
}
