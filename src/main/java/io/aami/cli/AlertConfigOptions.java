package io.aami.cli;

import io.aami.author.FieldChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** {@code --for}, {@code --label}, {@code --annotation}: the keys of an alert config. */
final class AlertConfigOptions {
  private AlertConfigOptions() {}

  @SuppressWarnings("unchecked")
  static void merge(CommandLine cmd, Map<String, Object> config, String forDuration, List<String> labels,
      List<String> annotations) {
    OptionValues.putIf(config, "for_duration", forDuration);
    for (String key : List.of("labels", "annotations")) {
      Map<String, Object> given = OptionValues.pairs(cmd, "--" + key.substring(0, key.length() - 1),
          key.equals("labels") ? labels : annotations);
      if (!given.isEmpty()) {
        Object existing = config.get(key);
        if (existing instanceof Map<?, ?> map) {
          ((Map<String, Object>) map).putAll(given);
        } else {
          config.put(key, given);
        }
      }
    }
  }

  /** The same as field changes under {@code under} (config or default_config). */
  static List<FieldChange> changes(CommandLine cmd, String under, String forDuration, List<String> labels,
      List<String> annotations) {
    List<FieldChange> changes = new ArrayList<>();
    if (forDuration != null) {
      changes.add(new FieldChange.Set(List.of(under, "for_duration"), forDuration));
    }
    OptionValues.pairs(cmd, "--label", labels)
        .forEach((k, v) -> changes.add(new FieldChange.Set(List.of(under, "labels", k), v)));
    OptionValues.pairs(cmd, "--annotation", annotations)
        .forEach((k, v) -> changes.add(new FieldChange.Set(List.of(under, "annotations", k), v)));
    return changes;
  }
}
