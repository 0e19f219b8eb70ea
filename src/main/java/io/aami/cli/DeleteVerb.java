package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
    name = "delete",
    description =
        "Delete one document from its file (the file goes when it was the only document; a "
            + "script file goes with the last template or policy using it). Refused while other documents "
            + "reference it: they are listed with file and line.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:deleted (or, with --dry-run, the diff printed)",
      "1:no such document, still referenced, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class DeleteVerb extends EditingCommand {
  @ParentCommand Nouns.Noun noun;

  @Parameters(paramLabel = "ID", description = "The document's id (a template's name).")
  String id;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    return service.delete(source, noun.kind(), id);
  }
}
