package io.aami.report;

import io.aami.checkrun.CheckRun;
import io.aami.json.CanonicalJson;
import io.aami.resolve.EffectiveCheck;

/** The report of {@code aami check run}: what ran, its output, the agent's verdict and metrics. */
public final class CheckRunText {
  private static final String AGENT_PREFIX = "dynamic-check.sh: ";

  private CheckRunText() {}

  public static String format(CheckRun.Ran run) {
    EffectiveCheck check = run.check();
    StringBuilder s = new StringBuilder();
    s.append("check ")
        .append(check.name())
        .append(" for target ")
        .append(run.target())
        .append(" (policy ")
        .append(check.instanceId())
        .append(", version ")
        .append(check.version())
        .append(", ")
        .append(check.language().id())
        .append(", timeout ")
        .append(check.timeoutSeconds())
        .append("s, sha256 ")
        .append(check.hash())
        .append(")\n");
    s.append("config: ")
        .append(CanonicalJson.write(check.config()).strip().replace("\n", "\n  "))
        .append('\n');
    s.append("\n--- output");
    if (run.rawOutput().isEmpty()) {
      s.append(" (none)\n");
    } else {
      long lines = run.rawOutput().lines().count();
      s.append(" (").append(TextFormatter.plural(lines, "line")).append(")\n");
      int number = 1;
      for (String line : run.rawOutput().split("\n", -1)) {
        if (number > lines) {
          break;
        }
        s.append(String.format("%4d | %s%n", number++, line));
      }
    }
    s.append("\n--- verdict: ");
    if (run.succeeded()) {
      s.append("ok: the output is valid and would be published\n");
    } else {
      s.append("failed (")
          .append(run.failureReason().orElse("agent exit " + run.agentExitCode()))
          .append(")\n");
      for (String line : run.agentLog()) {
        if (line.contains("check " + check.name() + ":") && line.contains(": error: ")) {
          s.append("  ")
              .append(line.startsWith(AGENT_PREFIX) ? line.substring(AGENT_PREFIX.length()) : line)
              .append('\n');
        }
      }
    }
    run.durationSeconds().ifPresent(d -> s.append("duration: ").append(d).append("s\n"));
    s.append("\n--- agent metrics (aami_agent.prom)\n");
    run.agentMetrics().forEach(line -> s.append(line).append('\n'));
    return s.toString();
  }
}
