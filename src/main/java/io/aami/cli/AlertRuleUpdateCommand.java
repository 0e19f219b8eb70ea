package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.FieldChange;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "update",
    description =
        "Change fields of an AlertRule in place: only the bytes of the changed values change.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:updated, or nothing to change (or, with --dry-run, the diff printed)",
      "1:no such alert rule, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class AlertRuleUpdateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The rule's id.")
  String id;

  @Mixin RuleEditOptions rule;
  @Mixin AlertConfigOptions alertConfig;

  @Option(
      names = "--query",
      paramLabel = "PROMQL",
      description = "A direct rule's new query_template.")
  String query;

  @Option(names = "--severity", paramLabel = "S", description = "A direct rule's new severity.")
  String severity;

  @ArgGroup(exclusive = true)
  Switch enabled;

  static final class Switch {
    @Option(names = "--enabled", required = true, description = "Enable it.")
    boolean on;

    @Option(names = "--disabled", required = true, description = "Disable it (kept, not rendered).")
    boolean off;
  }

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    List<FieldChange> changes = new ArrayList<>(rule.changes(spec.commandLine()));
    changes.addAll(alertConfig.changes(spec.commandLine(), "config"));
    if (query != null) {
      changes.add(FieldChange.set("query_template", query));
    }
    if (severity != null) {
      changes.add(FieldChange.set("severity", severity));
    }
    if (enabled != null) {
      changes.add(FieldChange.set("enabled", enabled.on));
    }
    return service.update(
        source, DocumentKind.ALERT_RULE, id, changes, new AuthoringService.UpdateOptions(false));
  }
}
