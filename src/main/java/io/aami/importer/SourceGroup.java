package io.aami.importer;

import io.aami.diag.SourceLocation;
import java.util.List;

/**
 * One Prometheus rule group of a source file: its name, {@code interval} (null when unset), and the
 * rules that can be imported, in source order.
 *
 * @param origin where the group came from, e.g. {@code PrometheusRule monitoring/node-rules}, for
 *     messages; null for a plain rule file
 */
public record SourceGroup(
    String name, String interval, List<SourceRule> rules, SourceLocation at, String origin) {
  public SourceGroup {
    rules = List.copyOf(rules);
  }
}
