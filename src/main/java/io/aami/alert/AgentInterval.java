package io.aami.alert;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.PromDuration;
import io.aami.model.Settings;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.util.List;
import java.util.Optional;

/**
 * The node agent's run interval from {@code aami.yaml} ({@code agent: {interval: 60s}}, default 60
 * s, the agent's own default), which {@code alert/range-too-short} compares ranges with and the
 * fleet-health thresholds are multiples of. Its diagnostics are reported by the alert checks.
 */
public record AgentInterval(long millis, List<Diagnostic> diagnostics) {
  static final long DEFAULT_MILLIS = 60_000;

  public static AgentInterval of(Settings settings) {
    Optional<YNode> node =
        settings
            .document()
            .flatMap(d -> d.get("agent"))
            .filter(YMap.class::isInstance)
            .flatMap(a -> ((YMap) a).get("interval"));
    if (node.isEmpty()) {
      return new AgentInterval(DEFAULT_MILLIS, List.of());
    }
    if (node.get() instanceof YScalar s && s.isString()) {
      Optional<Long> millis = PromDuration.parse(s.text()).map(d -> d.value().toMillis());
      if (millis.isPresent() && millis.get() > 0) {
        return new AgentInterval(millis.get(), List.of());
      }
    }
    return new AgentInterval(
        DEFAULT_MILLIS,
        List.of(
            Diagnostic.error(
                node.get().location(),
                Code.SETTINGS,
                "agent.interval must be a positive duration such as 60s or 5m")));
  }
}
