package io.aami.render.prometheus;

import io.aami.alert.AlertNames;
import io.aami.alert.PrometheusRuleSettings;
import io.aami.alert.RulePlan;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code prometheus/operator/<group id>.yaml}: the same rule group as {@link
 * PrometheusRuleFileRenderer}, wrapped in a prometheus-operator {@code PrometheusRule} whose
 * metadata comes from the {@code prometheus_rule} section of {@code aami.yaml}.
 */
public final class PrometheusRuleCrdRenderer implements SiteRenderer {
  public static final String DIRECTORY = "prometheus/operator/";
  public static final String API_VERSION = "monitoring.coreos.com/v1";
  public static final String KIND = "PrometheusRule";

  /** Always set; a configured label of the same name wins. */
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

  @Override
  public List<RenderedFile> render(Repository repository) {
    PrometheusRuleSettings settings = PrometheusRuleSettings.of(repository.settings());
    List<RenderedFile> files = new ArrayList<>();
    for (RulePlan.GroupRules group : RulePlan.build(repository)) {
      String id = group.group().id();
      files.add(
          RenderedFile.text(
              DIRECTORY + id + ".yaml",
              YamlText.dump(
                  RuleGroupDocument.header(id),
                  document(
                      settings,
                      AlertNames.prometheusRuleName(settings.namePrefix(), id),
                      RuleGroupDocument.of(group)))));
    }
    return files;
  }

  static Map<String, Object> document(
      PrometheusRuleSettings settings, String name, List<Map<String, Object>> ruleGroups) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("name", name);
    settings.namespace().ifPresent(ns -> metadata.put("namespace", ns));
    Map<String, String> labels = new TreeMap<>();
    labels.put(MANAGED_BY_LABEL, "aami");
    labels.putAll(settings.labels());
    metadata.put("labels", new LinkedHashMap<>(labels));
    if (!settings.annotations().isEmpty()) {
      metadata.put("annotations", new LinkedHashMap<>(settings.annotations()));
    }
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("groups", new ArrayList<Object>(ruleGroups));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("apiVersion", API_VERSION);
    document.put("kind", KIND);
    document.put("metadata", metadata);
    document.put("spec", spec);
    return document;
  }
}
