package io.aami.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Bring existing monitoring into the repository: Prometheus rule files, "
            + "PrometheusRule manifests and ruler namespaces (import rules), and check scripts "
            + "(import script). docs/AUTHORING.md describes the migration.",
    subcommands = {ImportRulesCommand.class, ImportScriptCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:imported (or, with --dry-run or --verify, nothing to complain about)",
      "1:something could not be imported, the result would not validate, or --verify found a "
          + "difference",
      "2:usage error, including a missing subcommand",
      "3:I/O or internal error"
    })
final class ImportCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand; see 'aami import --help'.");
  }
}
