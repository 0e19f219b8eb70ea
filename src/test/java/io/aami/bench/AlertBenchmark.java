package io.aami.bench;

import io.aami.alert.AlertChecks;
import io.aami.alert.AlertPlan;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import io.aami.render.prometheus.PrometheusRenderers;
import io.aami.source.WorkTreeSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;

/**
 * Phase timings of the alert checks and the Prometheus renderers on a generated fleet; a benchmark,
 * not a test. Every phase runs several rounds: the first shows a cold start as the CLI sees it, the
 * later ones what the code itself costs.
 *
 * <pre>
 * bench/generate-fleet.py /tmp/fleet
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx512m -XX:ActiveProcessorCount=2 -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     io.aami.bench.AlertBenchmark /tmp/fleet [rounds]
 * </pre>
 */
public final class AlertBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static long lastCpu = THREADS.getCurrentThreadCpuTime();

  private AlertBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repoDir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long start = System.nanoTime();
    LoadResult loaded = new RepositoryLoader().load(new WorkTreeSource(repoDir));
    lap("load", start);
    Repository repo = loaded.repository();
    System.out.printf(
        "groups=%d targets=%d alert templates=%d alert rules=%d%n",
        repo.groups().size(),
        repo.targets().size(),
        repo.alertTemplates().size(),
        repo.alertRules().size());
    for (int round = 1; round <= rounds; round++) {
      System.out.println("round " + round);
      long t = System.nanoTime();
      int diagnostics = AlertChecks.check(repo).size();
      t = lap("  alert checks (" + diagnostics + " diagnostics)", t);
      int groups = AlertPlan.build(repo).size();
      t = lap("  alert plan (" + groups + " groups)", t);
      for (SiteRenderer renderer : PrometheusRenderers.all()) {
        List<RenderedFile> files = renderer.render(repo);
        long bytes = files.stream().mapToLong(f -> f.content().length).sum();
        t =
            lap(
                "  "
                    + renderer.getClass().getSimpleName()
                    + " ("
                    + files.size()
                    + " files, "
                    + bytes / 1024
                    + " KiB)",
                t);
      }
    }
  }

  /**
   * Prints the wall time since {@code since} and the CPU time this thread spent since the previous
   * lap: on a shared machine the wall time swings with other load, the CPU time much less.
   */
  private static long lap(String what, long since) {
    long now = System.nanoTime();
    long cpu = THREADS.getCurrentThreadCpuTime();
    System.out.printf(
        "%-62s %6d ms wall %6d ms cpu%n",
        what, (now - since) / 1_000_000, (cpu - lastCpu) / 1_000_000);
    lastCpu = cpu;
    return now;
  }
}
