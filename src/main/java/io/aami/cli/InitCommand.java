package io.aami.cli;

import io.aami.scaffold.InitService;
import io.aami.scaffold.Scaffold;
import java.io.PrintWriter;
import java.nio.file.Path;
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
    description = "Create a new fleet repository in DIR: templates/, policies/, inventory/ with a minimal "
        + "working example (one group, one target, one template with a global policy, one alert rule), "
        + "aami.yaml, schemas/ for editors, a .gitignore, and CI for GitHub Actions "
        + "(.github/workflows/aami.yml) and GitLab (.gitlab-ci.yml) that run the released aami jar. DIR "
        + "becomes a git repository (branch main) with one commit of these files.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:created", "2:usage error (including a non-empty DIR without --force)",
        "3:I/O, git or internal error"})
final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin VerboseOption verbose;

  @Parameters(paramLabel = "DIR", defaultValue = ".", arity = "0..1",
      description = "Where to create the repository (default: the current directory).")
  Path dir;

  @Option(names = "--force",
      description = "Also in a non-empty DIR: files of the same name are replaced, others are kept and "
          + "left out of the commit.")
  boolean force;

  @Option(names = "--jar-url", paramLabel = "URL",
      description = "Where CI downloads aami.jar (default: this version's release asset).")
  String jarUrl;

  @Override
  public Integer call() throws Exception {
    InitService.Request request = new InitService.Request(dir, force,
        jarUrl == null ? Scaffold.defaultJarUrl() : jarUrl);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    InitService.Outcome outcome = InitService.init(request);
    if (outcome instanceof InitService.NotEmpty notEmpty) {
      err.println("aami: " + notEmpty.dir() + " is not empty; use --force to add the aami files to it");
      return ExitCode.USAGE;
    }
    InitService.Created created = (InitService.Created) outcome;
    created.files().forEach(f -> out.println("created: " + f));
    out.println((created.newGitRepository() ? "initialized git repository " : "committed to ")
        + created.dir() + " (commit " + created.commit() + ")");
    err.println("aami: next: cd " + created.dir() + " && aami validate && aami render --out public");
    return ExitCode.OK;
  }
}
