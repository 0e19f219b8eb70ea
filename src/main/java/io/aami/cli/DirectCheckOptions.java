package io.aami.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The check a direct-form policy carries itself (the seed's POST /script-policies/direct). */
final class DirectCheckOptions {
  @Option(
      names = "--direct",
      required = true,
      description = "A policy without template: it carries its own script.")
  boolean direct;

  @Option(names = "--name", required = true, paramLabel = "N", description = "The check's name.")
  String name;

  @Option(
      names = "--script-file",
      required = true,
      paramLabel = "F",
      description = "The script (UTF-8 text).")
  Path scriptFile;

  @Option(
      names = "--language",
      required = true,
      paramLabel = "L",
      description = "bash, sh or python.")
  String language;

  @Option(names = "--type", paramLabel = "TYPE", description = "script_type.")
  String type;

  @Option(
      names = "--version",
      paramLabel = "V",
      defaultValue = "1.0.0",
      description = "Semantic version of the check (default: ${DEFAULT-VALUE}).")
  String version;

  @Option(
      names = "--timeout",
      paramLabel = "D",
      description = "How long nodes let the script run (default 30s).")
  String timeout;

  @Option(
      names = "--default-config",
      paramLabel = "JSON",
      description = "default_config as a JSON object.")
  String defaultConfig;

  void putInto(CommandLine cmd, Map<String, Object> fields) {
    fields.put("name", name);
    OptionValues.putIf(fields, "script_type", type);
    fields.put("language", language);
    fields.put("version", version);
    OptionValues.putIf(fields, "timeout", timeout);
    fields.put(
        "default_config",
        defaultConfig == null
            ? Map.of()
            : OptionValues.jsonObject(cmd, "--default-config", defaultConfig));
  }

  String script(CommandLine cmd) throws IOException {
    return OptionValues.script(cmd, scriptFile);
  }
}
