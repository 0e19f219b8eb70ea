package io.aami.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Reports about the repository as a whole.",
    subcommands = {CoverageCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:report printed",
      "1:the repository has errors",
      "2:usage error, including a missing report name",
      "3:I/O or internal error"
    })
final class ReportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing report; see 'aami report --help'.");
  }
}
