package io.aami.fleet;

import io.aami.alert.AgentInterval;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Suggestions;
import io.aami.model.PromDuration;
import io.aami.model.Settings;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
  private static final Set<String> FIELDS =
      Set.of(
          "enabled",
          "not_running_intervals",
          "agent_missing_for",
          "check_failing_for",
          "check_missing_for",
          "node_behind_for",
          "severity");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  public FleetHealthSettings {
    diagnostics = List.copyOf(diagnostics);
  }

  public static FleetHealthSettings parse(Settings settings) {
    List<Diagnostic> problems = new ArrayList<>();
    Optional<YMap> document = settings.document();
    // A bad agent.interval is reported once, by the alert checks that read it too.
    long interval = (AgentInterval.of(settings).millis() + 999) / 1000;
    Optional<YNode> section = document.flatMap(d -> d.get(SECTION));
    if (section.isEmpty() || isNull(section.get())) {
      return defaults(interval, problems);
    }
    if (!(section.get() instanceof YMap map)) {
      problems.add(
          Diagnostic.error(
              section.get().location(),
              Code.SETTINGS,
              SECTION + " must be a mapping, not " + section.get().typeName()));
      return defaults(interval, problems);
    }
    for (YMap.Entry e : map.entries()) {
      if (!FIELDS.contains(e.name())) {
        problems.add(
            Diagnostic.error(
                e.key().location(),
                Code.SETTINGS,
                "unknown field '"
                    + e.name()
                    + "' in "
                    + SECTION
                    + "; known: "
                    + String.join(", ", FIELDS.stream().sorted().toList())
                    + Suggestions.didYouMean(e.name(), FIELDS)));
      }
    }
    boolean enabled =
        map.get("enabled")
            .map(
                node -> {
                  if (node instanceof YScalar s && s.type() == YScalar.ScalarType.BOOLEAN) {
                    return Boolean.parseBoolean(s.text());
                  }
                  problems.add(
                      Diagnostic.error(
                          node.location(),
                          Code.SETTINGS,
                          SECTION + ".enabled must be true or false"));
                  return true;
                })
            .orElse(true);
    int intervals =
        map.get("not_running_intervals")
            .map(
                node -> {
                  if (node instanceof YScalar s && s.type() == YScalar.ScalarType.INTEGER) {
                    try {
                      int n = Integer.parseInt(s.text());
                      if (n >= 2 && n <= 1000) {
                        return n;
                      }
                    } catch (NumberFormatException tooLarge) {
                      // reported below
                    }
                  }
                  problems.add(
                      Diagnostic.error(
                          node.location(),
                          Code.SETTINGS,
                          SECTION + ".not_running_intervals must be an integer from 2 to 1000"));
                  return 5;
                })
            .orElse(5);
    String severity =
        map.get("severity")
            .map(
                node -> {
                  if (node instanceof YScalar s && s.isString() && SEVERITIES.contains(s.text())) {
                    return s.text();
                  }
                  problems.add(
                      Diagnostic.error(
                          node.location(),
                          Code.SETTINGS,
                          SECTION + ".severity must be critical, warning or info"));
                  return "warning";
                })
            .orElse("warning");
    return new FleetHealthSettings(
        enabled,
        interval,
        intervals,
        duration(map, "agent_missing_for", "15m", problems),
        duration(map, "check_failing_for", "15m", problems),
        duration(map, "check_missing_for", "15m", problems),
        duration(map, "node_behind_for", "30m", problems),
        severity,
        problems);
  }

  private static FleetHealthSettings defaults(long interval, List<Diagnostic> problems) {
    return new FleetHealthSettings(
        true, interval, 5, "15m", "15m", "15m", "30m", "warning", problems);
  }

  private static String duration(YMap map, String key, String fallback, List<Diagnostic> problems) {
    Optional<YNode> node = map.get(key);
    if (node.isEmpty()) {
      return fallback;
    }
    if (node.get() instanceof YScalar s
        && s.isString()
        && PromDuration.parse(s.text()).isPresent()) {
      return s.text();
    }
    problems.add(
        Diagnostic.error(
            node.get().location(),
            Code.SETTINGS,
            SECTION + "." + key + " must be a Prometheus duration such as 15m"));
    return fallback;
  }

  private static boolean isNull(YNode node) {
    return node instanceof YScalar s && s.type() == YScalar.ScalarType.NULL;
  }
}
