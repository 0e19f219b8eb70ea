package io.aami.importer;

import java.util.List;
import java.util.Map;

/**
 * What {@code aami import script} imports: the scripts (name and bytes), whether a policy applies
 * each one to every target ({@code global}) or to group {@code groupId} (neither: templates only),
 * the {@code default_config} they get, and whether each is run once to declare its metrics.
 */
public record ScriptImportRequest(
    List<RuleImportRequest.Source> scripts,
    boolean global,
    String groupId,
    Map<String, Object> defaultConfig,
    boolean probe) {
  public ScriptImportRequest {
    scripts = List.copyOf(scripts);
  }
}
