package io.aami.live;

import io.aami.diag.SourceLocation;
import io.aami.metrics.WordInScalar;
import io.aami.model.Origin;
import io.aami.promql.Expr;
import io.aami.yaml.ScalarLocator;

/**
 * One query the live checks ask Prometheus about: an alert or recording rule's expression as
 * rendered, its parsed tree, and where its query is written (a shared template is one place for
 * many rules, which is how their findings are reported once).
 *
 * @param subject e.g. {@code alert rule 'disk-full' (group 'web')}
 * @param group the rule's group id, or null for a global rule
 * @param alert whether an alert rule's query, which the offline {@code alert/*} lints also read
 */
record QuerySite(
    String subject,
    String group,
    boolean alert,
    String expr,
    Expr tree,
    Origin origin,
    String field,
    ScalarLocator locator) {

  /** Where {@code word} is first written in the query template, else the template's start. */
  SourceLocation at(String word) {
    if (word != null) {
      var found =
          origin.node(field).flatMap(node -> WordInScalar.find(locator, origin.file(), node, word));
      if (found.isPresent()) {
        return found.get();
      }
    }
    return origin.locate(field);
  }
}
