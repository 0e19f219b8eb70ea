package io.aami.cli;

import io.aami.diag.ProblemCap;
import io.aami.report.ReportFormat;
import io.aami.source.RepositorySource;
import io.aami.validate.ChangedOnly;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Check the whole repository and report every problem, not just the first. Runs the JSON"
          + " Schemas, reference, scope, script, hash, format, placeholder and policy-ambiguity checks."
          + " Use it in pull requests; with --base, only the problems the pull request brings.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no errors (warnings allowed unless --strict)",
      "1:problems found",
      "2:usage error",
      "3:I/O or internal error"
    })
final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = LowercaseEnums.ReportFormats.class,
      completionCandidates = LowercaseEnums.ReportFormats.class,
      description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
          + "text goes to stderr; the machine formats (sarif for GitHub code scanning) go to stdout.")
  ReportFormat format;

  @Option(names = "--strict", description = "Treat warnings as errors (exit 1 on any warning)."
      + " Suppressed problems do not count.")
  boolean strict;

  @Option(names = "--max-problems", paramLabel = "N", defaultValue = "" + ProblemCap.DEFAULT_PER_FILE,
      description = "Print at most N problems per file, errors before warnings (default: ${DEFAULT-VALUE};"
          + " 0 prints every problem). The summary and the exit code always count every problem, and"
          + " every format says how many errors and warnings it left out.")
  int maxProblems;

  @Option(names = "--base", paramLabel = "REV",
      description = "Report only the problems this change is responsible for: those in files changed since"
          + " the git revision REV, and those anywhere that REV did not have (a deleted template still"
          + " referenced, a new tie between policies). Also warns when a script changed but its version"
          + " did not. Says how many pre-existing problems it left out.")
  String base;

  @Option(names = "--no-suppress",
      description = "Ignore every suppression: the '# aami-disable' comments and the validate section of"
          + " aami.yaml (disable and severity). Shows every problem the checks find.")
  boolean noSuppress;

  record Request(RepoOption repo, ReportFormat format, boolean strict, String base, int maxProblems,
      boolean noSuppress) {}

  @Override
  public Integer call() throws Exception {
    if (maxProblems < 0) {
      throw new ParameterException(spec.commandLine(),
          "--max-problems must be 0 (no cap) or a positive number, not " + maxProblems);
    }
    Request request = new Request(repo, format, strict, base, maxProblems, noSuppress);
    RepositorySource head = Repositories.open(spec.commandLine(), request.repo());
    ValidationService service = request.noSuppress()
        ? ValidationService.standard().withoutSuppressions() : ValidationService.standard();
    ValidationReport report;
    if (request.base() == null) {
      report = service.validate(head);
    } else {
      ChangedOnly.Result result = new ChangedOnly(service)
          .validate(Repositories.openRevision(spec.commandLine(), "--base", request.repo(), request.base()), head);
      report = result.report();
      if (result.leftOut() > 0) {
        spec.commandLine().getErr().println("aami: left out " + result.leftOut() + " pre-existing "
            + (result.leftOut() == 1 ? "problem" : "problems") + " in files unchanged since " + request.base());
      }
    }
    String text = request.format().formatter().format(report, request.maxProblems());
    if (request.format() == ReportFormat.TEXT) {
      spec.commandLine().getErr().print(text);
    } else {
      spec.commandLine().getOut().print(text);
    }
    return report.passes(request.strict()) ? ExitCode.OK : ExitCode.FAILED;
  }
}
