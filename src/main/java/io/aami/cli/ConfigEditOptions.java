package io.aami.cli;

import io.aami.author.FieldChange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --config JSON} and {@code --set KEY=VALUE}: how update commands change a {@code config}.
 */
final class ConfigEditOptions {
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

  List<FieldChange> changes(CommandLine cmd) {
    List<FieldChange> changes = new ArrayList<>();
    if (config != null) {
      changes.add(FieldChange.set("config", OptionValues.jsonObject(cmd, "--config", config)));
    }
    changes.addAll(OptionValues.sets(cmd, "config", sets));
    return changes;
  }
}
