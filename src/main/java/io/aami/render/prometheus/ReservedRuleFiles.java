package io.aami.render.prometheus;

import io.aami.alert.PrometheusRuleSettings;
import io.aami.render.RenderedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rule groups aami writes beside the groups' own (the global rules, fleet health) in each of
 * the three rule layouts: a Prometheus rule file, a PrometheusRule object and a Mimir namespace,
 * all named after a reserved group id so that no group's files can collide with them.
 */
final class ReservedRuleFiles {
  private ReservedRuleFiles() {}

  /**
   * @param fileName the reserved id's file name, e.g. {@code aami-global.yaml}
   * @param crdName the PrometheusRule's metadata name
   */
  static List<RenderedFile> of(
      String fileName,
      String header,
      PrometheusRuleSettings crd,
      String crdName,
      String mimirNamespace,
      List<Map<String, Object>> groups) {
    Map<String, Object> rules = new LinkedHashMap<>();
    rules.put("groups", new ArrayList<Object>(groups));
    return List.of(
        RenderedFile.text(
            PrometheusRuleFileRenderer.DIRECTORY + fileName, YamlText.dump(header, rules)),
        RenderedFile.text(
            PrometheusRuleCrdRenderer.DIRECTORY + fileName,
            YamlText.dump(header, PrometheusRuleCrdRenderer.document(crd, crdName, groups))),
        MimirRuleNamespaceRenderer.namespaceFile(fileName, mimirNamespace, groups, header));
  }
}
