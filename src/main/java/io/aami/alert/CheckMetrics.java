package io.aami.alert;

import java.util.regex.Pattern;

/**
 * Which metric names the node checks produce, for {@code alert/range-too-short}. Until the
 * repository declares its check metrics, a name counts as check-produced when it matches none of
 * the default external patterns: {@code up}, {@code node_*}, {@code aami_check_*},
 * {@code aami_agent_*} (series scraped from Prometheus itself, node_exporter and the agent's own
 * status metrics).
 */
public final class CheckMetrics {
  private static final Pattern EXTERNAL = Pattern.compile("up|node_.*|aami_check_.*|aami_agent_.*");

  private CheckMetrics() {}

  public static boolean isCheckProduced(String metric) {
    return !EXTERNAL.matcher(metric).matches();
  }
}
