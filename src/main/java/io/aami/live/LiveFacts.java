package io.aami.live;

import io.aami.model.PromDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The questions the live checks ask, each answered from one request through the run's cache: how
 * many series a selector has now, whether it had any in the lookback window, the metric names, a
 * metric's labels and values, types, the scrape interval of the jobs producing a metric, the rule
 * evaluation interval, the server's version and features. The lookback window is fixed when the run
 * starts, so equal questions are equal requests.
 */
final class LiveFacts {
  private final PrometheusApi api;
  private final PrometheusApi.Window window;
  private final String lookbackText;
  private volatile Map<String, Duration> jobIntervals;
  private volatile Duration globalInterval;
  private volatile Duration evaluationInterval;

  LiveFacts(PrometheusApi api, Duration lookback, Instant now) {
    this.api = api;
    this.window = new PrometheusApi.Window(now.minus(lookback), now);
    this.lookbackText = Durations.text(lookback);
  }

  String lookback() {
    return lookbackText;
  }

  long countNow(String selector) throws PrometheusException {
    List<PrometheusApi.Sample> result = api.query("count(" + selector + ")");
    return result.isEmpty() ? 0 : (long) result.get(0).value();
  }

  /** Whether any series matched in the lookback window (label names are empty for none). */
  boolean existedInWindow(String selector) throws PrometheusException {
    return !api.labelNames(selector, window).isEmpty();
  }

  int seriesInWindow(String selector) throws PrometheusException {
    return api.series(selector, window).size();
  }

  Set<String> metricNames() throws PrometheusException {
    return new TreeSet<>(api.labelValues("__name__", null, window));
  }

  List<String> labelNames(String metric) throws PrometheusException {
    return api.labelNames(Selectors.ofMetric(metric), window);
  }

  List<String> labelValues(String metric, String label) throws PrometheusException {
    return api.labelValues(label, Selectors.ofMetric(metric), window);
  }

  Map<String, String> types() throws PrometheusException {
    return api.metricTypes();
  }

  /**
   * The longest scrape interval among the jobs whose series have {@code metric}; empty when no job
   * has it (the series check reports that).
   */
  Optional<JobInterval> scrapeInterval(String metric) throws PrometheusException {
    List<String> jobs = labelValues(metric, "job");
    if (jobs.isEmpty()) {
      return Optional.empty();
    }
    loadConfig();
    JobInterval longest = null;
    for (String job : jobs) {
      Duration interval = jobIntervals.getOrDefault(job, globalInterval);
      if (longest == null || interval.compareTo(longest.interval()) > 0) {
        longest = new JobInterval(job, interval);
      }
    }
    return Optional.of(longest);
  }

  record JobInterval(String job, Duration interval) {}

  /** The server's global {@code evaluation_interval}: how often a rule group without one runs. */
  Duration evaluationInterval() throws PrometheusException {
    loadConfig();
    return evaluationInterval;
  }

  PrometheusApi.BuildInfo buildInfo() throws PrometheusException {
    return api.buildInfo();
  }

  Map<String, String> flags() throws PrometheusException {
    return api.flags();
  }

  private void loadConfig() throws PrometheusException {
    if (jobIntervals != null) {
      return;
    }
    String yaml = api.configYaml();
    Map<String, Duration> intervals = new HashMap<>();
    Duration global = Duration.ofMinutes(1);
    Duration evaluation = Duration.ofMinutes(1);
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (root instanceof Map<?, ?> config) {
      if (config.get("global") instanceof Map<?, ?> g) {
        global = duration(g.get("scrape_interval")).orElse(global);
        evaluation = duration(g.get("evaluation_interval")).orElse(evaluation);
      }
      if (config.get("scrape_configs") instanceof List<?> jobs) {
        for (Object job : jobs) {
          if (job instanceof Map<?, ?> j && j.get("job_name") instanceof String name) {
            intervals.put(name, duration(j.get("scrape_interval")).orElse(global));
          }
        }
      }
    }
    globalInterval = global;
    evaluationInterval = evaluation;
    jobIntervals = intervals;
  }

  private static Optional<Duration> duration(Object value) {
    return value instanceof String s
        ? PromDuration.parse(s).map(PromDuration::value)
        : Optional.empty();
  }
}
