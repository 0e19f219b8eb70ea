package io.aami.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with one check of the repository on this machine.",
    subcommands = {CheckRunCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the check succeeded",
      "1:the check failed, or the repository has errors",
      "2:usage error, including a missing subcommand",
      "3:I/O or internal error"
    })
final class CheckCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand; see 'aami check --help'.");
  }
}
