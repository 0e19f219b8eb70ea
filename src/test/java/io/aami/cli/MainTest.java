package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import org.junit.jupiter.api.Test;

class MainTest {
  @Test
  void versionPrintsTheProjectVersion() {
    Cli run = Cli.run("--version");
    assertEquals(ExitCode.OK, run.exitCode());
    assertTrue(run.out().matches("aami \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\n"), run.out());
  }

  @Test
  void noCommandIsAUsageError() {
    Cli run = Cli.run();
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("Missing command"), run.err());
  }

  @Test
  void unknownCommandSuggestsTheClosest() {
    Cli run = Cli.run("validat");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("validate"), run.err());
  }

  @Test
  void everyCommandHasHelpWithADescriptionAndExitCodes() {
    Cli top = Cli.run("--help");
    assertEquals(ExitCode.OK, top.exitCode());
    for (String name : new picocli.CommandLine(new AamiCommand()).getSubcommands().keySet()) {
      Cli help = Cli.run(name, "--help");
      assertEquals(ExitCode.OK, help.exitCode(), name);
      assertTrue(help.out().startsWith("Usage: aami " + name), help.out());
      assertTrue(help.out().contains("Exit codes:"), name + " help lists exit codes");
      assertTrue(top.out().contains(name), "top-level help lists " + name);
    }
  }
}
