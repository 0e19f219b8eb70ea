package io.aami.cli;

import io.aami.publish.RenderService;
import io.aami.publish.RefusedOutputException;
import io.aami.report.RenderText;
import io.aami.report.ReportFormat;
import io.aami.source.RepositorySource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Publish the repository as a static site that any web server can serve. It writes:",
      "  - api/v1/checks/target/<id> and api/v1/checks/target/hostname/<hostname>: the checks of"
          + " each target with its scripts inline, what the seed's node agents fetch (off with"
          + " publish.inline_checks: false in aami.yaml);",
      "  - api/v2/checks/target/<id> and api/v2/checks/target/hostname/<hostname>: the same checks"
          + " in compact form, each script named by its SHA-256, what the node agent fetches first;",
      "  - api/v1/scripts/sha256/<hash>: each distinct script once, at a path whose content never"
          + " changes;",
      "  - prometheus/rules/<group>.yaml: the alerting rules of each group, for Prometheus's"
          + " rule_files;",
      "  - prometheus/operator/<group>.yaml: the same rules as prometheus-operator PrometheusRule"
          + " resources;",
      "  - prometheus/file_sd/<group>.json: the targets of each group, for file_sd_configs;",
      "  - manifest.json: the source commit and the SHA-256 of every file.",
      "The site is built beside DIR and swapped in atomically; files whose content did not change"
          + " keep their mtime, and nothing is written when nothing changed. Refuses to run on a"
          + " repository with validation errors.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published (or, with --check, DIR is up to date)",
      "1:repository has errors, or with --check DIR differs",
      "2:usage error (including a DIR that render may not replace)",
      "3:I/O or internal error"
    })
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
      description = "Output directory of the site (created if missing; replaced as a whole).")
  Path out;

  @Option(names = "--check",
      description = "Write nothing; exit 1 and list the differences if DIR is not exactly what "
          + "render would write (for CI that commits rendered output).")
  boolean check;

  record Request(RepoOption repo, Path out, boolean check) {}

  @Override
  public Integer call() throws Exception {
    Request request = new Request(repo, out, check);
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    RepositorySource source = Repositories.open(spec.commandLine(), request.repo());
    RenderService.Outcome outcome;
    try {
      outcome = RenderService.standard().render(new RenderService.Request(
          source, request.repo().path(), request.out(), request.check()));
    } catch (RefusedOutputException e) {
      stderr.println("aami: " + e.getMessage());
      return ExitCode.USAGE;
    }
    if (!outcome.report().diagnostics().isEmpty()) {
      stderr.print(ReportFormat.TEXT.formatter().format(outcome.report()));
    }
    String dir = request.out().toString();
    if (outcome instanceof RenderService.Refused) {
      stderr.println("aami: render refused: fix the errors above first; nothing was written");
      return ExitCode.FAILED;
    }
    if (outcome instanceof RenderService.Checked checked) {
      stdout.print(RenderText.checked(dir, checked.diff(), checked.files()));
      return checked.diff().isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }
    stdout.print(RenderText.published(dir, ((RenderService.Published) outcome).result()));
    return ExitCode.OK;
  }
}
