package io.aami.bench;

import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.publish.Publisher;
import io.aami.publish.RenderService;
import io.aami.resolve.AmbiguityCheck;
import io.aami.resolve.CheckResolver;
import io.aami.source.WorkTreeSource;
import io.aami.validate.ValidationService;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Phase timings of resolve and render on a generated fleet; a benchmark, not a test:
 *
 * <pre>
 * bench/generate-fleet.py /tmp/fleet
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -Xmx512m -cp target/classes:target/test-classes:$(cat /tmp/cp.txt) \
 *     io.aami.bench.RenderBenchmark /tmp/fleet /tmp/fleet-out
 * </pre>
 */
public final class RenderBenchmark {
  private RenderBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path repoDir = Path.of(args[0]);
    Path out = Path.of(args[1]);
    long t0 = System.nanoTime();
    LoadResult loaded = new RepositoryLoader().load(new WorkTreeSource(repoDir));
    long t1 = lap("load", t0);
    ValidationService.standard().validateLoaded(loaded);
    long t2 = lap("validate (all checks)", t1);
    Repository repo = loaded.repository();
    AmbiguityCheck.check(repo);
    long t3 = lap("ambiguity check alone", t2);
    CheckResolver resolver = CheckResolver.of(repo);
    java.util.Set<Object> sets =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    repo.targets().forEach(t -> sets.add(resolver.resolve(t)));
    long distinct = sets.size();
    long t4 = lap("resolve all targets (" + distinct + " distinct group sets)", t3);
    RenderService service = RenderService.standard();
    RenderService.Site site = service.build(repo, Optional.empty());
    long t5 = lap("build site (" + site.files().size() + " files, manifest included)", t4);
    new Publisher().publish(out, site.files());
    long t6 = lap("publish", t5);
    new Publisher().publish(out, site.files());
    long t7 = lap("publish again (unchanged)", t6);
    new Publisher().diff(out, site.files());
    lap("diff (--check)", t7);
    System.out.printf(
        "targets=%d groups=%d policies=%d%n",
        repo.targets().size(), repo.groups().size(), repo.scriptPolicies().size());
  }

  private static long lap(String what, long since) {
    long now = System.nanoTime();
    System.out.printf("%-60s %6d ms%n", what, (now - since) / 1_000_000);
    return now;
  }
}
