package io.aami.alert;

import io.aami.diag.Diagnostic;
import io.aami.model.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The node agent's run interval from {@code aami.yaml} ({@code agent: {interval: 60s}}, default 60
 * s, the agent's own default), which {@code alert/range-too-short} compares ranges with and the
 * fleet-health thresholds are multiples of. Its diagnostics are reported by the alert checks.
 */
public record AgentInterval(long millis, List<Diagnostic> diagnostics) {
  static final long DEFAULT_MILLIS = 60_000;

  public static AgentInterval of(Settings settings) {
    List<Diagnostic> problems = new ArrayList<>();
    long millis =
        settings
            .section("agent")
            .flatMap(agent -> agent.duration("interval", true, problems))
            .map(Duration::toMillis)
            .orElse(DEFAULT_MILLIS);
    return new AgentInterval(millis, problems);
  }
}
