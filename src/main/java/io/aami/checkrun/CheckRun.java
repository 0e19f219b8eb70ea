package io.aami.checkrun;

import io.aami.resolve.EffectiveCheck;
import java.util.List;
import java.util.Optional;

/** What {@code aami check run} found: the closed set of answers. */
public sealed interface CheckRun {

  /** Neither a target id nor a hostname. */
  record UnknownTarget(String requested, Optional<String> suggestion) implements CheckRun {}

  /** The target does not run the check; {@code assigned} are the checks it does run. */
  record NotAssigned(
      String target, String check, List<String> assigned, Optional<String> suggestion)
      implements CheckRun {
    public NotAssigned {
      assigned = List.copyOf(assigned);
    }
  }

  /**
   * The agent ran the check from a local list. {@code rawOutput} is what the check printed (empty
   * when it never ran), {@code published} what the agent would hand node_exporter (empty when it
   * refused the output), {@code agentLog} the agent's stderr, {@code agentMetrics} the samples of
   * its aami_agent.prom (no comments), {@code failureReason} the agent's reason label when the
   * check failed.
   */
  record Ran(
      String target,
      EffectiveCheck check,
      int agentExitCode,
      String rawOutput,
      Optional<String> published,
      List<String> agentLog,
      List<String> agentMetrics,
      Optional<String> failureReason,
      Optional<String> durationSeconds)
      implements CheckRun {
    public Ran {
      agentLog = List.copyOf(agentLog);
      agentMetrics = List.copyOf(agentMetrics);
    }

    public boolean succeeded() {
      return agentExitCode == 0 && failureReason.isEmpty();
    }
  }
}
