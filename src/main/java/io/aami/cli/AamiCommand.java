package io.aami.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "aami",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Validate, resolve and render a GitOps repository of monitoring checks.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:validation or check failed",
      "2:usage error",
      "3:I/O, git or internal error"
    })
// The subcommands are added by Main from CommandCatalog, only those the command line can reach.
final class AamiCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command; see 'aami --help'.");
  }
}
