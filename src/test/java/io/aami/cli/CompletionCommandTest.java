package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts load in the real shells and complete aami's commands and options. */
class CompletionCommandTest {
  @TempDir Path tmp;

  private Path script(String shell) throws Exception {
    Cli run = Cli.run("completion", shell);
    assertEquals(ExitCode.OK, run.exitCode(), run.err());
    Path file = tmp.resolve("aami." + shell);
    Files.writeString(file, run.out());
    return file;
  }

  @Test
  void bashScriptLoadsAndCompletesCommandsAndOptionValues() throws Exception {
    Tools.assumeOnPath("bash");
    Path script = script("bash");
    ProcessResult loaded =
        Processes.run(
            List.of("bash", "-c", "source <(cat \"$0\") && complete -p aami", script.toString()),
            null,
            tmp);
    assertEquals(0, loaded.exitCode(), loaded.toString());
    assertEquals("complete -o default -F _complete_aami aami", loaded.stdout().strip());

    ProcessResult commands =
        Processes.run(
            List.of(
                "bash",
                "-c",
                "source \"$0\"; COMP_WORDS=(aami di);"
                    + " COMP_CWORD=1; COMP_LINE='aami di'; COMP_POINT=7; _complete_aami; printf '%s\\n' \"${COMPREPLY[@]}\"",
                script.toString()),
            null,
            tmp);
    assertEquals(0, commands.exitCode(), commands.toString());
    assertEquals("diff", commands.stdout().strip(), commands.toString());

    ProcessResult formats =
        Processes.run(
            List.of(
                "bash",
                "-c",
                "source \"$0\"; COMP_WORDS=(aami diff --format '');"
                    + " COMP_CWORD=3; COMP_LINE='aami diff --format '; COMP_POINT=19; _complete_aami;"
                    + " printf '%s\\n' \"${COMPREPLY[@]}\" | sort",
                script.toString()),
            null,
            tmp);
    assertEquals("json\nmarkdown\ntext", formats.stdout().strip(), formats.toString());
  }

  @Test
  void zshScriptLoadsThroughBashCompatibility() throws Exception {
    Tools.assumeOnPath("zsh");
    Path script = script("zsh");
    ProcessResult loaded =
        Processes.run(
            List.of(
                "zsh",
                "-c",
                "autoload -U compinit && compinit -u;" + " source \"$0\" && echo ${_comps[aami]}",
                script.toString()),
            null,
            tmp);
    assertEquals(0, loaded.exitCode(), loaded.toString());
    assertEquals(
        "_bash_complete -F _complete_aami -o default", loaded.stdout().strip(), loaded.toString());
  }

  @Test
  void unknownShellIsAUsageError() {
    Cli run = Cli.run("completion", "fish");
    assertEquals(ExitCode.USAGE, run.exitCode());
    assertTrue(run.err().contains("'fish' is not one of bash, zsh"), run.err());
  }
}
