package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    description =
        "Create a Group in inventory/groups/ID.yaml. The repository is validated with the new "
            + "file first; nothing is written if that fails.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:created (or, with --dry-run, the diff printed)",
      "1:exists already, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class GroupCreateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The group's id.")
  String id;

  @Option(
      names = "--name",
      paramLabel = "N",
      description = "Its name in rule groups and alert names (default: the id).")
  String name;

  @Option(
      names = "--priority",
      paramLabel = "N",
      description = "Breaks ties between groups of a multi-group target (default 0).")
  Integer priority;

  @Option(names = "--description", paramLabel = "D", description = "For humans.")
  String description;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name == null ? id : name);
    OptionValues.putIf(fields, "description", description);
    OptionValues.putIf(fields, "priority", priority);
    return service.create(source, DocumentKind.GROUP, id, fields);
  }
}
