package io.aami.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The check a direct-form policy carries itself (the seed's POST /script-policies/direct). */
final class DirectCheckOptions extends ScriptCheckOptions {
  @Option(
      names = "--direct",
      required = true,
      description = "A policy without template: it carries its own script.")
  boolean direct;

  @Option(names = "--name", required = true, paramLabel = "N", description = "The check's name.")
  String name;

  @Option(names = "--type", paramLabel = "TYPE", description = "script_type.")
  String type;

  void putInto(CommandLine cmd, Map<String, Object> fields) {
    fields.put("name", name);
    OptionValues.putIf(fields, "script_type", type);
    putIdentity(fields);
    putRun(cmd, fields);
  }
}
