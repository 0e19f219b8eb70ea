package io.aami.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * The command list of {@code aami --help}: one sentence per command. picocli would show the first
 * line of each description, which for a description wrapped by hand stops mid-sentence.
 */
final class CommandSummaries implements IHelpSectionRenderer {
  @Override
  public String render(Help help) {
    if (help.subcommands().isEmpty()) {
      return "";
    }
    Map<String, String> summaries = new LinkedHashMap<>();
    help.subcommands()
        .forEach(
            (name, sub) -> {
              // A header, when a command has one (picocli's help command does), is its summary.
              String[] header = sub.commandSpec().usageMessage().header();
              summaries.put(
                  name,
                  firstSentence(
                      header.length > 0 ? header : sub.commandSpec().usageMessage().description()));
            });
    return help.createTextTable(summaries).toString();
  }

  /** The description up to its first full stop or colon, as one sentence. */
  static String firstSentence(String[] description) {
    String text =
        Arrays.stream(description)
            .map(String::trim)
            .filter(line -> !line.isEmpty())
            .collect(Collectors.joining(" "));
    int end = text.length();
    for (String stop : new String[] {". ", ": "}) {
      int at = text.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String sentence = text.substring(0, end);
    while (sentence.endsWith(".") || sentence.endsWith(":")) {
      sentence = sentence.substring(0, sentence.length() - 1);
    }
    return sentence.isEmpty() ? "" : sentence + ".";
  }
}
