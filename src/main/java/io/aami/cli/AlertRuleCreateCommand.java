package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    description =
        "Create an AlertRule in policies/alerts/ID.yaml, from an alert template (--template) or "
            + "direct (--name, --severity, --query). The repository is validated with the new file first; "
            + "nothing is written if that fails.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:created (or, with --dry-run, the diff printed)",
      "1:exists already, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class AlertRuleCreateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The rule's id.")
  String id;

  @Option(
      names = "--group",
      required = true,
      paramLabel = "G",
      description = "The group it alerts on.")
  String group;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--template",
        required = true,
        paramLabel = "ID",
        description = "The AlertTemplate it applies.")
    String template;

    @ArgGroup(exclusive = false)
    Direct direct;
  }

  static final class Direct {
    @Option(
        names = "--name",
        required = true,
        paramLabel = "N",
        description = "Direct form: the alert name.")
    String name;

    @Option(
        names = "--severity",
        required = true,
        paramLabel = "S",
        description = "Direct form: critical, warning or info.")
    String severity;

    @Option(
        names = "--query",
        required = true,
        paramLabel = "PROMQL",
        description = "Direct form: query_template.")
    String query;

    @Option(names = "--description", paramLabel = "D", description = "Direct form: for humans.")
    String description;
  }

  @Option(names = "--config", paramLabel = "JSON", description = "config as a JSON object.")
  String config;

  @Mixin AlertConfigOptions alertConfig;

  @Option(names = "--priority", paramLabel = "N", description = "Default 100.")
  Integer priority;

  @Option(names = "--disabled", description = "Create it disabled (enabled: false).")
  boolean disabled;

  @Override
  Plan plan(AuthoringService service, RepositorySource repository) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    OptionValues.putIf(fields, "template_id", source.template);
    fields.put("group_id", group);
    if (source.direct != null) {
      fields.put("name", source.direct.name);
      fields.put("severity", source.direct.severity);
      OptionValues.putIf(fields, "description", source.direct.description);
      fields.put("query_template", source.direct.query);
    }
    if (disabled) {
      fields.put("enabled", false);
    }
    OptionValues.putIf(fields, "priority", priority);
    Map<String, Object> alertConfig =
        config == null
            ? new LinkedHashMap<>()
            : OptionValues.jsonObject(spec.commandLine(), "--config", config);
    this.alertConfig.mergeInto(spec.commandLine(), alertConfig);
    fields.put("config", alertConfig);
    return service.create(repository, DocumentKind.ALERT_RULE, id, fields);
  }
}
