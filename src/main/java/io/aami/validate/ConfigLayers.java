package io.aami.validate;

import io.aami.alert.MergedAlertConfig;
import io.aami.model.AlertConfig;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.CheckDefinition;
import io.aami.model.Origin;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.resolve.ConfigMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two layers of every config a check or alert receives: the declaring template's (or direct
 * policy's) {@code default_config} and one policy's or rule's overrides, with where each is
 * written, so that the config checks can point at the override a problem comes from.
 *
 * @param owner who declares the defaults, for messages ({@code ScriptTemplate 'x'})
 * @param schema the declared {@code config_schema}, if any
 */
record ConfigLayers(
    String owner,
    Origin defaultsOrigin,
    String defaultsKey,
    Map<String, Object> defaults,
    Origin overridesOrigin,
    String overridesKey,
    Map<String, Object> overrides,
    Map<String, Object> merged,
    Optional<Map<String, Object>> schema) {

  /** One entry per policy whose check resolves. */
  static List<ConfigLayers> ofPolicies(Repository repository) {
    List<ConfigLayers> layers = new ArrayList<>();
    for (ScriptPolicy policy : repository.scriptPolicies()) {
      Optional<CheckDefinition> definition = repository.definitionOf(policy);
      if (definition.isEmpty()) {
        continue;
      }
      CheckDefinition d = definition.get();
      String owner;
      Origin defaultsOrigin;
      if (policy.source() instanceof ScriptPolicy.FromTemplate ref) {
        owner = "ScriptTemplate '" + ref.templateId() + "'";
        defaultsOrigin = repository.scriptTemplate(ref.templateId()).orElseThrow().origin();
      } else {
        owner = "policy '" + policy.id() + "'";
        defaultsOrigin = policy.origin();
      }
      layers.add(
          new ConfigLayers(
              owner,
              defaultsOrigin,
              "default_config",
              d.defaultConfig(),
              policy.origin(),
              "config",
              policy.config(),
              ConfigMerge.merge(d.defaultConfig(), policy.config()),
              d.configSchema()));
    }
    return layers;
  }

  /** One entry per alert rule whose template resolves (direct rules have no defaults). */
  static List<ConfigLayers> ofAlertRules(Repository repository) {
    List<ConfigLayers> layers = new ArrayList<>();
    for (AlertRule rule : repository.alertRules()) {
      if (!(rule.source() instanceof AlertRule.FromTemplate ref)) {
        continue;
      }
      Optional<AlertTemplate> template = repository.alertTemplate(ref.templateId());
      if (template.isEmpty()) {
        continue;
      }
      AlertTemplate t = template.get();
      layers.add(
          new ConfigLayers(
              "AlertTemplate '" + t.id() + "'",
              t.origin(),
              "default_config",
              plain(t.defaultConfig()),
              rule.origin(),
              "config",
              plain(rule.config()),
              plain(MergedAlertConfig.merge(t.defaultConfig(), rule.config())),
              t.configSchema()));
    }
    return layers;
  }

  /** An alert config as the mapping it was written as. */
  static Map<String, Object> plain(AlertConfig config) {
    Map<String, Object> plain = new LinkedHashMap<>();
    if (config.forDuration() != null) {
      plain.put("for_duration", config.forDuration());
    }
    if (config.keepFiringFor() != null) {
      plain.put("keep_firing_for", config.keepFiringFor());
    }
    if (!config.labels().isEmpty()) {
      plain.put("labels", config.labels());
    }
    if (!config.annotations().isEmpty()) {
      plain.put("annotations", config.annotations());
    }
    plain.putAll(config.parameters());
    return plain;
  }

  static Map<String, Object> plain(MergedAlertConfig merged) {
    return plain(merged.asConfig());
  }

  /** The path of keys under the overrides' config as an {@link Origin} path. */
  String[] overridePath(List<String> tokens) {
    return under(overridesKey, tokens);
  }

  String[] defaultPath(List<String> tokens) {
    return under(defaultsKey, tokens);
  }

  /** True when the overrides themselves hold a value at {@code tokens}. */
  boolean overrides(List<String> tokens) {
    return overridesOrigin.node(overridePath(tokens)).isPresent();
  }

  boolean defaults(List<String> tokens) {
    return defaultsOrigin.node(defaultPath(tokens)).isPresent();
  }

  private static String[] under(String key, List<String> tokens) {
    String[] path = new String[tokens.size() + 1];
    path[0] = key;
    for (int i = 0; i < tokens.size(); i++) {
      path[i + 1] = tokens.get(i);
    }
    return path;
  }
}
