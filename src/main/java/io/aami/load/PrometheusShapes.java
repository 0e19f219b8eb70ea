package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.model.Kind;
import io.aami.yaml.YMap;
import io.aami.yaml.YSeq;
import java.util.List;
import java.util.Optional;

/**
 * Recognises Prometheus rules pasted where aami documents belong, so that the author gets one
 * located error naming aami's fields instead of a volley of "unknown field" and "missing field"
 * errors: an AlertRule or AlertTemplate (or a document without a kind) whose top level has
 * Prometheus's {@code alert}, {@code record} or {@code expr}, and a Prometheus rule file ({@code
 * groups:} of {@code rules:}) without a kind.
 */
final class PrometheusShapes {
  /** Prometheus's rule fields in the order its documentation lists them. */
  static final List<String> RULE_FIELDS =
      List.of("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");

  static final String MAPPING =
      "alert → name, expr → query_template, for → config.for_duration,"
          + " keep_firing_for → config.keep_firing_for, labels → config.labels (labels.severity →"
          + " severity), annotations → config.annotations; an AlertRule also needs an id and group_id"
          + " (or scope: global)";
  static final String IMPORT_HINT = "'aami import rules FILE' converts Prometheus rule files";

  private PrometheusShapes() {}

  /**
   * Reports {@code doc} when it is shaped like a Prometheus rule or rule file and is either of
   * {@code kind} (an alert kind) or has no kind at all (empty {@code kind}); true when it did.
   */
  static boolean report(YMap doc, Optional<Kind> kind, Diagnostics problems) {
    boolean alertKind =
        kind.isPresent() && (kind.get() == Kind.ALERT_RULE || kind.get() == Kind.ALERT_TEMPLATE);
    if (kind.isPresent() && !alertKind) {
      return false;
    }
    Optional<YMap.Entry> ruleField =
        doc.entries().stream()
            .filter(
                e ->
                    e.name().equals("alert")
                        || e.name().equals("record")
                        || e.name().equals("expr"))
            .findFirst();
    if (ruleField.isPresent()) {
      String found =
          String.join(", ", RULE_FIELDS.stream().filter(f -> doc.get(f).isPresent()).toList());
      String what =
          kind.map(k -> "this " + k.kindName() + " is written").orElse("this document is");
      problems.error(
          ruleField.get().key().location(),
          Code.PROMETHEUS_FIELDS,
          what
              + " with Prometheus's rule fields ("
              + found
              + "); aami's AlertRule names them: "
              + MAPPING
              + ". "
              + IMPORT_HINT);
      return true;
    }
    if (kind.isEmpty()
        && doc.get("groups").orElse(null) instanceof YSeq groups
        && groups.items().stream()
            .anyMatch(g -> g instanceof YMap m && m.get("rules").isPresent())) {
      problems.error(
          doc.entry("groups").orElseThrow().key().location(),
          Code.PROMETHEUS_FIELDS,
          "this is a Prometheus rule file (groups of rules), not an aami document: each rule becomes"
              + " an AlertRule ("
              + MAPPING
              + "). "
              + IMPORT_HINT);
      return true;
    }
    return false;
  }
}
