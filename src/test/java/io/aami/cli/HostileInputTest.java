package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.testing.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code aami validate} on files an attacker, a broken editor or a careless copy could produce.
 * Each must give exit code 1 (or 0 where the input is harmless), coded diagnostics located at
 * file:line:col wherever a position exists, and never a stack trace.
 */
class HostileInputTest {
  private static final String GROUP = "apiVersion: aami/v1\nkind: Group\nid: ok\n";

  @TempDir Path repo;

  /** One line of the expected report: code, and line:col or "" for a whole-file problem. */
  record Expected(String code, String position) {}

  static Stream<Arguments> hostileFiles() {
    StringBuilder deepBlock = new StringBuilder(GROUP + "description:\n");
    for (int i = 1; i <= 70; i++) {
      deepBlock.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    return Stream.of(
        Arguments.of(
            "scalar document", utf8("hello\n"), List.of(new Expected("schema/kind", "1:1"))),
        Arguments.of(
            "list document", utf8("- a\n- b\n"), List.of(new Expected("schema/kind", "1:1"))),
        Arguments.of(
            "flow nesting 200 deep",
            utf8("a: " + "[".repeat(200) + "]".repeat(200) + "\n"),
            List.of(new Expected("yaml/too-large", "1:67"))),
        Arguments.of(
            "block nesting 70 deep",
            utf8(deepBlock.toString()),
            List.of(new Expected("yaml/too-large", "68:129"))),
        Arguments.of(
            "tab indentation",
            utf8(GROUP + "labels:\n\tteam: x\n"),
            List.of(new Expected("yaml/syntax", "5:1"))),
        Arguments.of("binary garbage", garbage(), List.of(new Expected("yaml/encoding", "1:2"))),
        Arguments.of(
            "invalid UTF-8 after Korean",
            bytes(GROUP + "description: \"디스크", 0xC3, 0x28, "\"\n"),
            List.of(new Expected("yaml/encoding", "4:18"))),
        Arguments.of(
            "control character",
            utf8(GROUP + "description: \"a\u0007b\"\n"),
            List.of(new Expected("yaml/syntax", "4:16"))),
        Arguments.of(
            "malformed YAML",
            utf8(GROUP + "name: [unclosed\n"),
            List.of(new Expected("yaml/syntax", "5:1"))),
        Arguments.of(
            "non-string key",
            utf8(GROUP + "? [a]\n: b\n"),
            List.of(new Expected("yaml/unsupported", "4:3"))),
        Arguments.of(
            "huge integer priority",
            utf8(GROUP + "priority: 99999999999999999999999\n"),
            List.of(new Expected("format/priority", "4:11"))),
        Arguments.of(
            "summary: No in annotations",
            utf8(
                """
                                                        apiVersion: aami/v1
                                                        kind: AlertRule
                                                        id: r
                                                        group_id: ok
                                                        name: Down
                                                        severity: info
                                                        query_template: up == 0
                                                        config:
                                                          annotations:
                                                            summary: No
                                                          labels:
                                                            version: 1.0
                                                        """),
            List.of(
                new Expected("yaml/type-trap", "10:14"), new Expected("yaml/type-trap", "12:14"))),
        Arguments.of(
            "version: 1.0",
            utf8(
                """
                                          apiVersion: aami/v1
                                          kind: ScriptTemplate
                                          name: c
                                          language: sh
                                          version: 1.0
                                          script_content: echo
                                          """),
            List.of(new Expected("yaml/type-trap", "5:10"))),
        Arguments.of("9 MiB file", nineMebibytes(), List.of(new Expected("yaml/too-large", ""))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileFiles")
  void hostileFileGivesLocatedCodedErrorsAndNoStackTrace(
      String name, byte[] content, List<Expected> expected) throws IOException {
    write("inventory/groups.yaml", utf8(GROUP));
    write("inventory/x.yaml", content);

    JsonNode report = validateJson(1);
    List<Expected> actual = new ArrayList<>();
    for (JsonNode d : report.get("diagnostics")) {
      assertEquals("inventory/x.yaml", d.get("file").asText(), d.toString());
      int line = d.get("line").asInt();
      actual.add(
          new Expected(
              d.get("code").asText(), line == 0 ? "" : line + ":" + d.get("column").asInt()));
    }
    assertEquals(expected, actual);
    Cli text = Cli.run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.FAILED, text.exitCode());
    assertNoStackTrace(text);
  }

  @Test
  void emptyFilesAndBareSeparatorsAreHarmless() throws IOException {
    write("inventory/groups.yaml", utf8(GROUP));
    write("inventory/empty.yaml", new byte[0]);
    write("inventory/dashes.yaml", utf8("---\n"));
    write("inventory/comments.yaml", utf8("# nothing yet\n---\n...\n"));
    Cli run = Cli.run("validate", "--repo", repo.toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    assertTrue(run.err().contains("4 files checked, no problems"), run.err());
  }

  @Test
  void negativePriorityIsAnInteger() throws IOException {
    write("inventory/groups.yaml", utf8(GROUP + "priority: -5\n"));
    assertEquals(0, validateJson(0).get("diagnostics").size());
  }

  @Test
  void symlinkLoopAndDanglingLinkAreReportedPerFileAndTheRestIsStillChecked() throws IOException {
    write("inventory/groups.yaml", utf8(GROUP + "nam: typo\n"));
    Files.createSymbolicLink(repo.resolve("inventory/loop-a.yaml"), Path.of("loop-b.yaml"));
    Files.createSymbolicLink(repo.resolve("inventory/loop-b.yaml"), Path.of("loop-a.yaml"));
    Files.createSymbolicLink(repo.resolve("inventory/dangling.yaml"), Path.of("nowhere.yaml"));
    Files.createSymbolicLink(repo.resolve("aami.yaml"), Path.of("aami.yaml"));

    JsonNode report = validateJson(1);
    List<String> lines = new ArrayList<>();
    report
        .get("diagnostics")
        .forEach(
            d ->
                lines.add(
                    d.get("file").asText()
                        + ":"
                        + d.get("line").asInt()
                        + " "
                        + d.get("code").asText()));
    assertEquals(
        List.of(
            "aami.yaml:0 io/read",
            "inventory/dangling.yaml:0 io/read",
            "inventory/groups.yaml:4 schema",
            "inventory/loop-a.yaml:0 io/read",
            "inventory/loop-b.yaml:0 io/read"),
        lines);
    assertTrue(
        report
            .get("diagnostics")
            .get(0)
            .get("message")
            .asText()
            .startsWith("cannot read the file: "));
    assertFalse(
        report.toString().contains(repo.toString()),
        "messages name repository paths, not absolute ones");
  }

  @Test
  void directoryNamedLikeAYamlFileIsNotAFile() throws IOException {
    write("inventory/groups.yaml", utf8(GROUP));
    Files.createDirectories(repo.resolve("inventory/odd.yaml"));
    write("inventory/odd.yaml/inner.yaml", utf8(GROUP.replace("id: ok", "id: inner")));
    assertEquals(0, validateJson(0).get("diagnostics").size());
  }

  @Test
  void unreadableFileIsAnIoDiagnostic() throws IOException {
    write("inventory/groups.yaml", utf8(GROUP));
    Path secret = repo.resolve("inventory/secret.yaml");
    write("inventory/secret.yaml", utf8(GROUP.replace("id: ok", "id: secret")));
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
    assumeFalse(Files.isReadable(secret), "permissions are not enforced for this user (root)");
    JsonNode report = validateJson(1);
    JsonNode d = report.get("diagnostics").get(0);
    assertEquals("inventory/secret.yaml", d.get("file").asText());
    assertEquals("io/read", d.get("code").asText());
    assertEquals("cannot read the file: permission denied", d.get("message").asText());
  }

  private JsonNode validateJson(int expectedExit) throws IOException {
    Cli run = Cli.run("validate", "--repo", repo.toString(), "--format", "json");
    assertEquals(expectedExit, run.exitCode(), run.out() + run.err());
    assertNoStackTrace(run);
    return new ObjectMapper().readTree(run.out());
  }

  private static void assertNoStackTrace(Cli run) {
    String all = run.out() + run.err();
    assertFalse(
        all.contains("Exception") || all.contains("\tat ") || all.contains("aami: error:"), all);
  }

  private void write(String path, byte[] content) throws IOException {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Strings as UTF-8 and ints as raw bytes, concatenated. */
  private static byte[] bytes(Object... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (Object part : parts) {
      if (part instanceof String s) {
        out.writeBytes(utf8(s));
      } else {
        out.write((Integer) part);
      }
    }
    return out.toByteArray();
  }

  /** Random bytes after a valid first character, so the first bad byte is at column 2. */
  private static byte[] garbage() {
    byte[] bytes = new byte[4096];
    new Random(7).nextBytes(bytes);
    bytes[0] = 'x';
    bytes[1] = (byte) 0xFF;
    return bytes;
  }

  private static byte[] nineMebibytes() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (OutputStream sink = out) {
      sink.write(utf8(GROUP + "description: \""));
      byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 9 * 1024; i++) {
        sink.write(chunk);
      }
      sink.write(utf8("\"\n"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
