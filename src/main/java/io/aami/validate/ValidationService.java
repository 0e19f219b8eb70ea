package io.aami.validate;

import io.aami.alert.AlertChecks;
import io.aami.alert.RecordingRuleChecks;
import io.aami.diag.Diagnostic;
import io.aami.fleet.FleetChecks;
import io.aami.live.LiveSettings;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.load.StrayYamlFiles;
import io.aami.metrics.MetricContract;
import io.aami.render.checks.PublishSettings;
import io.aami.render.checks.PublishedContractCheck;
import io.aami.render.checks.TargetPathCheck;
import io.aami.render.prometheus.GroupFileNameCheck;
import io.aami.resolve.AmbiguityCheck;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

/** Loads a repository revision and runs every check on it: what {@code aami validate} does. */
public final class ValidationService {
  private final RepositoryLoader loader;
  private final List<Function<LoadResult, List<Diagnostic>>> checks;

  public ValidationService(RepositoryLoader loader, List<Function<LoadResult, List<Diagnostic>>> checks) {
    this.loader = loader;
    this.checks = List.copyOf(checks);
  }

  /** The loader and every check aami ships. */
  public static ValidationService standard() {
    return new ValidationService(new RepositoryLoader(), List.of(
        new Validator()::check,
        loaded -> AlertChecks.check(loaded.repository(), loaded.sources()::text),
        loaded -> RecordingRuleChecks.check(loaded.repository(), loaded.sources()::text),
        MetricContract::check,
        loaded -> AmbiguityCheck.check(loaded.repository()),
        loaded -> TargetPathCheck.check(loaded.repository()),
        loaded -> PublishSettings.parse(loaded.repository().settings()).diagnostics(),
        loaded -> GroupFileNameCheck.check(loaded.repository()),
        loaded -> PublishedContractCheck.check(loaded.repository()),
        loaded -> FleetChecks.check(loaded.repository()),
        loaded -> LiveSettings.parse(loaded.repository().settings()).diagnostics()));
  }

  /** These checks and {@code extra} (e.g. the live checks of {@code validate --prometheus}). */
  public ValidationService with(Function<LoadResult, List<Diagnostic>> extra) {
    List<Function<LoadResult, List<Diagnostic>>> all = new ArrayList<>(checks);
    all.add(extra);
    return new ValidationService(loader, all);
  }

  public ValidationReport validate(RepositorySource source) throws IOException {
    return check(source).report();
  }

  /** Loads and validates {@code source}, keeping the model for commands that go on to use it. */
  public CheckedRepository check(RepositorySource source) throws IOException {
    LoadResult loaded = loader.load(source);
    ValidationReport report = validateLoaded(loaded);
    List<Diagnostic> stray = StrayYamlFiles.find(source);
    if (!stray.isEmpty()) {
      List<Diagnostic> all = new ArrayList<>(report.diagnostics());
      all.addAll(stray);
      report = new ValidationReport(all, loaded.sources());
    }
    return new CheckedRepository(loaded, report);
  }

  /**
   * Runs the checks side by side (they only read the loaded repository), reporting their problems
   * in the order of the checks whichever finishes first.
   */
  public ValidationReport validateLoaded(LoadResult loaded) {
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    IntStream.range(0, checks.size()).parallel()
        .mapToObj(index -> checks.get(index).apply(loaded))
        .toList()
        .forEach(all::addAll);
    return new ValidationReport(all, loaded.sources());
  }
}
