package io.aami.cli;

import io.aami.author.FieldChange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --config JSON}, {@code --set KEY=VALUE} and {@code --priority N}: what the update commands
 * of the two kinds that apply a check or an alert to a scope (ScriptPolicy, AlertRule) share.
 */
final class RuleEditOptions {
  @Option(
      names = "--config",
      paramLabel = "JSON",
      description = "Replace config with this JSON object.")
  String config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Set one config key (dotted for nested keys: thresholds.warning=60); VALUE is JSON "
              + "when it parses as JSON, else a string. Repeatable; applied after --config.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--priority", paramLabel = "N", description = "The new priority.")
  Integer priority;

  List<FieldChange> changes(CommandLine cmd) {
    List<FieldChange> changes = new ArrayList<>();
    if (config != null) {
      changes.add(FieldChange.set("config", OptionValues.jsonObject(cmd, "--config", config)));
    }
    changes.addAll(OptionValues.sets(cmd, "config", sets));
    if (priority != null) {
      changes.add(FieldChange.set("priority", priority));
    }
    return changes;
  }
}
