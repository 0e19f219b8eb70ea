package io.aami.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "completion",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print a shell completion script for aami: every command, option and fixed option value.",
      "Load it in the current shell with 'source <(aami completion bash)', or put it in a file that"
          + " your shell reads at start (for zsh, 'source <(aami completion zsh)' in ~/.zshrc).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:script printed", "2:usage error (unknown shell)"})
final class CompletionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** The shells picocli's generator supports; zsh through its bash completion compatibility. */
  enum Shell {
    BASH,
    ZSH
  }

  @Parameters(
      paramLabel = "SHELL",
      converter = Shells.class,
      completionCandidates = Shells.class,
      description = "The shell: ${COMPLETION-CANDIDATES}.")
  Shell shell;

  @Override
  public Integer call() {
    String script = AutoComplete.bash("aami", spec.root().commandLine());
    if (shell == Shell.ZSH) {
      // The generated script enables bashcompinit itself when it runs under zsh.
      script = "#compdef aami\n" + script;
    }
    spec.commandLine().getOut().print(script);
    return ExitCode.OK;
  }

  static final class Shells extends LowercaseEnums.Option<Shell> {
    Shells() {
      super(Shell.class);
    }
  }
}
