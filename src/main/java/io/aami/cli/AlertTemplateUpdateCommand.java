package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.FieldChange;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "update",
    description =
        "Change fields of an AlertTemplate in place: only the bytes of the changed values change.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:updated, or nothing to change (or, with --dry-run, the diff printed)",
      "1:no such alert template, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class AlertTemplateUpdateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The alert template's id.")
  String id;

  @Option(names = "--name", paramLabel = "N", description = "The new alert name.")
  String name;

  @Option(names = "--severity", paramLabel = "S", description = "The new severity.")
  String severity;

  @Option(names = "--query", paramLabel = "PROMQL", description = "The new query_template.")
  String query;

  @Mixin TemplateEditOptions template;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Set one default_config key (dotted for nested keys); VALUE is JSON when it parses, "
              + "else a string. Repeatable.")
  List<String> sets = new ArrayList<>();

  @Mixin AlertConfigOptions alertConfig;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    List<FieldChange> changes = new ArrayList<>();
    String[][] fields = {
      {"name", name},
      {"severity", severity},
      {"query_template", query}
    };
    for (String[] field : fields) {
      if (field[1] != null) {
        changes.add(FieldChange.set(field[0], field[1]));
      }
    }
    changes.addAll(template.changes(spec.commandLine()));
    changes.addAll(OptionValues.sets(spec.commandLine(), "default_config", sets));
    changes.addAll(alertConfig.changes(spec.commandLine(), "default_config"));
    return service.update(
        source,
        DocumentKind.ALERT_TEMPLATE,
        id,
        changes,
        new AuthoringService.UpdateOptions(false));
  }
}
