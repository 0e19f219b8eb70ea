package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Golden;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The terminal sessions in docs/RESOLUTION.md are real: every fenced block that starts with {@code
 * $ aami ...} is run on the example repository, and the rest of the block must be its output, where
 * a line {@code …} stands for lines left out.
 */
class ResolutionDocExamplesTest {
  private static final Pattern SESSION =
      Pattern.compile("```\\n\\$ aami ([^\\n]*)\\n(.*?)```", Pattern.DOTALL);
  private static final String ELIDED = "…\n";

  @Test
  void everySessionShowsWhatTheCommandPrints() throws Exception {
    String doc = Files.readString(Golden.projectDir().resolve("docs/RESOLUTION.md"));
    Matcher session = SESSION.matcher(doc);
    int sessions = 0;
    while (session.find()) {
      sessions++;
      List<String> args = new ArrayList<>(Arrays.asList(session.group(1).trim().split("\\s+")));
      args.addAll(List.of("--repo", Golden.projectDir().toString()));
      Cli run = Cli.run(args.toArray(String[]::new));
      assertEquals(ExitCode.OK, run.exitCode(), session.group(1) + ": " + run.err());
      assertShows(session.group(1), session.group(2), run.out());
    }
    assertTrue(sessions >= 4, "docs/RESOLUTION.md has " + sessions + " aami sessions");
  }

  private static void assertShows(String command, String shown, String output) {
    if (!shown.contains(ELIDED)) {
      assertEquals(shown, output, command);
      return;
    }
    int from = 0;
    for (String piece : shown.split(Pattern.quote(ELIDED), -1)) {
      int at = output.indexOf(piece, from);
      assertTrue(
          at >= 0,
          command
              + ": the output, from offset "
              + from
              + ", does not contain\n"
              + piece
              + "\n--- output ---\n"
              + output);
      from = at + piece.length();
    }
  }
}
