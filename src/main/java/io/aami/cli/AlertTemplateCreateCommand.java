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
        "Create an AlertTemplate in templates/alerts/ID.yaml. The repository is validated with "
            + "the new file first; nothing is written if that fails.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:created (or, with --dry-run, the diff printed)",
      "1:exists already, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class AlertTemplateCreateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The alert template's id.")
  String id;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "N",
      description = "The Prometheus alert name.")
  String name;

  @Option(
      names = "--severity",
      required = true,
      paramLabel = "S",
      description = "critical, warning or info.")
  String severity;

  @Option(
      names = "--query",
      required = true,
      paramLabel = "PROMQL",
      description = "query_template: PromQL with {{ .param }} placeholders.")
  String query;

  @Option(names = "--description", paramLabel = "D", description = "For humans.")
  String description;

  @Option(
      names = "--default-config",
      paramLabel = "JSON",
      description = "default_config as a JSON object.")
  String defaultConfig;

  @Mixin AlertConfigOptions alertConfig;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("name", name);
    OptionValues.putIf(fields, "description", description);
    fields.put("severity", severity);
    fields.put("query_template", query);
    Map<String, Object> config =
        defaultConfig == null
            ? new LinkedHashMap<>()
            : OptionValues.jsonObject(spec.commandLine(), "--default-config", defaultConfig);
    alertConfig.mergeInto(spec.commandLine(), config);
    fields.put("default_config", config);
    return service.create(source, DocumentKind.ALERT_TEMPLATE, id, fields);
  }
}
