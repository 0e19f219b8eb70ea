package io.aami.bench.jmh;

import io.aami.promql.PromQL;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of the PromQL front end (parse + type check). Compiled only in the {@code bench}
 * profile, so the default build does not pay for the annotation processor:
 *
 * <pre>
 * mvn -B -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) org.openjdk.jmh.Main PromqlParserBenchmark
 * </pre>
 *
 * {@code fleet} checks the 2,000 rule queries of {@code bench/generate-fleet.py} as they render.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PromqlParserBenchmark {
  private static final String TYPICAL =
      "sum by (instance, mount) (rate(aami_check_duration_seconds"
          + "{aami_groups=~\".*,gpu-cluster,.*\", check=\"mount_point\"}[5m])) / on(instance) group_left"
          + " max by (instance) (node_filesystem_size_bytes{fstype!~\"tmpfs|overlay\"}) > 0.9";
  private static final String LONG =
      String.join(
          " or ",
          java.util.Collections.nCopies(
              200, "max_over_time(m{a=\"x\", b=~\"y.*\"}[5m] offset 1h) > bool 2 ^ -1"));
  private final List<String> fleet = new ArrayList<>();

  public PromqlParserBenchmark() {
    for (int i = 0; i < 1000; i++) {
      String group = "group-" + (i % 500);
      fleet.add(
          "aami_check_success{aami_groups=~\".*,"
              + group
              + ",.*\", check=\"check-"
              + (i % 40)
              + "\"} == 0");
      fleet.add("synthetic_value{aami_groups=~\".*," + group + ",.*\"} > " + (i % 100));
    }
  }

  @Benchmark
  public boolean typical() {
    return PromQL.check(TYPICAL).valid();
  }

  @Benchmark
  public boolean longQuery() {
    return PromQL.check(LONG).valid();
  }

  @Benchmark
  public int fleet() {
    int valid = 0;
    for (String q : fleet) {
      valid += PromQL.check(q).valid() ? 1 : 0;
    }
    return valid;
  }
}
