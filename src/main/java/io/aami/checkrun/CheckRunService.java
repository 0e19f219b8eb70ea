package io.aami.checkrun;

import io.aami.diag.Suggestions;
import io.aami.model.Repository;
import io.aami.model.Target;
import io.aami.render.checks.CheckApiJson;
import io.aami.resolve.CheckResolver;
import io.aami.resolve.ConfigMerge;
import io.aami.resolve.EffectiveCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one check on this machine exactly as the node agent would for a target: the target's
 * resolved check (with an optional config override merged over its config) is written as a
 * one-entry check list in the published format, and the real agent runs it with {@code --once
 * --list-file}: the same verification, interpreter, environment, timeout and output validation as
 * on a node. Nothing is fetched; everything is written into {@code workDir}.
 */
public final class CheckRunService {
  /** Beyond the check's own timeout: the agent's kill grace and its start-up. */
  static final long AGENT_GRACE_SECONDS = 30;

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})? (\\S+)$");

  public record Request(
      Repository repository,
      String checkName,
      String target,
      Map<String, Object> configOverride,
      Path agentScript,
      Path workDir) {}

  public CheckRun run(Request request) throws IOException, InterruptedException {
    Repository repository = request.repository();
    Optional<Target> target =
        repository.target(request.target()).or(() -> repository.targetByHostname(request.target()));
    if (target.isEmpty()) {
      List<String> names = new ArrayList<>();
      repository
          .targets()
          .forEach(
              t -> {
                names.add(t.id());
                names.add(t.hostname());
              });
      return new CheckRun.UnknownTarget(
          request.target(), Suggestions.closest(request.target(), names));
    }
    List<EffectiveCheck> checks = CheckResolver.of(repository).resolve(target.get()).checks();
    Optional<EffectiveCheck> resolved =
        checks.stream().filter(c -> c.name().equals(request.checkName())).findFirst();
    if (resolved.isEmpty()) {
      List<String> assigned = checks.stream().map(EffectiveCheck::name).toList();
      return new CheckRun.NotAssigned(
          target.get().id(),
          request.checkName(),
          assigned,
          Suggestions.closest(request.checkName(), assigned));
    }
    EffectiveCheck check = withConfig(resolved.get(), request.configOverride());
    return runAgent(request, target.get().id(), check);
  }

  private static EffectiveCheck withConfig(EffectiveCheck check, Map<String, Object> override) {
    if (override.isEmpty()) {
      return check;
    }
    return new EffectiveCheck(
        check.name(),
        check.scriptType(),
        check.scriptContent(),
        check.language(),
        ConfigMerge.merge(check.config(), override),
        check.version(),
        check.hash(),
        check.instanceId(),
        check.timeoutSeconds(),
        List.of());
  }

  private static CheckRun runAgent(Request request, String targetId, EffectiveCheck check)
      throws IOException, InterruptedException {
    return ranBy(request.agentScript(), request.workDir(), targetId, check);
  }

  /**
   * Runs {@code check} once through the agent at {@code agentScript}, as the node of {@code
   * targetId} would, with everything written into {@code work}: what {@code aami import script
   * --probe} uses for a check no repository has yet.
   */
  public CheckRun.Ran runCheck(Path agentScript, Path work, String targetId, EffectiveCheck check)
      throws IOException, InterruptedException {
    return ranBy(agentScript, work, targetId, check);
  }

  private static CheckRun.Ran ranBy(
      Path agentScript, Path work, String targetId, EffectiveCheck check)
      throws IOException, InterruptedException {
    Path list = work.resolve("list.json");
    Files.writeString(list, CheckApiJson.document(List.of(check)), StandardCharsets.UTF_8);
    Path textfile = Files.createDirectories(work.resolve("textfile"));
    Path cache = Files.createDirectories(work.resolve("cache"));
    Path config = Files.writeString(work.resolve("agent.conf"), "");
    Path log = work.resolve("agent.log");
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                agentScript.toString(),
                "--once",
                "--list-file",
                list.toString(),
                "--target-id",
                targetId,
                "--textfile-dir",
                textfile.toString(),
                "--cache-dir",
                cache.toString(),
                "--config",
                config.toString())
            .directory(work.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(work.resolve("agent.out").toFile())
            .redirectError(log.toFile());
    Map<String, String> env = builder.environment();
    String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.clear();
    env.put("PATH", path);
    Process agent = builder.start();
    if (!agent.waitFor(check.timeoutSeconds() + AGENT_GRACE_SECONDS, TimeUnit.SECONDS)) {
      agent.descendants().forEach(ProcessHandle::destroyForcibly);
      agent.destroyForcibly().waitFor();
      throw new IOException(
          "the agent did not finish within "
              + (check.timeoutSeconds() + AGENT_GRACE_SECONDS)
              + "s");
    }
    List<String> metrics = samples(textfile.resolve("aami_agent.prom"));
    Path published = textfile.resolve("aami_check_" + check.name() + ".prom");
    Path raw = cache.resolve(check.name() + ".output");
    return new CheckRun.Ran(
        targetId,
        check,
        agent.exitValue(),
        Files.isRegularFile(raw) ? Files.readString(raw, StandardCharsets.UTF_8) : "",
        Files.isRegularFile(published)
            ? Optional.of(Files.readString(published, StandardCharsets.UTF_8))
            : Optional.empty(),
        Files.readAllLines(log, StandardCharsets.UTF_8),
        metrics,
        labelOf(metrics, "aami_check_failure", check.name(), "reason"),
        valueOf(metrics, "aami_check_duration_seconds", check.name()));
  }

  private static List<String> samples(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank() && !line.startsWith("#"))
        .toList();
  }

  private static Optional<String> labelOf(
      List<String> metrics, String metric, String check, String label) {
    Pattern value = Pattern.compile(label + "=\"([^\"]*)\"");
    return sampleOf(metrics, metric, check)
        .map(
            line -> {
              Matcher m = value.matcher(line);
              return m.find() ? m.group(1) : "";
            });
  }

  private static Optional<String> valueOf(List<String> metrics, String metric, String check) {
    return sampleOf(metrics, metric, check)
        .map(
            line -> {
              Matcher m = SAMPLE.matcher(line);
              return m.matches() ? m.group(3) : "";
            });
  }

  private static Optional<String> sampleOf(List<String> metrics, String metric, String check) {
    String prefix = metric + "{check=\"" + check + "\"";
    return metrics.stream().filter(line -> line.startsWith(prefix)).findFirst();
  }
}
