package io.aami.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The part of the Prometheus HTTP API ({@code /api/v1}) that the live checks read. Every method is
 * one request; {@link CachingPrometheus} makes repeated questions free and {@link HttpPrometheus}
 * asks a real server. Failures are {@link PrometheusException}s that say whether the server is
 * unusable for the rest of the run or only refused this one question.
 */
public interface PrometheusApi {
  /** A time range for the {@code series}, {@code labels} and {@code label values} endpoints. */
  record Window(Instant start, Instant end) {}

  /** One element of an instant vector (or the single value of a scalar, with no labels). */
  record Sample(Map<String, String> labels, double value) {
    public Sample {
      labels = Map.copyOf(labels);
    }
  }

  /** {@code version} as the server reports it, e.g. {@code 2.42.0+ds}. */
  record BuildInfo(String version) {}

  /** {@code /api/v1/query}, evaluated now. */
  List<Sample> query(String promql) throws PrometheusException;

  /**
   * {@code /api/v1/series}: the label sets of the series matching {@code match} in {@code window}.
   */
  List<Map<String, String>> series(String match, Window window) throws PrometheusException;

  /** {@code /api/v1/labels}: the label names of the series matching {@code match}, sorted. */
  List<String> labelNames(String match, Window window) throws PrometheusException;

  /** {@code /api/v1/label/<name>/values}; {@code match} may be null for every series. */
  List<String> labelValues(String label, String match, Window window) throws PrometheusException;

  /** {@code /api/v1/metadata}: each metric family's {@code # TYPE}, e.g. counter or gauge. */
  Map<String, String> metricTypes() throws PrometheusException;

  /** {@code /api/v1/status/config}: the loaded configuration file as YAML. */
  String configYaml() throws PrometheusException;

  /** {@code /api/v1/status/flags}: command-line flags by name without dashes. */
  Map<String, String> flags() throws PrometheusException;

  /** {@code /api/v1/status/buildinfo}. */
  BuildInfo buildInfo() throws PrometheusException;
}
