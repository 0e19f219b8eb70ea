package io.aami.alert;

import io.aami.model.Settings;
import io.aami.model.SettingsSection;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code prometheus_rule} section of {@code aami.yaml}: metadata of the rendered PrometheusRule
 * objects. {@code schemas/settings.schema.json} says what each field may hold (Kubernetes names,
 * label keys and values).
 *
 * <pre>
 * prometheus_rule:
 *   namespace: monitoring        # optional; omitted from metadata when unset
 *   name_prefix: aami-           # optional; default "aami-"
 *   labels:                      # optional; e.g. what the Prometheus ruleSelector matches
 *     release: prometheus
 *   annotations:                 # optional
 *     owner: infra
 * </pre>
 */
public record PrometheusRuleSettings(
    Optional<String> namespace,
    String namePrefix,
    SortedMap<String, String> labels,
    SortedMap<String, String> annotations) {

  public static final String SECTION = "prometheus_rule";
  public static final String DEFAULT_NAME_PREFIX = "aami-";
  public static final PrometheusRuleSettings DEFAULT =
      new PrometheusRuleSettings(
          Optional.empty(), DEFAULT_NAME_PREFIX, new TreeMap<>(), new TreeMap<>());

  public PrometheusRuleSettings {
    labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
  }

  public static PrometheusRuleSettings of(Settings settings) {
    return settings.section(SECTION).map(PrometheusRuleSettings::of).orElse(DEFAULT);
  }

  private static PrometheusRuleSettings of(SettingsSection section) {
    return new PrometheusRuleSettings(
        section.string("namespace"),
        section.string("name_prefix").orElse(DEFAULT_NAME_PREFIX),
        section.strings("labels"),
        section.strings("annotations"));
  }
}
