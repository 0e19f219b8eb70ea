package io.aami.model;

import java.util.Map;

/**
 * A Prometheus recording rule: {@code expr} evaluated and stored as series {@code record} with
 * {@code labels} added. Applies to one group ({@code groupId}) or, with {@code scope: global}
 * ({@code groupId} null), once for the whole fleet; it renders into the same rule group as that
 * scope's alerts, before them.
 *
 * @param ruleGroup the source rule group an imported rule keeps, or null for aami's own group
 */
public record RecordingRule(
    String id,
    String groupId,
    boolean enabled,
    String record,
    String expr,
    Map<String, String> labels,
    RuleGroup ruleGroup,
    Origin origin) {

  public boolean isGlobal() {
    return groupId == null;
  }
}
