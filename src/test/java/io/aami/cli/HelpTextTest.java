package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Help texts are sentences that picocli wraps, and they say what the commands do. */
class HelpTextTest {
  @TempDir Path tmp;

  /**
   * Every paragraph of every command's description, header and prose footer, and of every option
   * and parameter description, ends a sentence or introduces a list. A line ending mid-sentence is
   * a hand break: picocli would print it as a short line, whatever the terminal width.
   */
  @Test
  void noHandBreaksInAnyHelpText() {
    List<String> broken = new ArrayList<>();
    visit(
        Main.newCommandLine(
                new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()))
            .getCommandSpec(),
        broken);
    assertEquals(List.of(), broken);
  }

  private static void visit(CommandSpec spec, List<String> broken) {
    String where = spec.qualifiedName(" ");
    check(where + " description", spec.usageMessage().description(), broken);
    check(where + " header", spec.usageMessage().header(), broken);
    List<String> proseFooter =
        Stream.of(spec.usageMessage().footer())
            .filter(line -> !line.startsWith(" "))
            .toList(); // indented footer lines are command examples
    check(where + " footer", proseFooter.toArray(String[]::new), broken);
    for (ArgSpec arg : spec.args()) {
      String name =
          arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
      check(where + " " + name, arg.description(), broken);
    }
    spec.subcommands().values().forEach(sub -> visit(sub.getCommandSpec(), broken));
  }

  private static void check(String where, String[] paragraphs, List<String> broken) {
    for (String paragraph : paragraphs) {
      for (String line : paragraph.split("%n", -1)) {
        String text = line.strip();
        if (!text.isEmpty() && !text.matches("(?s).*[.:;!?]$")) {
          broken.add(where + ": '" + text + "'");
        }
      }
    }
  }

  @Test
  void helpCommandShowsACommandsHelp() {
    Cli help = Cli.run("help", "diff");
    assertEquals(ExitCode.OK, help.exitCode(), help.err());
    assertEquals(Cli.run("diff", "--help").out(), help.out());
    assertTrue(help.out().startsWith("Usage: aami diff"), help.out());
  }

  /** Every kind of file that render writes into the example's site is named in render --help. */
  @Test
  void renderHelpListsEveryOutputItWrites() throws IOException {
    Path out = tmp.resolve("public");
    Cli render =
        Cli.run("render", "--repo", Golden.projectDir().toString(), "--out", out.toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    String help = Cli.run("render", "--help").out().replaceAll("\\s+", " ");
    TreeSet<String> kinds = new TreeSet<>();
    try (Stream<Path> files = Files.walk(out)) {
      files
          .filter(Files::isRegularFile)
          .forEach(
              file -> {
                String path = out.relativize(file).toString().replace('\\', '/');
                int slash = path.lastIndexOf('/');
                kinds.add(slash < 0 ? path : path.substring(0, slash + 1));
              });
    }
    assertTrue(kinds.size() >= 5, kinds.toString());
    for (String kind : kinds) {
      assertTrue(help.contains(kind), "render --help does not mention " + kind + ":\n" + help);
    }
  }
}
