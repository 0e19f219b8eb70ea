package io.aami.cli;

import io.aami.coverage.CoverageService;
import io.aami.report.CoverageFormat;
import io.aami.validate.CheckedRepository;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "coverage",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print which groups run which checks (the winning policy, whether it is global or the "
          + "group's own, inactive policies, config keys changed from the default), which alert "
          + "rules cover each group, how many targets each group has, and the targets in no group.",
      "The markdown format fits a pull-request comment; html is one self-contained page with the "
          + "full matrix; json is for tools (docs/COVERAGE.md)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:report printed",
      "1:the repository has errors",
      "2:usage error",
      "3:I/O or internal error"
    })
final class CoverageCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "markdown",
      converter = Formats.class,
      completionCandidates = Formats.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  CoverageFormat format;

  record Request(RepoOption repo, CoverageFormat format) {}

  @Override
  public Integer call() throws Exception {
    Request request = new Request(repo, format);
    PrintWriter out = spec.commandLine().getOut();
    Optional<CheckedRepository> checked =
        Repositories.loadValid(spec.commandLine(), request.repo(), "coverage report");
    if (checked.isEmpty()) {
      return ExitCode.FAILED;
    }
    out.print(
        request.format().format(new CoverageService().build(checked.get().loaded().repository())));
    return ExitCode.OK;
  }

  static final class Formats extends LowercaseEnums.Option<CoverageFormat> {
    Formats() {
      super(CoverageFormat.class);
    }
  }
}
