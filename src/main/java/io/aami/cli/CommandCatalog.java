package io.aami.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.HelpCommand;

/**
 * The top-level commands, by name, in the order {@code aami --help} lists them.
 *
 * <p>picocli builds the model of every registered command by reflection before it parses anything;
 * for all of aami's commands that took about 0.3 s of a 0.9 s {@code validate}. So a command line
 * that names one command registers only that one; the help, completion and an unknown or missing
 * command (which picocli answers with suggestions) get them all.
 */
final class CommandCatalog {
  private CommandCatalog() {}

  private static final Map<String, Class<?>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("validate", ValidateCommand.class);
    COMMANDS.put("resolve", ResolveCommand.class);
    COMMANDS.put("render", RenderCommand.class);
    COMMANDS.put("serve", ServeCommand.class);
    COMMANDS.put("diff", DiffCommand.class);
    COMMANDS.put("template", Nouns.Template.class);
    COMMANDS.put("policy", Nouns.Policy.class);
    COMMANDS.put("alert-template", Nouns.AlertTemplate.class);
    COMMANDS.put("alert-rule", Nouns.AlertRule.class);
    COMMANDS.put("group", Nouns.Group.class);
    COMMANDS.put("target", Nouns.Target.class);
    COMMANDS.put("import", ImportCommand.class);
    COMMANDS.put("init", InitCommand.class);
    COMMANDS.put("keys", KeysCommand.class);
    COMMANDS.put("verify", VerifyCommand.class);
    COMMANDS.put("report", ReportCommand.class);
    COMMANDS.put("check", CheckCommand.class);
    COMMANDS.put("completion", CompletionCommand.class);
    COMMANDS.put("help", HelpCommand.class);
  }

  /** Every command, each under the name its {@code @Command} annotation gives it. */
  static List<Class<?>> all() {
    return List.copyOf(COMMANDS.values());
  }

  /** The names the catalog registers the commands under (a test holds them to the annotations). */
  static List<String> names() {
    return List.copyOf(COMMANDS.keySet());
  }

  /** The commands a run with these arguments can reach. */
  static List<Class<?>> neededFor(String... args) {
    String named = firstPositional(args);
    Class<?> command = named == null ? null : COMMANDS.get(named);
    boolean listsOthers =
        command == null || command == HelpCommand.class || command == CompletionCommand.class;
    return listsOthers ? all() : List.of(command);
  }

  /** Whether the command these arguments name loads a repository (and so needs the schemas). */
  static boolean loadsRepository(String... args) {
    String named = firstPositional(args);
    return named != null && LOADING_REPOSITORIES.contains(named) && !helpAsked(args);
  }

  private static final Set<String> LOADING_REPOSITORIES =
      Set.of(
          "validate",
          "resolve",
          "render",
          "diff",
          "template",
          "policy",
          "alert-template",
          "alert-rule",
          "group",
          "target",
          "report",
          "check",
          "import");

  private static boolean helpAsked(String... args) {
    return Arrays.stream(args)
        .anyMatch(
            arg ->
                arg.equals("-h")
                    || arg.equals("--help")
                    || arg.equals("-V")
                    || arg.equals("--version"));
  }

  /**
   * The top-level command only has options without values, so the first non-option names the
   * command.
   */
  private static String firstPositional(String... args) {
    for (String arg : args) {
      if (arg.equals("--")) {
        return null;
      }
      if (!arg.startsWith("-")) {
        return arg;
      }
    }
    return null;
  }
}
