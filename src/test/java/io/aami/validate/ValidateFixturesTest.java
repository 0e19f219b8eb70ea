package io.aami.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden-file tests of loading plus semantic validation. Each directory under {@code
 * src/test/resources/validate/<case>/} is a tiny repository ({@code templates/}, {@code policies/},
 * {@code inventory/}, optionally {@code aami.yaml}) with an {@code expected.txt} listing every
 * diagnostic, one per line, as {@code file:line:col: severity[code]: message}, sorted like {@code
 * aami validate} reports them; the {@code clean} case expects none.
 *
 * <p>Each case is copied into a temporary directory and loaded from there, because a few need files
 * git cannot carry portably; {@link #PREPARATIONS} creates them (invalid UTF-8 bytes, symlinks out
 * of the repository).
 *
 * <p>To regenerate every {@code expected.txt} after an intended change of messages, run {@code mvn
 * -B test -Dtest=ValidateFixturesTest -Daami.updateGolden=true} and review the diff.
 */
class ValidateFixturesTest {
  private static final Path CASES = Fixtures.projectDir().resolve("src/test/resources/validate");
  private static final boolean UPDATE = Boolean.getBoolean("aami.updateGolden");
  private static final Pattern CODE = Pattern.compile(": (?:error|warning)\\[([^\\]]+)\\]: ");

  /** The policy ambiguity check has fixtures of its own. */
  private static final Set<String> CODES_OWNED_ELSEWHERE =
      Set.of(
          Code.AMBIGUOUS_POLICY.id(),
          Code.RENDER_PATH.id(), // AmbiguityCheckTest; render's own path check (RenderServiceTest)
          Code.VERSION_NOT_BUMPED.id(), // needs two revisions: ChangedOnlyValidationTest
          // need a real Prometheus: io.aami.live.LiveChecksTest
          Code.LIVE_SERIES.id(),
          Code.LIVE_COUNTER.id(),
          Code.LIVE_RANGE.id(),
          Code.LIVE_DISAPPEARED.id(),
          Code.LIVE_VERSION.id(),
          // aami import, not validate: ImportRulesCommandTest, ImportScriptCommandTest
          Code.IMPORT_SOURCE.id(),
          Code.IMPORT_RULE.id(),
          Code.IMPORT_VERIFY.id(),
          Code.IMPORT_SCRIPT.id(),
          Code.IMPORT_TEXTFILE_OUTPUT.id());

  /**
   * Content that must be created at test time, by case name; gets the repository and a directory
   * outside it.
   */
  private static final Map<String, Preparation> PREPARATIONS =
      Map.of(
          "yaml-invalid-utf8",
              (repo, outside) ->
                  Fixtures.write(
                      repo.resolve("inventory/groups.yaml"),
                      Fixtures.bytes(
                          "apiVersion: aami/v1\nkind: Group\nid: gpu-cluster\n"
                              + "description: \"Caf",
                          0xC3,
                          0x28,
                          "\"\n")),
          "script-file-symlink-escape",
              (repo, outside) -> {
                Fixtures.write(
                    outside.resolve("secret.sh"),
                    "#!/bin/sh\necho secret\n".getBytes(StandardCharsets.UTF_8));
                Fixtures.write(
                    outside.resolve("group.yaml"),
                    "apiVersion: aami/v1\nkind: Group\nid: outside\n"
                        .getBytes(StandardCharsets.UTF_8));
                symlink(repo.resolve("templates/escape.sh"), outside.resolve("secret.sh"));
                symlink(repo.resolve("inventory/outside.yaml"), outside.resolve("group.yaml"));
              });

  @FunctionalInterface
  interface Preparation {
    void prepare(Path repo, Path outside) throws IOException;
  }

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(CASES)) {
      return dirs
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void diagnosticsMatchExpected(String name, @TempDir Path temp) throws IOException {
    Path repo = temp.resolve("repo");
    Path outside = temp.resolve("outside");
    Files.createDirectories(outside);
    Fixtures.copyTree(CASES.resolve(name), repo, "expected.txt");
    Preparation preparation = PREPARATIONS.get(name);
    if (preparation != null) {
      preparation.prepare(repo, outside);
    }

    List<Diagnostic> diagnostics = validate(repo);
    String actual = Fixtures.render(diagnostics);

    Path expectedFile = CASES.resolve(name).resolve("expected.txt");
    if (UPDATE) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    String expected =
        Files.exists(expectedFile) ? Files.readString(expectedFile, StandardCharsets.UTF_8) : "";
    assertEquals(expected, actual, "diagnostics of case " + name);
    assertEquals(
        new HashSet<>(diagnostics).size(), diagnostics.size(), "a diagnostic is reported twice");
    if (!name.equals("clean")) {
      assertTrue(!diagnostics.isEmpty(), "a failing fixture must fail");
    }
  }

  /** Generated rather than committed: an oversized file is refused before it is read. */
  @Test
  void oversizedFileIsRefusedWithOneDiagnostic(@TempDir Path repo) throws IOException {
    Path huge = repo.resolve("inventory/huge.yaml");
    Files.createDirectories(huge.getParent());
    String line = "# " + "x".repeat(1022) + "\n";
    try (var out = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
      out.write("apiVersion: aami/v1\nkind: Group\nid: huge\n");
      for (int i = 0; i < 8 * 1024 + 1; i++) {
        out.write(line);
      }
    }

    assertEquals(
        "inventory/huge.yaml:0:0: error[yaml/too-large]: file is larger than 8388608 bytes; split it\n",
        Fixtures.render(validate(repo)));
  }

  /** Every code this layer and the loader emit is exercised by at least one failing fixture. */
  @Test
  void everyCodeHasAFixture() throws IOException {
    Set<String> owned = new TreeSet<>();
    for (Code code : Code.values()) {
      owned.add(code.id());
    }
    owned.removeAll(CODES_OWNED_ELSEWHERE);
    owned.remove(
        Code.YAML_TOO_LARGE.id()); // also covered by oversizedFileIsRefusedWithOneDiagnostic
    Set<String> seen = new TreeSet<>();
    for (String name : cases().toList()) {
      for (String line : Files.readAllLines(CASES.resolve(name).resolve("expected.txt"))) {
        Matcher m = CODE.matcher(line);
        if (m.find()) {
          seen.add(m.group(1));
        }
      }
    }
    owned.removeAll(seen);
    assertEquals(Set.of(), owned, "codes without a failing fixture");
  }

  static List<Diagnostic> validate(Path repo) throws IOException {
    return new ArrayList<>(
        ValidationService.standard().validate(new WorkTreeSource(repo)).diagnostics());
  }

  private static void symlink(Path link, Path target) throws IOException {
    try {
      Files.createDirectories(link.getParent());
      Files.createSymbolicLink(link, target);
    } catch (UnsupportedOperationException | SecurityException e) {
      assumeTrue(false, "symlinks are not supported here: " + e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
