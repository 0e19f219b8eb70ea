package io.aami.fleet;

import io.aami.alert.AgentInterval;
import io.aami.diag.Diagnostic;
import io.aami.model.Settings;
import io.aami.model.SettingsSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code fleet_health} section of {@code aami.yaml}, plus the agent interval ({@code
 * agent.interval}) that the thresholds are multiples of:
 *
 * <pre>
 * agent:
 *   interval: 60s                # the agent timer's OnUnitActiveSec (default 60s)
 * fleet_health:
 *   enabled: true                # default true
 *   not_running_intervals: 5     # AamiAgentNotRunning after this many missed intervals
 *   agent_missing_for: 15m
 *   check_failing_for: 15m
 *   check_missing_for: 15m
 *   node_behind_for: 30m
 *   severity: warning
 * </pre>
 */
public record FleetHealthSettings(
    boolean enabled,
    long agentIntervalSeconds,
    int notRunningIntervals,
    String agentMissingFor,
    String checkFailingFor,
    String checkMissingFor,
    String nodeBehindFor,
    String severity,
    List<Diagnostic> diagnostics) {

  public static final String SECTION = "fleet_health";

  public FleetHealthSettings {
    diagnostics = List.copyOf(diagnostics);
  }

  /** The settings; what the schema cannot check (a duration too long to count) is a diagnostic. */
  public static FleetHealthSettings parse(Settings settings) {
    List<Diagnostic> problems = new ArrayList<>();
    // A bad agent.interval is reported once, by the alert checks that read it too.
    long interval = (AgentInterval.of(settings).millis() + 999) / 1000;
    Optional<SettingsSection> section = settings.section(SECTION);
    return new FleetHealthSettings(
        section.flatMap(s -> s.bool("enabled")).orElse(true),
        interval,
        section.flatMap(s -> s.integer("not_running_intervals")).map(Long::intValue).orElse(5),
        duration(section, "agent_missing_for", "15m", problems),
        duration(section, "check_failing_for", "15m", problems),
        duration(section, "check_missing_for", "15m", problems),
        duration(section, "node_behind_for", "30m", problems),
        section.flatMap(s -> s.string("severity")).orElse("warning"),
        problems);
  }

  /** As written, for the rendered rules' {@code for:}; the fallback when absent or invalid. */
  private static String duration(
      Optional<SettingsSection> section, String key, String fallback, List<Diagnostic> problems) {
    return section
        .filter(s -> s.duration(key, false, problems).isPresent())
        .flatMap(s -> s.string(key))
        .orElse(fallback);
  }
}
