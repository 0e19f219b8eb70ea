package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
  /** Asks the JVM for an array it cannot have: a real OutOfMemoryError, at once. */
  @picocli.CommandLine.Command(name = "exhaust")
  static final class Exhaust implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Option(names = "--on-a-worker-thread")
    boolean wrapped;

    @Override
    public Integer call() throws Exception {
      try {
        return new long[Integer.MAX_VALUE].length;
      } catch (OutOfMemoryError e) {
        if (wrapped) {
          throw new java.util.concurrent.ExecutionException(e); // as a Future hands it over
        }
        throw e;
      }
    }
  }

  @Test
  void runningOutOfHeapExitsThreeWithOneLineOfAdviceWhereverItHappens() {
    for (String[] args :
        List.of(new String[] {"exhaust"}, new String[] {"exhaust", "--on-a-worker-thread"})) {
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli =
          Main.newCommandLine(
              new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err));
      cli.addSubcommand(new Exhaust());
      cli.setErr(
          new java.io.PrintWriter(err)); // subcommands take the writers set after they were added
      assertEquals(ExitCode.ERROR, Main.execute(cli, args));
      assertEquals(OutOfMemory.MESSAGE + "\n", err.toString());
      assertTrue(
          OutOfMemory.MESSAGE.contains("AAMI_JAVA_OPTS") && OutOfMemory.MESSAGE.contains("-Xmx"));
    }
  }

  @Test
  void versionPrintsTheProjectVersionAndTheCommitOfTheBuild() {
    Cli run = Cli.run("--version");
    assertEquals(ExitCode.OK, run.exitCode());
    // The build runs inside this git checkout, so the commit is known (never "unknown" here).
    assertTrue(
        run.out().matches("aami \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit [0-9a-f]{12}\\)\\n"),
        run.out());
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
    for (String name : allCommands().getSubcommands().keySet()) {
      if (name.equals("help")) {
        continue; // picocli's help command; HelpCommandTest covers it
      }
      Cli help = Cli.run(name, "--help");
      assertEquals(ExitCode.OK, help.exitCode(), name);
      assertTrue(help.out().startsWith("Usage: aami " + name), help.out());
      assertTrue(help.out().contains("Exit codes:"), name + " help lists exit codes");
      assertTrue(top.out().contains(name), "top-level help lists " + name);
    }
  }

  @Test
  void topLevelHelpSummarizesEachCommandInOneCompleteSentence() {
    String help = Cli.run("--help").out();
    String commands = help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:")).trim();
    java.util.Map<String, String> summaries = new java.util.LinkedHashMap<>();
    String current = null;
    for (String line : commands.split("\n", -1)) {
      java.util.regex.Matcher entry =
          java.util.regex.Pattern.compile("^  ([\\w-]+) +(.*)$").matcher(line);
      if (entry.matches()) {
        current = entry.group(1);
        summaries.put(current, entry.group(2).trim());
      } else if (current != null && line.startsWith("    ")) {
        summaries.put(current, summaries.get(current) + " " + line.trim());
      }
    }
    assertEquals(allCommands().getSubcommands().keySet(), summaries.keySet());
    summaries.forEach(
        (name, summary) -> {
          assertTrue(summary.endsWith(".") && !summary.endsWith(":."), name + ": " + summary);
          assertEquals(
              1, summary.split("\\. ").length, name + " summary is one sentence: " + summary);
        });
  }

  private static picocli.CommandLine allCommands() {
    return Main.newCommandLine(
        new java.io.PrintWriter(new java.io.StringWriter()),
        new java.io.PrintWriter(new java.io.StringWriter()));
  }

  @Test
  void theCatalogRegistersEachCommandUnderItsAnnotatedName() {
    assertEquals(CommandCatalog.names(), List.copyOf(allCommands().getSubcommands().keySet()));
  }

  @Test
  void aCommandLineNamingOneCommandRegistersOnlyThatOne() {
    assertEquals(
        List.of(ValidateCommand.class), CommandCatalog.neededFor("validate", "--repo", "x"));
    assertEquals(List.of(RenderCommand.class), CommandCatalog.neededFor("render", "--help"));
    // help, completion, unknown or missing commands list or suggest the others
    for (String[] args :
        List.of(
            new String[] {"help", "render"},
            new String[] {"completion", "bash"},
            new String[] {"validat"},
            new String[] {"--help"},
            new String[] {},
            new String[] {"--", "validate"})) {
      assertEquals(CommandCatalog.all(), CommandCatalog.neededFor(args), String.join(" ", args));
    }
  }

  @Test
  void aCommandRunAloneStillHelpsAndSuggestsAsWithAllRegistered() {
    Cli help = Cli.run("help", "validate");
    assertEquals(ExitCode.OK, help.exitCode(), help.err());
    assertTrue(help.out().startsWith("Usage: aami validate"), help.out());
    Cli wrongOption = Cli.run("validate", "--strcit");
    assertEquals(ExitCode.USAGE, wrongOption.exitCode());
    assertTrue(wrongOption.err().contains("--strict"), wrongOption.err());
  }

  @Test
  void summaryIsTheFirstSentenceOfAHandWrappedDescription() {
    assertEquals(
        "Print the checks a target runs, with their merged config.",
        CommandSummaries.firstSentence(
            new String[] {
              "Print the checks a target runs, with their merged config: exactly what",
              "its agent fetches."
            }));
    assertEquals(
        "Check it all, not just the first.",
        CommandSummaries.firstSentence(
            new String[] {"Check it all, not just", "  the first. Then more."}));
    assertEquals(
        "Publish the site.",
        CommandSummaries.firstSentence(new String[] {"Publish the site:", "  a/b/c"}));
    assertEquals("One line.", CommandSummaries.firstSentence(new String[] {"One line."}));
  }
}
