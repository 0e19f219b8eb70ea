package io.aami.live;

import io.aami.alert.AgentInterval;
import io.aami.alert.AlertExpander;
import io.aami.alert.ExpandedAlert;
import io.aami.alert.ExpandedRecord;
import io.aami.alert.RecordExpander;
import io.aami.load.SourceTexts;
import io.aami.model.AlertRule;
import io.aami.model.Origin;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.promql.Expr;
import io.aami.promql.PromQL;
import io.aami.yaml.ScalarLocator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live checks of one repository against one Prometheus: every alert rule's query and every
 * recording rule's expression as it renders (disabled rules too, and global rules over every
 * target) is checked by {@link SeriesCheck}, {@link CounterCheck}, {@link RangeCheck} and {@link
 * VersionCheck} on a pool of {@code concurrency} threads. Requests go through the caller's {@link
 * CachingPrometheus}, so they cost one per distinct question, and through its gate, so never more
 * than the limit are in flight. Cost: the distinct selectors, plus a few requests per selector that
 * has no series.
 *
 * <p>If the server becomes unavailable during the run, the result has no findings and says why: a
 * partial answer would change with the moment Prometheus stopped.
 */
public final class LiveChecks {
  private LiveChecks() {}

  /** {@code questionsRefused} counts checks skipped because the server refused one question. */
  public record Result(
      List<io.aami.diag.Diagnostic> warnings,
      List<io.aami.diag.Diagnostic> notes,
      Optional<String> unavailable,
      int queries,
      int questionsRefused) {
    public Result {
      warnings = List.copyOf(warnings);
      notes = List.copyOf(notes);
    }
  }

  public static Result run(
      Repository repository,
      SourceTexts texts,
      CachingPrometheus prometheus,
      Duration lookback,
      int concurrency) {
    List<QuerySite> sites = sites(repository, texts);
    LiveFacts facts = new LiveFacts(prometheus, lookback, Instant.now());
    DeclaredMetrics declared = new DeclaredMetrics(repository);
    Findings findings = new Findings();
    Duration agentInterval = Duration.ofMillis(AgentInterval.of(repository.settings()).millis());
    SeriesCheck series = new SeriesCheck(facts, declared, findings);
    CounterCheck counters = new CounterCheck(facts, declared, findings);
    RangeCheck ranges = new RangeCheck(facts, declared, findings, agentInterval);
    VersionCheck versions = new VersionCheck(facts, findings);
    AtomicInteger refused = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.max(1, concurrency),
            r -> {
              Thread t = new Thread(r, "live-check");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> running = new ArrayList<>();
      for (QuerySite site : sites) {
        running.add(
            pool.submit(
                () -> {
                  for (SiteCheck check :
                      List.<SiteCheck>of(
                          versions::check, counters::check, series::check, ranges::check)) {
                    if (prometheus.unavailable().isPresent()) {
                      return;
                    }
                    try {
                      check.check(site);
                    } catch (PrometheusException e) {
                      if (!e.unavailable()) {
                        refused.incrementAndGet();
                      }
                    }
                  }
                }));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(
          List.of(), List.of(), Optional.of("interrupted"), sites.size(), refused.get());
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("a live check failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    Optional<String> down = prometheus.unavailable().map(Throwable::getMessage);
    if (down.isPresent()) {
      return new Result(List.of(), List.of(), down, sites.size(), refused.get());
    }
    return new Result(
        findings.warnings(), findings.notes(), Optional.empty(), sites.size(), refused.get());
  }

  private interface SiteCheck {
    void check(QuerySite site) throws PrometheusException;
  }

  /**
   * One site per rule and distinct rendered query: the alert rules in rule order, then the
   * recording rules.
   */
  static List<QuerySite> sites(Repository repository, SourceTexts texts) {
    AlertExpander expander = new AlertExpander(repository);
    ScalarLocator locator = new ScalarLocator(texts::text);
    Map<String, Expr> trees = new LinkedHashMap<>();
    List<QuerySite> sites = new ArrayList<>();
    for (AlertRule rule : repository.alertRules()) {
      Optional<ExpandedAlert> alert = expander.expand(rule).flatMap(AlertExpander.Expansion::alert);
      if (alert.isEmpty()) {
        continue;
      }
      Origin origin = rule.origin();
      if (rule.source() instanceof AlertRule.FromTemplate ref) {
        origin = repository.alertTemplate(ref.templateId()).map(t -> t.origin()).orElse(origin);
      }
      site(
              "alert rule",
              rule.id(),
              rule.groupId(),
              true,
              alert.get().expr(),
              origin,
              locator,
              trees)
          .ifPresent(sites::add);
    }
    RecordExpander records = new RecordExpander(repository);
    for (RecordingRule rule : repository.recordingRules()) {
      Optional<ExpandedRecord> record =
          records.expand(rule).flatMap(RecordExpander.Expansion::record);
      if (record.isPresent()) {
        site(
                "recording rule",
                rule.id(),
                rule.groupId(),
                false,
                record.get().expr(),
                rule.origin(),
                locator,
                trees)
            .ifPresent(sites::add);
      }
    }
    return sites;
  }

  /** Empty when the query does not parse: the offline checks report that. */
  private static Optional<QuerySite> site(
      String kind,
      String id,
      String group,
      boolean alert,
      String expr,
      Origin origin,
      ScalarLocator locator,
      Map<String, Expr> trees) {
    Expr tree = trees.computeIfAbsent(expr, q -> PromQL.check(q).expr().orElse(null));
    if (tree == null) {
      return Optional.empty();
    }
    String subject =
        kind + " '" + id + "' (" + (group == null ? "global" : "group '" + group + "'") + ")";
    return Optional.of(
        new QuerySite(
            subject, group, alert, expr, tree, origin, alert ? "query_template" : "expr", locator));
  }
}
