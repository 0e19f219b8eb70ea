package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.report.DocumentFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Print one document: its fields with the file and line it is declared at (table), "
            + "or the document as JSON or YAML.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "1:no such document", "2:usage error", "3:I/O or internal error"})
final class ShowVerb implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Nouns.Noun noun;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;
  @Mixin DocumentFormatOption format;

  @Parameters(paramLabel = "ID", description = "The document's id (a template's name).")
  String id;

  record Request(RepoOption repo, String id, DocumentFormat format) {}

  @Override
  public Integer call() throws Exception {
    Request request = new Request(repo, id, format.format);
    AuthoringService.Lookup lookup =
        AuthoringService.standard()
            .show(Repositories.open(spec.commandLine(), request.repo()), noun.kind(), request.id());
    if (lookup.entry() == null) {
      return PlanReporter.notFound(spec.commandLine().getErr(), lookup.missing());
    }
    spec.commandLine().getOut().print(request.format().show(lookup.entry()));
    return ExitCode.OK;
  }
}
