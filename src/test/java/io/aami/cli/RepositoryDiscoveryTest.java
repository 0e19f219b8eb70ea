package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.source.RepositoryRoot;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without --repo, commands find the repository upward from the working directory, like git. */
class RepositoryDiscoveryTest {
  @TempDir Path tmp;

  @Test
  void theNearestDirectoryWithAamiContentIsTheRoot() throws Exception {
    Path repo = tmp.resolve("fleet");
    Files.createDirectories(repo.resolve("policies/scripts/deep"));
    Files.createDirectories(repo.resolve("inventory"));
    assertEquals(Optional.of(repo), RepositoryRoot.find(repo.resolve("policies/scripts/deep")));
    assertEquals(Optional.of(repo), RepositoryRoot.find(repo));
    assertEquals(
        Optional.empty(),
        RepositoryRoot.find(tmp.resolve("elsewhere")).filter(p -> p.startsWith(tmp)));

    Path settingsOnly = tmp.resolve("settings-only");
    Files.createDirectories(settingsOnly.resolve("sub"));
    Files.writeString(settingsOnly.resolve("aami.yaml"), "{}\n");
    assertEquals(Optional.of(settingsOnly), RepositoryRoot.find(settingsOnly.resolve("sub")));
  }

  /** A real process whose working directory is policies/ of the example repository. */
  @Test
  void validateFromASubdirectoryValidatesTheWholeRepository() throws Exception {
    Path repo = tmp.resolve("fleet");
    Path example = Golden.projectDir();
    for (String dir : List.of("templates", "policies", "inventory", "schemas")) {
      Trees.copy(example.resolve(dir), repo.resolve(dir));
    }
    Files.copy(example.resolve("aami.yaml"), repo.resolve("aami.yaml"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessResult run =
        Processes.run(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "validate",
                "--format",
                "json"),
            null,
            repo.resolve("policies"));
    assertEquals(0, run.exitCode(), run.toString());
    long files;
    try (var walk = Files.walk(repo)) {
      files =
          walk.filter(p -> p.toString().endsWith(".yaml") && !p.startsWith(repo.resolve("schemas")))
              .count();
    }
    assertTrue(
        run.stdout().contains("\"files\": " + files),
        "all " + files + " YAML files:\n" + run.stdout());
  }
}
