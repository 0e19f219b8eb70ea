package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The man pages the Debian package installs: one per command and subcommand, in the manpage
 * doctype.
 */
class ManPagesTest {
  @TempDir Path out;

  @Test
  void everyCommandAndSubcommandGetsAPageWithItsOptions() throws Exception {
    assertEquals(0, ManPages.generate(out.toFile()));

    Set<String> expected = new TreeSet<>();
    collect(
        Main.newCommandLine(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(new java.io.StringWriter())),
        expected);
    Set<String> written;
    try (Stream<Path> files = Files.list(out)) {
      written =
          files
              .map(file -> file.getFileName().toString())
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(expected, written);
    assertTrue(written.contains("aami-validate.adoc"), written::toString);
    assertTrue(written.size() > 20, written::toString);

    String validate = Files.readString(out.resolve("aami-validate.adoc"));
    assertTrue(validate.contains(":doctype: manpage"), validate);
    assertTrue(validate.contains("= aami-validate(1)"), validate);
    assertTrue(validate.contains("--strict"), validate);
  }

  private static void collect(CommandLine command, Set<String> pages) {
    if (command.getCommandSpec().usageMessage().hidden()) {
      return;
    }
    pages.add(command.getCommandSpec().qualifiedName("-") + ".adoc");
    command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, pages));
  }
}
