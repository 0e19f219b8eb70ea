package io.aami.alert;

import io.aami.model.AlertConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A rule's effective config: the template's {@code default_config} with the rule's {@code config}
 * on top. {@code labels} and {@code annotations} merge key by key (the rule wins); {@code
 * for_duration}, {@code keep_firing_for} and each parameter are replaced whole when the rule sets
 * them (a parameter that is a list or mapping is not merged into the template's).
 *
 * @param forDuration null when neither sets it
 * @param keepFiringFor null when neither sets it
 */
public record MergedAlertConfig(
    String forDuration,
    String keepFiringFor,
    Map<String, String> labels,
    Map<String, String> annotations,
    Map<String, Object> parameters) {

  public static MergedAlertConfig merge(AlertConfig defaults, AlertConfig overrides) {
    return new MergedAlertConfig(
        overrides.forDuration() != null ? overrides.forDuration() : defaults.forDuration(),
        overrides.keepFiringFor() != null ? overrides.keepFiringFor() : defaults.keepFiringFor(),
        over(defaults.labels(), overrides.labels()),
        over(defaults.annotations(), overrides.annotations()),
        over(defaults.parameters(), overrides.parameters()));
  }

  /** The merged values as one config, as if written in one place. */
  public AlertConfig asConfig() {
    return new AlertConfig(forDuration, keepFiringFor, labels, annotations, parameters);
  }

  private static <V> Map<String, V> over(Map<String, V> base, Map<String, V> top) {
    Map<String, V> merged = new LinkedHashMap<>(base);
    merged.putAll(top);
    return Collections.unmodifiableMap(merged);
  }
}
