package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.TestRepo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageCommandTest {
  @TempDir Path dir;

  @Test
  void printsTheExampleRepositoryInEachFormat() {
    String repo = Golden.projectDir().toString();
    Cli markdown = Cli.run("report", "coverage", "--repo", repo);
    assertEquals(0, markdown.exitCode(), markdown.err());
    assertTrue(markdown.out().startsWith("# aami coverage\n"), markdown.out());
    assertEquals("", markdown.err());

    Cli json = Cli.run("report", "coverage", "--repo", repo, "--format", "json");
    assertEquals(0, json.exitCode(), json.err());
    assertTrue(json.out().contains("\"format_version\": 1"), json.out());

    Cli html = Cli.run("report", "coverage", "--repo", repo, "-f", "html");
    assertTrue(html.out().startsWith("<!DOCTYPE html>"), html.out());
  }

  @Test
  void refusesARepositoryWithErrors() {
    new TestRepo(dir).file("inventory/t.yaml", TestRepo.target("t1", "missing-group"));
    Cli cli = Cli.run("report", "coverage", "--repo", dir.toString());
    assertEquals(1, cli.exitCode());
    assertEquals("", cli.out());
    assertTrue(cli.err().contains("coverage report refused"), cli.err());
  }

  @Test
  void unknownFormatIsAUsageError() {
    Cli cli = Cli.run("report", "coverage", "--format", "pdf");
    assertEquals(2, cli.exitCode());
    assertTrue(cli.err().contains("pdf"), cli.err());
  }
}
