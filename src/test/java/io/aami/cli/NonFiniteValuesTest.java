package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.ExampleRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * YAML's {@code .inf}, {@code -.inf}, {@code .nan} and numbers beyond the double range, in any
 * field of any kind (fields with a fixed set of values such as {@code language}, {@code severity}
 * and {@code scope} crashed inside the schema library): always a located {@code yaml/unsupported}
 * error and exit code 1.
 */
class NonFiniteValuesTest {
  private static final List<String> VALUES =
      List.of(
          ".inf", "-.inf", ".nan", "1e400", "-1e400", ".Inf", "+.inf", ".NaN", "-.INF", "1.5e309");

  /**
   * A block-mapping field with a one-line scalar value; flow collections and block scalars
   * excluded.
   */
  private static final Pattern FIELD =
      Pattern.compile("^(\\s*(?:- )?)([a-z_]+): ([^|>\\[{&*#\\s].*)$");

  @TempDir Path tmp;

  private Path example() throws Exception {
    return ExampleRepository.copyTo(tmp.resolve("repo"));
  }

  @Test
  void theExampleRepositoryIsValidToBeginWith() throws Exception {
    Cli run = Cli.run("validate", "--repo", example().toString());
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
  }

  @Test
  void everyScalarFieldOfEveryKindRefusesEveryNonFiniteValueAtItsPlace() throws Exception {
    Path repo = example();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(repo)) {
      files = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    List<String> fields = new ArrayList<>();
    int variant = 0;
    for (Path file : files) {
      String original = Files.readString(file);
      String[] lines = original.split("\n", -1);
      for (int i = 0; i < lines.length; i++) {
        Matcher m = FIELD.matcher(lines[i]);
        if (!m.matches() || m.group(2).equals("apiVersion") || m.group(2).equals("kind")) {
          continue;
        }
        String value = VALUES.get(variant++ % VALUES.size());
        String[] edited = lines.clone();
        edited[i] = m.group(1) + m.group(2) + ": " + value;
        Files.writeString(file, String.join("\n", edited));
        String where =
            repo.relativize(file)
                + ":"
                + (i + 1)
                + ":"
                + (m.group(1).length() + m.group(2).length() + 3);
        Cli run = Cli.run("validate", "--repo", repo.toString());
        String context = where + " " + m.group(2) + ": " + value + "\n" + run.err();
        assertEquals(ExitCode.FAILED, run.exitCode(), context);
        assertTrue(
            run.err()
                .contains(
                    where + ": error[yaml/unsupported]: '" + value + "' is not a finite number"),
            context);
        assertFalse(run.err().contains("Exception"), context);
        fields.add(m.group(2));
        Files.writeString(file, original);
      }
    }
    for (String field :
        List.of(
            "language",
            "severity",
            "scope",
            "version",
            "timeout",
            "priority",
            "name",
            "hostname",
            "script_type",
            "group_id")) {
      assertTrue(fields.contains(field), "the example covers " + field + ": " + fields);
    }
  }

  @Test
  void nonFiniteValuesInsideConfigsAndListsAreLocatedToo() throws Exception {
    Path repo = example();
    Path policy = repo.resolve("policies/scripts/check-disk-usage.yaml");
    String original = Files.readString(policy);
    for (String value : VALUES) {
      Files.writeString(policy, original + "# nested\n");
      Path extra = repo.resolve("inventory/targets/extra.yaml");
      Files.writeString(
          extra,
          "apiVersion: aami/v1\nkind: Target\nid: extra-01\nhostname: extra-01\n"
              + "groups: ["
              + value
              + "]\nlabels:\n  rack: "
              + value
              + "\n");
      Cli run = Cli.run("validate", "--repo", repo.toString());
      assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
      assertTrue(
          run.err().contains("inventory/targets/extra.yaml:5:10: error[yaml/unsupported]"),
          run.err());
      assertTrue(
          run.err().contains("inventory/targets/extra.yaml:7:9: error[yaml/unsupported]"),
          run.err());
    }
  }
}
