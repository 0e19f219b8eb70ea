package io.aami.cli;

import io.aami.author.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --for}, {@code --keep-firing-for}, {@code --label}, {@code --annotation}: the keys of an
 * alert config.
 */
final class AlertConfigOptions {
  @Option(names = "--for", paramLabel = "D", description = "for_duration of the alert config.")
  String forDuration;

  @Option(
      names = "--keep-firing-for",
      paramLabel = "D",
      description =
          "keep_firing_for of the alert config: how long the alert keeps firing once its condition stops holding.")
  String keepFiringFor;

  @Option(
      names = "--label",
      paramLabel = "NAME=VALUE",
      description = "A label of the alert config; repeatable.")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--annotation",
      paramLabel = "NAME=VALUE",
      description = "An annotation of the alert config; repeatable.")
  List<String> annotations = new ArrayList<>();

  /** Adds the options' keys to a new alert config. */
  @SuppressWarnings("unchecked")
  void mergeInto(CommandLine cmd, Map<String, Object> config) {
    OptionValues.putIf(config, "for_duration", forDuration);
    OptionValues.putIf(config, "keep_firing_for", keepFiringFor);
    mergePairs(config, "labels", OptionValues.pairs(cmd, "--label", labels));
    mergePairs(config, "annotations", OptionValues.pairs(cmd, "--annotation", annotations));
  }

  @SuppressWarnings("unchecked")
  private static void mergePairs(
      Map<String, Object> config, String key, Map<String, Object> given) {
    if (given.isEmpty()) {
      return;
    }
    if (config.get(key) instanceof Map<?, ?> existing) {
      ((Map<String, Object>) existing).putAll(given);
    } else {
      config.put(key, given);
    }
  }

  /** The same as field changes of the mapping {@code under} (config or default_config). */
  List<FieldChange> changes(CommandLine cmd, String under) {
    List<FieldChange> changes = new ArrayList<>();
    if (forDuration != null) {
      changes.add(new FieldChange.Set(List.of(under, "for_duration"), forDuration));
    }
    if (keepFiringFor != null) {
      changes.add(new FieldChange.Set(List.of(under, "keep_firing_for"), keepFiringFor));
    }
    OptionValues.pairs(cmd, "--label", labels)
        .forEach((k, v) -> changes.add(new FieldChange.Set(List.of(under, "labels", k), v)));
    OptionValues.pairs(cmd, "--annotation", annotations)
        .forEach((k, v) -> changes.add(new FieldChange.Set(List.of(under, "annotations", k), v)));
    return changes;
  }
}
