package io.aami.metrics;

import io.aami.model.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code external_metrics} section of {@code aami.yaml}: glob patterns ({@code *} any run of
 * characters, {@code ?} one) of metric names that alert queries may select although no check
 * declares them, because something else exports them. The built-in patterns always apply: the
 * series Prometheus makes itself ({@code up}, {@code scrape_*}, {@code ALERTS*}), node_exporter's
 * ({@code node_*}) and the agent's ({@code aami_check_*}, {@code aami_agent_*}).
 *
 * <pre>
 * external_metrics:
 *   - kube_*
 *   - nvidia_gpu_*
 * </pre>
 */
public record ExternalMetrics(List<String> patterns, List<Pattern> compiled) {
  public static final String SECTION = "external_metrics";
  public static final List<String> BUILT_IN =
      List.of(
          "up", "scrape_*", "ALERTS", "ALERTS_FOR_STATE", "node_*", "aami_check_*", "aami_agent_*");

  public ExternalMetrics {
    patterns = List.copyOf(patterns);
    compiled = List.copyOf(compiled);
  }

  public boolean covers(String metric) {
    return compiled.stream().anyMatch(p -> p.matcher(metric).matches());
  }

  /** The built-in patterns and the valid ones of the section (the schema reports the others). */
  public static ExternalMetrics of(Settings settings) {
    List<String> patterns = new ArrayList<>(BUILT_IN);
    settings.list(SECTION).forEach(pattern -> patterns.add(pattern.text()));
    return new ExternalMetrics(patterns, patterns.stream().map(ExternalMetrics::glob).toList());
  }

  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      regex.append(
          switch (c) {
            case '*' -> ".*";
            case '?' -> ".";
            default -> Pattern.quote(String.valueOf(c));
          });
    }
    return Pattern.compile(regex.toString());
  }
}
