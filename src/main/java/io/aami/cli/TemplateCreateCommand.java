package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
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

  @Option(
      names = "--language",
      required = true,
      paramLabel = "L",
      description = "bash, sh or python.")
  String language;

  @Option(
      names = "--script-file",
      required = true,
      paramLabel = "F",
      description = "The script (UTF-8 text).")
  Path scriptFile;

  @Option(
      names = "--version",
      paramLabel = "V",
      defaultValue = "1.0.0",
      description = "Semantic version (default: ${DEFAULT-VALUE}).")
  String version;

  @Option(
      names = "--default-config",
      paramLabel = "JSON",
      description = "default_config as a JSON object.")
  String defaultConfig;

  @Option(names = "--description", paramLabel = "D", description = "For humans.")
  String description;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      description = "How long nodes let the script run (default 30s).")
  String timeout;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("script_type", type);
    fields.put("language", language);
    fields.put("version", version);
    OptionValues.putIf(fields, "description", description);
    OptionValues.putIf(fields, "timeout", timeout);
    fields.put(
        "default_config",
        defaultConfig == null
            ? Map.of()
            : OptionValues.jsonObject(spec.commandLine(), "--default-config", defaultConfig));
    fields.put("script_content", OptionValues.script(spec.commandLine(), scriptFile));
    return service.create(source, DocumentKind.SCRIPT_TEMPLATE, name, fields);
  }
}
