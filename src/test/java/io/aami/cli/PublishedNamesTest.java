package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ids become file names. Whatever validate accepts, render can write: an id the file system cannot
 * hold is refused at its source, never a "File name too long" from render after validation passed.
 */
class PublishedNamesTest {
  @TempDir Path tmp;

  private TestRepo repo(String groupId, String targetId) {
    return new TestRepo(tmp.resolve("repo"))
        .file("inventory/groups.yaml", "apiVersion: aami/v1\nkind: Group\nid: " + groupId + "\n")
        .file(
            "inventory/targets.yaml",
            "apiVersion: aami/v1\nkind: Target\nid: "
                + targetId
                + "\nhostname: node-1.example.internal\naddress: node-1.example.internal:9100\ngroups: ["
                + groupId
                + "]\n")
        .file(
            "policies/alerts/rules.yaml",
            "apiVersion: aami/v1\nkind: AlertRule\nid: down\n"
                + "group_id: "
                + groupId
                + "\nname: NodeDown\nseverity: critical\n"
                + "query_template: up == 0\n");
  }

  /** Every length up to the schema's 253: each either fails validation or renders. */
  @ParameterizedTest
  @ValueSource(ints = {249, 250, 251, 252, 253})
  void aGroupIdEitherFailsValidationAtItsSourceOrRenders(int length) throws Exception {
    String id = "g" + "x".repeat(length - 1);
    TestRepo repo = repo(id, "node-1");

    Cli validate = Cli.run("validate", "--repo", repo.root().toString());
    Cli render =
        Cli.run("render", "--repo", repo.root().toString(), "--out", tmp.resolve("out").toString());

    if (length <= 250) {
      assertEquals(ExitCode.OK, validate.exitCode(), validate.err());
      assertEquals(ExitCode.OK, render.exitCode(), render.err());
      assertTrue(Files.isRegularFile(tmp.resolve("out/prometheus/rules/" + id + ".yaml")));
      assertTrue(Files.isRegularFile(tmp.resolve("out/prometheus/file_sd/" + id + ".json")));
    } else {
      assertEquals(ExitCode.FAILED, validate.exitCode(), validate.err());
      assertTrue(
          validate
              .err()
              .contains(
                  "inventory/groups.yaml:3:5: error[render/path]: group id is "
                      + length
                      + " bytes long"),
          validate.err());
      assertEquals(ExitCode.FAILED, render.exitCode(), render.err());
      assertTrue(render.err().contains("error[render/path]"), render.err());
      assertTrue(
          !render.err().contains("too long") || render.err().contains("bytes long"), render.err());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"hostname", "HOSTNAME", "HostName"})
  void theReservedTargetIdIsRefusedInAnyCase(String id) {
    TestRepo repo = repo("g", id);

    Cli validate = Cli.run("validate", "--repo", repo.root().toString());

    assertEquals(ExitCode.FAILED, validate.exitCode(), validate.err());
    assertTrue(
        validate.err().contains("error[target/path]: target id '" + id + "' is reserved"),
        validate.err());
  }

  @Test
  void theLongestTargetIdTheSchemaAllowsRenders() {
    String id = "t" + "x".repeat(252);
    TestRepo repo = repo("g", id);

    Cli render =
        Cli.run("render", "--repo", repo.root().toString(), "--out", tmp.resolve("out").toString());

    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    assertTrue(Files.isRegularFile(tmp.resolve("out/api/v1/checks/target/" + id)));
  }
}
