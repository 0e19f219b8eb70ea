package io.aami.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a check is made of, as the commands that create one take it: a ScriptTemplate ({@code
 * template create}, a mixin) and a direct-form ScriptPolicy ({@code policy create --direct}, whose
 * option group extends it).
 */
class ScriptCheckOptions {
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

  /** language and version, in the order documents are written. */
  void putIdentity(Map<String, Object> fields) {
    fields.put("language", language);
    fields.put("version", version);
  }

  /** timeout (when given) and default_config ({} when not given). */
  void putRun(CommandLine cmd, Map<String, Object> fields) {
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
