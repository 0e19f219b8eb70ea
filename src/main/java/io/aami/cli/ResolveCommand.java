package io.aami.cli;

import io.aami.report.ReportFormat;
import io.aami.report.ResolveFormat;
import io.aami.resolve.ResolveService;
import io.aami.validate.CheckedRepository;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "resolve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print the checks a target runs, with their merged config: exactly what its node agent"
          + " fetches from api/v1/checks/target/<id>. With --explain, also why: every candidate"
          + " policy and why it won or lost, and where each config value came from (file:line).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:resolved",
      "1:unknown target, or the repository has errors",
      "2:usage error",
      "3:I/O or internal error"
    })
final class ResolveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @Parameters(paramLabel = "TARGET", description = "Target id or hostname.")
  String target;

  @Option(
      names = {"-e", "--explain"},
      description =
          "Explain every decision: candidates, winner, and the source of each config value.")
  boolean explain;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Formats.class,
      completionCandidates = Formats.class,
      description =
          "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
              + "json without --explain is the published file, byte for byte.")
  ResolveFormat format;

  record Request(RepoOption repo, String target, boolean explain, ResolveFormat format) {}

  @Override
  public Integer call() throws Exception {
    Request request = new Request(repo, target, explain, format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CheckedRepository checked =
        CheckedRepository.load(Repositories.open(spec.commandLine(), request.repo()));
    if (!checked.valid()) {
      err.print(ReportFormat.TEXT.formatter().format(checked.report()));
      err.println("aami: resolve refused: fix the errors above first");
      return ExitCode.FAILED;
    }
    ResolveService.Outcome outcome =
        new ResolveService()
            .resolve(
                checked.loaded().repository(),
                new ResolveService.Request(request.target(), request.explain()));
    if (outcome instanceof ResolveService.UnknownTarget unknown) {
      err.println(
          "aami: unknown target '"
              + unknown.requested()
              + "' (neither a target id nor a hostname)"
              + unknown.suggestion().map(s -> "; did you mean '" + s + "'?").orElse(""));
      if (unknown.suggestion().isEmpty() && !unknown.known().isEmpty()) {
        boolean all = unknown.targetCount() == unknown.known().size();
        err.println(
            (all ? "known targets: " : "closest of " + unknown.targetCount() + " known targets: ")
                + String.join(", ", unknown.known()));
      }
      return ExitCode.FAILED;
    }
    out.print(request.format().format((ResolveService.Found) outcome));
    return ExitCode.OK;
  }

  static final class Formats extends LowercaseEnums.Option<ResolveFormat> {
    Formats() {
      super(ResolveFormat.class);
    }
  }
}
