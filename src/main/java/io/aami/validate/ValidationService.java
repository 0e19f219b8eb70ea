package io.aami.validate;

import io.aami.alert.AlertChecks;
import io.aami.alert.RecordingRuleChecks;
import io.aami.diag.Diagnostic;
import io.aami.fleet.FleetChecks;
import io.aami.live.LiveSettings;
import io.aami.live.LiveValidation;
import io.aami.load.LoadResult;
import io.aami.load.RepositoryLoader;
import io.aami.load.StrayYamlFiles;
import io.aami.metrics.MetricContract;
import io.aami.render.checks.DocumentSizeCheck;
import io.aami.render.checks.PublishedContractCheck;
import io.aami.render.checks.TargetPathCheck;
import io.aami.render.prometheus.GroupFileNameCheck;
import io.aami.resolve.AmbiguityCheck;
import io.aami.schema.SchemaValidator;
import io.aami.source.RepositorySource;
import io.aami.suppress.Suppressor;
import io.aami.suppress.ValidateSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/** Loads a repository revision and runs every check on it: what {@code aami validate} does. */
public final class ValidationService {
  private final RepositoryLoader loader;
  private final List<Function<LoadResult, List<Diagnostic>>> checks;
  private final boolean suppress;

  /** Codes whose checks did not run, asked after they all ran (see {@link #withLive}). */
  private final Predicate<String> notChecked;

  private static final String LIVE_PREFIX = "live/";

  public ValidationService(
      RepositoryLoader loader, List<Function<LoadResult, List<Diagnostic>>> checks) {
    this(loader, checks, true, ValidationService::isLiveCode);
  }

  private ValidationService(
      RepositoryLoader loader,
      List<Function<LoadResult, List<Diagnostic>>> checks,
      boolean suppress,
      Predicate<String> notChecked) {
    this.loader = loader;
    this.checks = List.copyOf(checks);
    this.suppress = suppress;
    this.notChecked = notChecked;
  }

  /**
   * The same checks with every suppression ignored ({@code validate --no-suppress}): no {@code #
   * aami-disable} comment and no {@code validate} setting of aami.yaml applies.
   */
  public ValidationService withoutSuppressions() {
    return new ValidationService(loader, checks, false, notChecked);
  }

  /** The loader and every check aami ships. */
  public static ValidationService standard() {
    return new ValidationService(
        new RepositoryLoader(),
        List.of(
            new Validator()::check,
            loaded -> AlertChecks.check(loaded.repository(), loaded.sources()::text),
            loaded -> RecordingRuleChecks.check(loaded.repository(), loaded.sources()::text),
            MetricContract::check,
            loaded -> AmbiguityCheck.check(loaded.repository()),
            loaded -> TargetPathCheck.check(loaded.repository()),
            loaded -> GroupFileNameCheck.check(loaded.repository()),
            loaded -> PublishedContractCheck.check(loaded.repository()),
            loaded ->
                DocumentSizeCheck.check(
                    loaded.repository(),
                    SchemaValidator.load().publishedLimits().documentMaxBytes()),
            loaded -> FleetChecks.check(loaded.repository()),
            loaded -> LiveSettings.parse(loaded.repository().settings()).diagnostics()));
  }

  /** These checks and {@code extra} (e.g. the live checks of {@code validate --prometheus}). */
  public ValidationService with(Function<LoadResult, List<Diagnostic>> extra) {
    List<Function<LoadResult, List<Diagnostic>>> all = new ArrayList<>(checks);
    all.add(extra);
    return new ValidationService(loader, all, suppress, notChecked);
  }

  /**
   * These checks and the live checks of {@code live}. A suppression of a {@code live/*} code
   * silences nothing when no Prometheus answered (none named, or unreachable); that is not {@code
   * suppress/unused}, so an offline validate of a repository that suppresses live findings stays
   * clean.
   */
  public ValidationService withLive(LiveValidation live) {
    ValidationService with = with(live::check);
    return new ValidationService(
        loader, with.checks, suppress, code -> isLiveCode(code) && !live.answered());
  }

  /** Only the live checks give these codes, and only when a Prometheus answers. */
  private static boolean isLiveCode(String code) {
    return code.startsWith(LIVE_PREFIX);
  }

  public ValidationReport validate(RepositorySource source) throws IOException {
    return check(source).report();
  }

  /** Loads and validates {@code source}, keeping the model for commands that go on to use it. */
  public CheckedRepository check(RepositorySource source) throws IOException {
    LoadResult loaded = loader.load(source);
    List<Diagnostic> all = unsuppressed(loaded);
    all.addAll(StrayYamlFiles.find(source));
    return new CheckedRepository(loaded, suppressed(all, loaded));
  }

  /**
   * Runs the checks side by side (they only read the loaded repository), reporting their problems
   * in the order of the checks whichever finishes first.
   */
  public ValidationReport validateLoaded(LoadResult loaded) {
    return suppressed(unsuppressed(loaded), loaded);
  }

  private List<Diagnostic> unsuppressed(LoadResult loaded) {
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    IntStream.range(0, checks.size())
        .parallel()
        .mapToObj(index -> checks.get(index).apply(loaded))
        .toList()
        .forEach(all::addAll);
    return all;
  }

  /** Applies the repository's suppressions (comments and aami.yaml's validate section). */
  private ValidationReport suppressed(List<Diagnostic> all, LoadResult loaded) {
    if (!suppress) {
      return new ValidationReport(all, loaded.sources());
    }
    ValidateSettings settings = ValidateSettings.of(loaded.repository().settings());
    Suppressor.Outcome outcome =
        Suppressor.apply(
            all.stream().distinct().toList(),
            loaded.sources().files(),
            loaded.sources()::text,
            settings,
            notChecked);
    return new ValidationReport(outcome.diagnostics(), loaded.sources(), outcome.suppressed());
  }
}
