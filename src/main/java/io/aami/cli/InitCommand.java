package io.aami.cli;

import io.aami.scaffold.InitService;
import io.aami.scaffold.JarPin;
import io.aami.scaffold.Scaffold;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Create a new fleet repository in DIR: templates/, policies/, inventory/ with a minimal "
            + "working example (one group, one target, one template with a global policy, one alert rule), "
            + "aami.yaml, schemas/ for editors, a .gitignore, and CI for GitHub Actions "
            + "(.github/workflows/aami.yml) and GitLab (.gitlab-ci.yml) that run the released jar of this "
            + "aami version, pinned by its SHA-256 (of the jar this command runs from) and refused when a "
            + "download differs. DIR becomes a git repository (branch main) with one commit of these files.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:created",
      "2:usage error (including a non-empty DIR without --force)",
      "3:I/O, git or internal error"
    })
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Parameters(
      paramLabel = "DIR",
      defaultValue = ".",
      arity = "0..1",
      description = "Where to create the repository (default: the current directory).")
  Path dir;

  @Option(
      names = "--force",
      description =
          "Also in a non-empty DIR: files of the same name are replaced, others are kept and "
              + "left out of the commit.")
  boolean force;

  @Option(
      names = "--jar-url",
      paramLabel = "URL",
      description = "Where CI downloads the aami jar (default: this version's release asset).")
  String jarUrl;

  @Option(
      names = "--jar-sha256",
      paramLabel = "HEX",
      description =
          "The SHA-256 CI requires of the downloaded jar (default: that of the jar this "
              + "command runs from); for a mirror that serves another build.")
  String jarSha256;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (jarSha256 != null && !jarSha256.matches("[0-9a-f]{64}")) {
      err.println("aami: --jar-sha256 must be 64 lowercase hex digits, as sha256sum prints them");
      return ExitCode.USAGE;
    }
    JarPin pin = pin(err);
    InitService.Request request = new InitService.Request(dir, force, pin);
    InitService.Outcome outcome = InitService.init(request);
    if (outcome instanceof InitService.NotEmpty notEmpty) {
      err.println(
          "aami: " + notEmpty.dir() + " is not empty; use --force to add the aami files to it");
      return ExitCode.USAGE;
    }
    InitService.Created created = (InitService.Created) outcome;
    created.files().forEach(f -> out.println("created: " + f));
    out.println(
        (created.newGitRepository() ? "initialized git repository " : "committed to ")
            + created.dir()
            + " (commit "
            + created.commit()
            + ")");
    out.println(
        "CI runs aami "
            + pin.version()
            + (pin.checksumPinned()
                ? " (jar sha256 " + pin.sha256() + ")"
                : " (jar checked against the release's SHA256SUMS)"));
    err.println(
        "aami: next: cd " + created.dir() + " && aami validate && aami render --out public");
    return ExitCode.OK;
  }

  /** This version, the jar's URL and the checksum: given, or of the jar this process runs from. */
  private JarPin pin(PrintWriter err) throws IOException {
    String version = Scaffold.version();
    String url = jarUrl == null ? JarPin.releaseUrl(version) : jarUrl;
    if (jarSha256 != null) {
      return new JarPin(version, url, jarSha256);
    }
    Optional<Path> jar = JarPin.runningJar();
    if (jar.isEmpty()) {
      err.println(
          "aami: warning: not running from a jar, so the CI files check the download against the "
              + "release's SHA256SUMS instead of a pinned SHA-256; pass --jar-sha256 to pin one");
      return new JarPin(version, url, "");
    }
    return new JarPin(version, url, JarPin.sha256Of(jar.get()));
  }
}
