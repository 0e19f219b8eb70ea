package io.aami.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.checkrun.AgentScript;
import io.aami.checkrun.CheckRun;
import io.aami.checkrun.CheckRunService;
import io.aami.json.Json;
import io.aami.report.CheckRunText;
import io.aami.validate.CheckedRepository;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run one check on this machine exactly as the node agent would for TARGET: the target's "
          + "resolved config, and the agent's own code (the packaged dynamic-check.sh with a local "
          + "check list) for hash verification, interpreter, environment, timeout and output "
          + "validation. Prints the check's output with line numbers, the agent's verdict with the "
          + "problems it found (by output line), the duration and the agent metrics it would "
          + "publish. Needs bash, jq, flock, sha256sum and timeout, like the agent.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the check succeeded: its output is valid and would be published",
      "1:the check failed (as the agent judges it), the target does not run it, or the repository "
          + "has errors",
      "2:usage error",
      "3:I/O or internal error, such as a missing bash"
    })
final class CheckRunCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = Json.MAPPER;

  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @Parameters(
      paramLabel = "CHECK",
      description = "The check's name, as in the target's check list.")
  String check;

  @Option(
      names = {"-t", "--target"},
      required = true,
      paramLabel = "TARGET",
      description = "Target id or hostname whose resolved config the check runs with.")
  String target;

  @Option(
      names = "--config",
      paramLabel = "JSON",
      description =
          "A JSON object merged over the resolved config for this run only, e.g. "
              + "'{\"thresholds\": {\"warning\": 50}}'.")
  String config;

  record Request(RepoOption repo, String check, String target, Map<String, Object> config) {}

  @Override
  public Integer call() throws Exception {
    Request request = new Request(repo, check, target, parseConfig());
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<CheckedRepository> valid =
        Repositories.loadValid(spec.commandLine(), request.repo(), "check run");
    if (valid.isEmpty()) {
      return ExitCode.FAILED;
    }
    CheckedRepository checked = valid.get();
    Path work = Files.createTempDirectory("aami-check-run");
    try {
      CheckRun run =
          new CheckRunService()
              .run(
                  new CheckRunService.Request(
                      checked.loaded().repository(),
                      request.check(),
                      request.target(),
                      request.config(),
                      AgentScript.extractInto(work),
                      work));
      return report(run, out, err);
    } finally {
      deleteRecursively(work);
    }
  }

  private static int report(CheckRun run, PrintWriter out, PrintWriter err) {
    if (run instanceof CheckRun.UnknownTarget unknown) {
      err.println(
          "aami: unknown target '"
              + unknown.requested()
              + "' (neither a target id nor a"
              + " hostname)"
              + unknown.suggestion().map(s -> "; did you mean '" + s + "'?").orElse(""));
      return ExitCode.FAILED;
    }
    if (run instanceof CheckRun.NotAssigned missing) {
      err.println(
          "aami: target '"
              + missing.target()
              + "' does not run check '"
              + missing.check()
              + "'"
              + missing.suggestion().map(s -> "; did you mean '" + s + "'?").orElse("")
              + (missing.assigned().isEmpty()
                  ? "; it runs no checks"
                  : "; it runs: " + String.join(", ", missing.assigned()))
              + " (aami resolve "
              + missing.target()
              + " --explain says why)");
      return ExitCode.FAILED;
    }
    CheckRun.Ran ran = (CheckRun.Ran) run;
    out.print(CheckRunText.format(ran));
    ran.agentLog().forEach(err::println);
    return ran.succeeded() ? ExitCode.OK : ExitCode.FAILED;
  }

  private Map<String, Object> parseConfig() {
    if (config == null) {
      return Map.of();
    }
    try {
      Object value = JSON.readValue(config, Object.class);
      if (value instanceof Map<?, ?>) {
        return JSON.convertValue(value, new TypeReference<Map<String, Object>>() {});
      }
    } catch (JsonProcessingException e) {
      throw new ParameterException(
          spec.commandLine(), "--config is not valid JSON: " + e.getOriginalMessage());
    }
    throw new ParameterException(spec.commandLine(), "--config must be a JSON object");
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
