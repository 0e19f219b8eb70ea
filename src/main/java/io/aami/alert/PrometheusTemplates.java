package io.aami.alert;

import io.aami.gotemplate.GoTemplateChecker;
import io.aami.gotemplate.TemplateProblem;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Prometheus's alert templates: Go {@code text/template} with Go's builtin functions, Prometheus's
 * template functions, and the variables Prometheus defines before every label and annotation
 * ({@code $labels}, {@code $externalLabels}, {@code $externalURL}, {@code $value}).
 */
final class PrometheusTemplates {
  static final Set<String> GO_FUNCTIONS =
      Set.of(
          "and",
          "call",
          "html",
          "index",
          "slice",
          "js",
          "len",
          "not",
          "or",
          "print",
          "printf",
          "println",
          "urlquery",
          "eq",
          "ge",
          "gt",
          "le",
          "lt",
          "ne");
  static final Set<String> PROMETHEUS_FUNCTIONS =
      Set.of(
          "query",
          "first",
          "label",
          "value",
          "strvalue",
          "args",
          "reReplaceAll",
          "safeHtml",
          "match",
          "title",
          "toUpper",
          "toLower",
          "graphLink",
          "tableLink",
          "sortByLabel",
          "humanize",
          "humanize1024",
          "humanizeDuration",
          "humanizePercentage",
          "humanizeTimestamp",
          "toTime",
          "toDuration",
          "pathPrefix",
          "externalURL",
          "parseDuration",
          "stripPort",
          "stripDomain",
          "now");
  static final Set<String> VARIABLES =
      Set.of("$labels", "$externalLabels", "$externalURL", "$value");

  private static final GoTemplateChecker CHECKER = new GoTemplateChecker(union(), VARIABLES);

  private PrometheusTemplates() {}

  /** What Prometheus (and promtool) would refuse in this label or annotation text, if anything. */
  static Optional<TemplateProblem> check(String text) {
    return CHECKER.check(text);
  }

  private static Set<String> union() {
    Set<String> all = new HashSet<>(GO_FUNCTIONS);
    all.addAll(PROMETHEUS_FUNCTIONS);
    return all;
  }
}
