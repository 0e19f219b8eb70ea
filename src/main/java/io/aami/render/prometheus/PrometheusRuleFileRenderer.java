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
 * {@code prometheus/rules/<group id>.yaml}: a plain Prometheus rule file (for {@code rule_files:}
 * and {@code promtool check rules}) with the rule groups of one aami group that has enabled rules
 * ({@link RulePlan}).
 */
public final class PrometheusRuleFileRenderer implements SiteRenderer {
  public static final String DIRECTORY = "prometheus/rules/";

  @Override
  public List<RenderedFile> render(Repository repository) {
    List<RenderedFile> files = new ArrayList<>();
    for (RulePlan.GroupRules group : RulePlan.build(repository)) {
      Map<String, Object> document = new LinkedHashMap<>();
      document.put("groups", RuleGroupDocument.of(group));
      String id = group.group().id();
      files.add(
          RenderedFile.text(
              DIRECTORY + id + ".yaml", YamlText.dump(RuleGroupDocument.header(id), document)));
    }
    return files;
  }
}
