package io.aami.metrics;

import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.model.Settings;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
  private static final Pattern GLOB = Pattern.compile("[a-zA-Z0-9_:*?]+");

  public ExternalMetrics {
    patterns = List.copyOf(patterns);
    compiled = List.copyOf(compiled);
  }

  public record Parsed(ExternalMetrics metrics, List<Diagnostic> diagnostics) {
    public Parsed {
      diagnostics = List.copyOf(diagnostics);
    }
  }

  public boolean covers(String metric) {
    return compiled.stream().anyMatch(p -> p.matcher(metric).matches());
  }

  public static Parsed parse(Settings settings) {
    List<String> patterns = new ArrayList<>(BUILT_IN);
    List<Diagnostic> problems = new ArrayList<>();
    Optional<YNode> section =
        settings
            .document()
            .flatMap(d -> d.get(SECTION))
            .filter(n -> !(n instanceof YScalar s && s.type() == YScalar.ScalarType.NULL));
    if (section.isPresent() && !(section.get() instanceof YSeq)) {
      problems.add(
          Diagnostic.error(
              section.get().location(),
              Code.SETTINGS,
              SECTION
                  + " must be a list of metric name patterns, not "
                  + section.get().typeName()));
    } else if (section.isPresent()) {
      for (YNode item : ((YSeq) section.get()).items()) {
        if (item instanceof YScalar s && s.isString() && GLOB.matcher(s.text()).matches()) {
          patterns.add(s.text());
        } else {
          problems.add(
              Diagnostic.error(
                  item.location(),
                  Code.SETTINGS,
                  "an entry of "
                      + SECTION
                      + " must be a metric name pattern: letters, digits, '_', ':' and the wildcards '*'"
                      + " and '?', e.g. kube_*"));
        }
      }
    }
    return new Parsed(
        new ExternalMetrics(patterns, patterns.stream().map(ExternalMetrics::glob).toList()),
        problems);
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
