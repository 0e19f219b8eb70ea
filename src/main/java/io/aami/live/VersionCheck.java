package io.aami.live;

import io.aami.diag.Code;
import io.aami.promql.Dialect;
import io.aami.promql.Expr;
import io.aami.promql.Problem;
import io.aami.promql.PromQL;
import io.aami.promql.Trees;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code live/version}: the query as the server would read it. A 2.x server reads the Prometheus 2
 * dialect of {@code promql} (no functions added since 2.42, no quoted UTF-8 names, ...);
 * experimental functions and aggregations need {@code
 * --enable-feature=promql-experimental-functions}. The version and flags are requested once per
 * run.
 */
final class VersionCheck {
  static final String EXPERIMENTAL_FEATURE = "promql-experimental-functions";
  private static final Set<String> EXPERIMENTAL_AGGREGATIONS = Set.of("limitk", "limit_ratio");
  private static final Pattern MAJOR = Pattern.compile("^v?(\\d+)\\.");

  private final LiveFacts facts;
  private final Findings findings;

  VersionCheck(LiveFacts facts, Findings findings) {
    this.facts = facts;
    this.findings = findings;
  }

  void check(QuerySite site) throws PrometheusException {
    String version = facts.buildInfo().version();
    Matcher major = MAJOR.matcher(version);
    boolean two = major.find() && Integer.parseInt(major.group(1)) < 3;
    if (two) {
      for (Problem p : PromQL.check(site.expr(), Dialect.PROMETHEUS_2).problems()) {
        if (p.isError()) {
          findings.warn(
              site,
              site.at(word(site.expr(), p.span().start())),
              Code.LIVE_VERSION,
              "Prometheus " + version + " would refuse this query: " + p.message());
        }
      }
      return; // the 2.x dialect already refuses what 3.x added, experimental or not
    }
    Map<String, String> flags = facts.flags();
    boolean experimental = flags.getOrDefault("enable-feature", "").contains(EXPERIMENTAL_FEATURE);
    if (experimental) {
      return;
    }
    Trees.preorder(
        site.tree(),
        e -> {
          String name =
              e instanceof Expr.Call c && c.function().experimental()
                  ? c.function().name()
                  : e instanceof Expr.Aggregate a && EXPERIMENTAL_AGGREGATIONS.contains(a.op())
                      ? a.op()
                      : null;
          if (name != null) {
            findings.warn(
                site,
                site.at(name),
                Code.LIVE_VERSION,
                name
                    + "() is experimental and Prometheus "
                    + version
                    + " runs without --enable-feature="
                    + EXPERIMENTAL_FEATURE
                    + ", so it refuses the query");
          }
        });
  }

  /** The identifier at {@code offset}, so the warning can point at it in the template. */
  private static String word(String expr, int offset) {
    int start = Math.min(Math.max(0, offset), expr.length());
    int end = start;
    while (end < expr.length()
        && (Character.isLetterOrDigit(expr.charAt(end))
            || expr.charAt(end) == '_'
            || expr.charAt(end) == ':')) {
      end++;
    }
    return end > start ? expr.substring(start, end) : null;
  }
}
