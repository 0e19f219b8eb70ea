package io.aami.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "aami",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Validate, resolve and render a GitOps repository of monitoring checks.",
    subcommands = {ValidateCommand.class, ResolveCommand.class, RenderCommand.class, ServeCommand.class,
      DiffCommand.class, Nouns.Template.class, Nouns.Policy.class, Nouns.AlertTemplate.class,
      Nouns.AlertRule.class, Nouns.Group.class, Nouns.Target.class, InitCommand.class,
      KeysCommand.class, VerifyCommand.class, ReportCommand.class, CheckCommand.class,
      CompletionCommand.class, HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:validation or check failed",
      "2:usage error",
      "3:I/O, git or internal error"
    })
final class AamiCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command; see 'aami --help'.");
  }
}
