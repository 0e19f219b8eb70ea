package io.aami.cli;

import io.aami.diff.DiffService;
import io.aami.git.GitTreeSource;
import io.aami.git.MergeBase;
import io.aami.git.RevisionNotFoundException;
import io.aami.live.LiveSettings;
import io.aami.live.WouldFire;
import io.aami.report.DiffFormat;
import io.aami.report.ReportFormat;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show what a change does to the fleet: which targets' checks change (config keys, script"
          + " version and hash, timeout, winning policy), which alert rules change, who joins or leaves"
          + " a group's file_sd list, and which targets and groups appear, disappear or move.",
      "Both revisions are read straight from git and resolved; targets whose checks change the same"
          + " way are listed together. The summary comes first. The markdown format is ready to post"
          + " as a pull-request comment and stays under 60,000 characters.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:compared (with --exit-code: no changes)",
      "1:with --exit-code: there are changes; or a revision has errors (shown)",
      "2:usage error (unknown revision, no base to compare with)",
      "3:I/O, git or internal error"
    })
final class DiffCommand implements Callable<Integer> {
  static final List<String> DEFAULT_BASES = List.of("origin/main", "main");

  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Option(
      names = {"-r", "--repo"},
      paramLabel = "DIR",
      description =
          "Repository root. Default: the nearest directory, from the working directory"
              + " upward, that holds aami.yaml, templates/, policies/ or inventory/.")
  Path repo;

  @Option(
      names = "--base",
      paramLabel = "REV",
      description =
          "The revision before the change. Default: the merge base of the head with"
              + " origin/main, or with main when there is no origin/main.")
  String base;

  @Option(
      names = "--head",
      paramLabel = "REV",
      description = "The revision after the change. Default: the work tree as it is on disk.")
  String head;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Formats.class,
      completionCandidates = Formats.class,
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  DiffFormat format;

  @Option(
      names = "--exit-code",
      description =
          "Exit 1 when there are changes and 0 when there are none, like git diff --exit-code.")
  boolean exitCode;

  @Option(
      names = "--prometheus",
      paramLabel = "URL",
      description =
          "For each alert the change adds or alters, count the series its query returns on this"
              + " Prometheus now (\"would fire now: 3 series\"), and for a changed query also before the change."
              + " Credentials, timeout and concurrency come from the prometheus settings of aami.yaml. An"
              + " unreachable server gives one warning; the exit code does not change.")
  String prometheus;

  record Request(
      Path repo,
      String base,
      String head,
      DiffFormat format,
      boolean exitCode,
      Optional<String> prometheus) {}

  @Override
  public Integer call() throws Exception {
    Path root = repo != null ? repo : RepoOption.discovered(Path.of(""));
    Request request =
        new Request(root, base, head, format, exitCode, Optional.ofNullable(prometheus));
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();

    RepoOption at = new RepoOption();
    at.repo = request.repo();
    RepositorySource headSource =
        request.head() == null
            ? Repositories.open(spec.commandLine(), at)
            : Repositories.openRevision(spec.commandLine(), "--head", at, request.head());
    MergeBase.Found mergeBase = request.base() != null ? null : defaultBase(request);
    String baseRevision = mergeBase != null ? mergeBase.commit() : request.base();
    RepositorySource baseSource =
        Repositories.openRevision(spec.commandLine(), "--base", at, baseRevision);

    String baseLabel =
        mergeBase != null
            ? "merge base with " + mergeBase.against() + " (" + baseRevision.substring(0, 12) + ")"
            : label(baseRevision, baseSource);
    String headLabel = request.head() == null ? "work tree" : label(request.head(), headSource);
    DiffService.Outcome outcome =
        DiffService.standard().diff(new DiffService.Request(baseSource, headSource));
    if (outcome instanceof DiffService.Invalid invalid) {
      String side =
          invalid.side() == DiffService.Side.BASE ? "base " + baseLabel : "head " + headLabel;
      err.print(ReportFormat.TEXT.formatter().format(invalid.report()));
      err.println(
          "aami: diff refused: the "
              + side
              + " has errors (above); fix them or pick another revision");
      return ExitCode.FAILED;
    }
    DiffService.Compared compared = (DiffService.Compared) outcome;
    var diff = compared.diff();
    WouldFire.Lookup firing = WouldFire.Lookup.NONE;
    if (request.prometheus().isPresent()) {
      LiveSettings settings =
          LiveSettings.parse(compared.head().settings())
              .settings()
              .withUrl(request.prometheus().get());
      WouldFire.Result counted =
          WouldFire.count(
              diff,
              compared.base(),
              compared.head(),
              settings,
              System::getenv,
              request.head() == null ? Optional.of(request.repo()) : Optional.empty());
      counted
          .unavailable()
          .ifPresent(why -> err.println("aami: warning: alerts not counted: " + why));
      firing = counted;
    }
    out.print(request.format().format(diff, "base " + baseLabel, "head " + headLabel, firing));
    return request.exitCode() && !diff.isEmpty() ? ExitCode.FAILED : ExitCode.OK;
  }

  private MergeBase.Found defaultBase(Request request) throws IOException {
    String headRev = request.head() == null ? "HEAD" : request.head();
    Optional<MergeBase.Found> found;
    try {
      found = MergeBase.of(request.repo(), headRev, DEFAULT_BASES);
    } catch (RevisionNotFoundException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return found.orElseThrow(
        () ->
            new ParameterException(
                spec.commandLine(),
                "no --base given, and no merge base with "
                    + String.join(" or ", DEFAULT_BASES)
                    + " to compare with; pass --base REV"));
  }

  /** "main (1a2b3c4d5e6f)", or just the commit when that is what was given. */
  private static String label(String revision, RepositorySource source) {
    String commit =
        source instanceof GitTreeSource git ? git.commitId().substring(0, 12) : revision;
    return revision.equals(commit) ? commit : revision + " (" + commit + ")";
  }

  static final class Formats extends LowercaseEnums.Option<DiffFormat> {
    Formats() {
      super(DiffFormat.class);
    }
  }
}
