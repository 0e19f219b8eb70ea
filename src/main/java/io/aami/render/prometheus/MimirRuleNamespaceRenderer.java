package io.aami.render.prometheus;

import io.aami.alert.RulePlan;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prometheus/mimir/<group id>.yaml}: the rule groups of one aami group as one namespace of a
 * Grafana Mimir or Cortex ruler, in the file format of {@code mimirtool rules sync|check|diff}
 * ({@code namespace:} plus {@code groups:}). The namespace is the group id; rules that belong to no
 * single group use namespaces with a colon ({@code aami:...}), which no group id can contain.
 */
public final class MimirRuleNamespaceRenderer implements SiteRenderer {
  public static final String DIRECTORY = "prometheus/mimir/";

  @Override
  public List<RenderedFile> render(Repository repository) {
    List<RenderedFile> files = new ArrayList<>();
    for (RulePlan.GroupRules group : RulePlan.build(repository)) {
      String id = group.group().id();
      files.add(
          namespaceFile(
              id + ".yaml", id, RuleGroupDocument.of(group), RuleGroupDocument.header(id)));
    }
    return files;
  }

  static RenderedFile namespaceFile(
      String fileName, String namespace, List<Map<String, Object>> ruleGroups, String header) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("namespace", namespace);
    document.put("groups", new ArrayList<Object>(ruleGroups));
    return RenderedFile.text(DIRECTORY + fileName, YamlText.dump(header, document));
  }
}
