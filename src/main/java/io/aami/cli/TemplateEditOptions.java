package io.aami.cli;

import io.aami.author.FieldChange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --description D} and {@code --default-config JSON}: what the update commands of the two
 * template kinds (ScriptTemplate, AlertTemplate) share.
 */
final class TemplateEditOptions {
  @Option(names = "--description", paramLabel = "D", description = "The new description.")
  String description;

  @Option(
      names = "--default-config",
      paramLabel = "JSON",
      description = "Replace default_config (JSON object).")
  String defaultConfig;

  List<FieldChange> changes(CommandLine cmd) {
    List<FieldChange> changes = new ArrayList<>();
    if (description != null) {
      changes.add(FieldChange.set("description", description));
    }
    if (defaultConfig != null) {
      changes.add(
          FieldChange.set(
              "default_config", OptionValues.jsonObject(cmd, "--default-config", defaultConfig)));
    }
    return changes;
  }
}
