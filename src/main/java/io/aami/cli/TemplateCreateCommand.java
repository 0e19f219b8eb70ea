package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    description =
        "Create a ScriptTemplate in templates/NAME.yaml with the script inline (the seed's "
            + "POST /script-templates). The repository is validated with the new file first; nothing is "
            + "written if that fails.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:created (or, with --dry-run, the diff printed)",
      "1:exists already, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class TemplateCreateCommand extends EditingCommand {
  @Parameters(paramLabel = "NAME", description = "The template's name, which is its id.")
  String name;

  @Option(
      names = "--type",
      required = true,
      paramLabel = "TYPE",
      description = "script_type: mount, disk, ...")
  String type;

  @Mixin ScriptCheckOptions check;

  @Option(names = "--description", paramLabel = "D", description = "For humans.")
  String description;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("script_type", type);
    check.putIdentity(fields);
    OptionValues.putIf(fields, "description", description);
    check.putRun(spec.commandLine(), fields);
    fields.put("script_content", check.script(spec.commandLine()));
    return service.create(source, DocumentKind.SCRIPT_TEMPLATE, name, fields);
  }
}
