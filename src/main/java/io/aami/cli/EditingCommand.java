package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What every command that edits the repository shares: the work tree it edits, {@code --dry-run},
 * and the one way a plan is reported and written ({@link PlanReporter}).
 */
abstract class EditingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  // No mixinStandardHelpOptions: template and policy commands take --version V (the seed's field).
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help message and exit.")
  boolean help;

  @Option(
      names = "--dry-run",
      description = "Write nothing; print the unified diff of the files the command would change.")
  boolean dryRun;

  /** The change this command asks for, planned against the work tree. */
  abstract Plan plan(AuthoringService service, RepositorySource source) throws IOException;

  @Override
  public final Integer call() throws Exception {
    if (repo.revision() != null) {
      throw usage("--rev: commands that edit the repository work on the work tree only");
    }
    RepositorySource source = Repositories.open(spec.commandLine(), repo);
    Path root = source instanceof WorkTreeSource workTree ? workTree.root() : repo.path();
    Plan plan = plan(AuthoringService.standard(), source);
    return PlanReporter.report(
        spec.commandLine().getOut(), spec.commandLine().getErr(), plan, root, dryRun);
  }

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
