package io.aami.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --global | --group G}: where a new policy applies (exactly one). */
final class ScopeOptions {
  @Option(names = "--global", required = true, description = "Apply to every target.")
  boolean global;

  @Option(
      names = "--group",
      required = true,
      paramLabel = "G",
      description = "Apply to the targets of group G.")
  String group;

  void putInto(Map<String, Object> fields) {
    fields.put("scope", global ? "global" : "group");
    OptionValues.putIf(fields, "group_id", group);
  }
}
