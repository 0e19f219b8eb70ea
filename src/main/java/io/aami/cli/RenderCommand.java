package io.aami.cli;

import io.aami.git.UnreadableCommitTimeException;
import io.aami.model.PromDuration;
import io.aami.publish.RefusedOutputException;
import io.aami.publish.RenderService;
import io.aami.publish.SiteSignatures;
import io.aami.publish.UnpublishableGenerationException;
import io.aami.render.checks.DocumentTooLargeException;
import io.aami.report.RenderText;
import io.aami.report.ReportFormat;
import io.aami.source.RepositorySource;
import io.aami.trust.KeyFormatException;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
      "  - prometheus/mimir/<group>.yaml: the same rules as Grafana Mimir or Cortex ruler"
          + " namespaces, for mimirtool rules sync;",
      "  - prometheus/{rules,operator,mimir}/aami-global.yaml: the global alert rules, when there"
          + " are any;",
      "  - prometheus/{rules,operator,mimir}/aami-fleet-health.yaml: the generated fleet-health"
          + " alerts (agent missing or not running, check failing or missing, node behind);",
      "  - prometheus/file_sd/<group>.json: the targets of each group, for file_sd_configs;",
      "  - api/v1/generation: the generation of the site (commit time of the last change to the"
          + " inputs), which agents export so that AamiNodeBehind is exact;",
      "  - manifest.json: the source commit and the SHA-256 of every file.",
      "The site is built beside DIR and swapped in atomically; files whose content did not change"
          + " keep their mtime, and nothing is written when nothing changed. Refuses to run on a"
          + " repository with validation errors.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:published (or, with --check, DIR is up to date)",
      "1:repository has errors, a generation nodes could not compare, or with --check DIR differs",
      "2:usage error (including a DIR that render may not replace)",
      "3:I/O or internal error"
    })
final class RenderCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "DIR",
      required = true,
      description = "Output directory of the site (created if missing; replaced as a whole).")
  Path out;

  @Option(
      names = "--check",
      description =
          "Write nothing; exit 1 and list the differences if DIR is not exactly what "
              + "render would write (for CI that commits rendered output).")
  boolean check;

  @Option(
      names = "--sign-key",
      paramLabel = "FILE",
      description =
          "Sign every check document and the manifest with this Ed25519 private key "
              + "(PKCS#8 PEM, from 'aami keys generate'), writing <path>.sig beside each. Repeat it to "
              + "sign with two keys during a key rollover. Without it, the file named by "
              + "AAMI_SIGN_KEY_FILE or the PEM text in AAMI_SIGN_KEY is used, if set.")
  List<Path> signKeys = new ArrayList<>();

  @Option(
      names = "--sign-expiry",
      paramLabel = "DURATION",
      defaultValue = "30d",
      description =
          "How long signatures stay valid, as a Prometheus duration (default: "
              + "${DEFAULT-VALUE}). Each signature is made with between half and all of it left, so "
              + "render at least once per half of it.")
  String signExpiry;

  record Request(
      RepoOption repo, Path out, boolean check, Optional<SiteSignatures.Signing> signing) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Optional<SiteSignatures.Signing> signing;
    try {
      signing = signing(Instant.now().getEpochSecond());
    } catch (KeyFormatException | IOException | IllegalArgumentException e) {
      stderr.println("aami: " + e.getMessage());
      return ExitCode.USAGE;
    }
    Request request = new Request(repo, out, check, signing);
    RepositorySource source = Repositories.open(spec.commandLine(), request.repo());
    RenderService.Outcome outcome;
    try {
      outcome =
          RenderService.standard()
              .render(
                  new RenderService.Request(
                      source,
                      request.repo().path(),
                      request.out(),
                      request.check(),
                      request.signing()));
    } catch (RefusedOutputException e) {
      stderr.println("aami: " + e.getMessage());
      return ExitCode.USAGE;
    } catch (UnpublishableGenerationException
        | UnreadableCommitTimeException
        | DocumentTooLargeException e) {
      stderr.println("aami: render refused: " + e.getMessage() + "; nothing was written");
      return ExitCode.FAILED;
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

  private Optional<SiteSignatures.Signing> signing(long now)
      throws IOException, KeyFormatException {
    List<SigningKey> keys = SigningKeys.load(signKeys, System.getenv());
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    Optional<PromDuration> expiry = PromDuration.parse(signExpiry);
    if (expiry.isEmpty() || expiry.get().value().compareTo(Duration.ofHours(1)) < 0) {
      throw new IllegalArgumentException(
          "--sign-expiry must be a duration of at least 1h, like 30d; got '" + signExpiry + "'");
    }
    return Optional.of(
        new SiteSignatures.Signing(new Signer(keys), expiry.get().ceilSeconds(), now));
  }
}
