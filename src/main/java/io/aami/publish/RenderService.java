package io.aami.publish;

import io.aami.concurrent.Background;
import io.aami.diag.Diagnostic;
import io.aami.git.GitInspector;
import io.aami.git.GitRevision;
import io.aami.git.GitTreeSource;
import io.aami.git.InputChange;
import io.aami.load.RepositoryLoader;
import io.aami.load.SourceTexts;
import io.aami.model.Repository;
import io.aami.model.Settings;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import io.aami.render.SiteSink;
import io.aami.render.checks.CheckApiRenderer;
import io.aami.render.prometheus.FleetHealthRenderer;
import io.aami.render.prometheus.PrometheusRenderers;
import io.aami.source.RepositorySource;
import io.aami.validate.CheckedRepository;
import io.aami.validate.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * What {@code aami render} does: load and validate the repository (refusing an invalid one), run
 * every {@link SiteRenderer}, add {@code manifest.json}, then publish the site into the output
 * directory, or with {@code checkOnly} only compare it.
 */
public final class RenderService {

  /**
   * The renderers of the published site. Adding a part of the site is adding its renderer here;
   * paths must not collide (they are checked before anything is written).
   */
  public static List<SiteRenderer> standardRenderers() {
    List<SiteRenderer> renderers = new ArrayList<>();
    renderers.add(new CheckApiRenderer());
    renderers.addAll(PrometheusRenderers.all());
    return List.copyOf(renderers);
  }

  /** Render inputs: the files whose changes make a work tree "dirty" for the manifest. */
  static final List<String> INPUTS = inputs();

  /**
   * {@code source} is the repository revision to render: the work tree at {@code repository}, or a
   * {@link GitTreeSource} of a commit of the git repository that contains it.
   */
  public record Request(
      RepositorySource source,
      Path repository,
      Path out,
      boolean checkOnly,
      Optional<SiteSignatures.Signing> signing) {
    public Request(RepositorySource source, Path repository, Path out, boolean checkOnly) {
      this(source, repository, out, checkOnly, Optional.empty());
    }
  }

  /** {@code report} holds the warnings of a repository that passed; errors only in Refused. */
  public sealed interface Outcome permits Refused, Published, Checked {
    ValidationReport report();
  }

  /** The repository has errors (or the site would have colliding paths): nothing was written. */
  public record Refused(ValidationReport report) implements Outcome {}

  public record Published(ValidationReport report, PublishResult result) implements Outcome {}

  public record Checked(ValidationReport report, SiteDiff diff, int files) implements Outcome {}

  /** The complete site, manifest included, or the problems that prevent it. */
  public record Site(List<RenderedFile> files, List<Diagnostic> problems) {}

  private final List<SiteRenderer> renderers;
  private final Publisher publisher;

  public RenderService(List<SiteRenderer> renderers, Publisher publisher) {
    this.renderers = List.copyOf(renderers);
    this.publisher = publisher;
  }

  public static RenderService standard() {
    return new RenderService(standardRenderers(), new Publisher());
  }

  /**
   * Renders the repository into the output directory.
   *
   * @throws RefusedOutputException when {@code request.out()} is not a directory render may replace
   *     (see {@link OutputPlacement}, {@link Publisher}); nothing was written
   */
  public Outcome render(Request request) throws IOException {
    OutputPlacement.check(
        request.repository(), request.out(), RepositoryLoader.CONTENT_DIRECTORIES);
    // Opening the output (its lock, then a walk of every file it holds) overlaps validation.
    ExecutorService opener = Background.threads("aami-open", 1);
    Future<Publication> opening =
        opener.submit(
            () ->
                request.checkOnly()
                    ? publisher.compare(request.out())
                    : publisher.open(request.out()));
    opener.shutdown();
    ValidationReport report;
    SourceTexts sources;
    Repository repository;
    Optional<GitRevision> revision;
    Optional<InputChange> inputs;
    try {
      CheckedRepository checked = CheckedRepository.load(request.source());
      if (!checked.valid()) {
        closeWhenOpened(opening);
        return new Refused(checked.report());
      }
      report = checked.report();
      sources = checked.loaded().sources();
      repository = checked.loaded().repository().withLeanTargets();
      checked =
          null; // the loaded YAML trees are garbage from here on: a big fleet's render needs the
      // heap
      revision =
          request.source() instanceof GitTreeSource commit
              ? Optional.of(GitInspector.ofCommit(request.repository(), commit.commitId()))
              : GitInspector.inspect(request.repository(), INPUTS);
      inputs =
          revision.isPresent() && revision.get().commit() != null
              ? GitInspector.lastInputChange(request.repository(), revision.get().commit(), INPUTS)
              : Optional.empty();
      requirePublishableGenerations(revision, inputs, request.signing());
    } catch (IOException | RuntimeException | Error e) {
      closeWhenOpened(opening);
      throw e;
    }
    try (Publication publication = Background.resultOf(opening);
        SigningSink signingSink =
            request
                .signing()
                .map(
                    signing ->
                        new SigningSink(
                            publication,
                            new SiteSignatures.Session(
                                signing,
                                SiteSignatures.baseGeneration(revision, signing.now()),
                                request.out(),
                                !request.checkOnly())))
                .orElse(null)) {
      SiteSink site = signingSink != null ? signingSink : publication;
      renderInto(repository, site);
      for (RenderedFile file : FleetHealthRenderer.render(repository, inputs)) {
        site.add(file);
      }
      // The manifest lists the site's documents, not the signature files beside them.
      if (signingSink != null) {
        signingSink.flush();
      }
      List<Manifest.Entry> entries =
          signingSink == null
              ? publication.entries()
              : signingSink.withoutSignatures(publication.entries());
      RenderedFile manifest = Manifest.fromEntries(entries, repository, revision);
      site.add(manifest);
      if (signingSink != null) {
        signingSink.flush();
      }
      if (!publication.pathProblems().isEmpty()) {
        List<Diagnostic> all = new ArrayList<>(report.diagnostics());
        all.addAll(publication.pathProblems());
        return new Refused(new ValidationReport(all, sources));
      }
      int files = publication.fileCount();
      if (request.checkOnly()) {
        return new Checked(
            report,
            ignoringManifestSource(request.out(), publication.diff(), manifest, request.signing()),
            files);
      }
      return new Published(report, publication.commit());
    }
  }

  /**
   * The site's generation (the last input change) and the signatures' base generation (the rendered
   * commit) must be ones node agents compare; checked before anything is rendered.
   */
  private static void requirePublishableGenerations(
      Optional<GitRevision> revision,
      Optional<InputChange> inputs,
      Optional<SiteSignatures.Signing> signing)
      throws IOException {
    if (inputs.isPresent()) {
      UnpublishableGenerationException.require(
          inputs.get().time().getEpochSecond(),
          "the commit time of "
              + inputs.get().commit()
              + " (the last change to the render inputs)");
    }
    if (signing.isPresent()) {
      UnpublishableGenerationException.require(
          SiteSignatures.baseGeneration(revision, signing.get().now()),
          revision
              .filter(r -> r.commit() != null)
              .map(r -> "the commit time of " + r.commit())
              .orElse("the current time"));
    }
  }

  /**
   * Runs every renderer into {@code site}: the streaming ones on this thread, then the others'
   * lists in renderer order. Those lists are made meanwhile by a second thread (they are small), so
   * that a render uses two cores. Once done streaming, this thread renders those of the lists the
   * second thread has not started, from the last: for a fleet with few distinct check lists the
   * lists are the longer part.
   */
  private void renderInto(Repository repository, SiteSink site) throws IOException {
    ExecutorService second = Background.threads("aami-render", 1);
    try {
      List<FutureTask<List<RenderedFile>>> queued = new ArrayList<>(); // in renderer order
      for (SiteRenderer renderer : renderers) {
        if (!renderer.streams()) {
          FutureTask<List<RenderedFile>> list = new FutureTask<>(() -> renderer.render(repository));
          queued.add(list);
          second.execute(list);
        }
      }
      for (SiteRenderer renderer : renderers) {
        if (renderer.streams()) {
          renderer.render(repository, site);
        }
      }
      for (int i = queued.size() - 1; i >= 0; i--) {
        queued.get(i).run(); // does nothing when the second thread has started or finished it
      }
      for (FutureTask<List<RenderedFile>> list : queued) {
        for (RenderedFile file : Background.resultOf(list)) {
          site.add(file);
        }
      }
    } finally {
      second.shutdownNow();
    }
  }

  /** Waits for an output being opened and closes it (releasing its lock), whatever became of it. */
  private static void closeWhenOpened(Future<Publication> opening) {
    try (Publication publication = Background.resultOf(opening)) {
      // nothing to publish: the repository has errors
    } catch (IOException | RuntimeException notOpened) {
      // the repository's problems are what the user needs to hear about first
    }
  }

  /** Renders without touching the disk: pure, so the same repository gives the same bytes. */
  public Site build(Repository repository, Optional<GitRevision> revision) {
    return build(repository, revision, Optional.empty());
  }

  /** {@code inputs}, the last commit that changed the inputs, dates the fleet-health generation. */
  public Site build(
      Repository repository, Optional<GitRevision> revision, Optional<InputChange> inputs) {
    List<RenderedFile> files = new ArrayList<>();
    for (SiteRenderer renderer : renderers) {
      files.addAll(renderer.render(repository));
    }
    files.addAll(FleetHealthRenderer.render(repository, inputs));
    files.add(Manifest.render(files, repository, revision));
    OutputPaths paths = new OutputPaths();
    files.forEach(f -> paths.accept(f.path()));
    return new Site(List.copyOf(files), paths.problems());
  }

  /**
   * The differences {@code --check} reports: byte for byte, except that the manifest's source
   * (commit, dirty) is not compared, see {@link Manifest#sameIgnoringSource}, nor then its
   * signature, as long as a signing key signed the manifest that is there.
   */
  private static SiteDiff ignoringManifestSource(
      Path out, SiteDiff diff, RenderedFile manifest, Optional<SiteSignatures.Signing> signing)
      throws IOException {
    if (!diff.changed().contains(Manifest.PATH)) {
      return diff;
    }
    byte[] existing = Files.readAllBytes(out.resolve(Manifest.PATH));
    if (!Manifest.sameIgnoringSource(existing, manifest.content())) {
      return diff;
    }
    List<String> changed = new ArrayList<>(diff.changed());
    changed.remove(Manifest.PATH);
    String signature = Manifest.PATH + SiteSignatures.SUFFIX;
    if (signing.isPresent()
        && changed.contains(signature)
        && SiteSignatures.vouchesFor(out, Manifest.PATH, existing, signing.get())) {
      changed.remove(signature);
    }
    return new SiteDiff(diff.added(), diff.removed(), changed);
  }

  private static List<String> inputs() {
    List<String> inputs = new ArrayList<>(RepositoryLoader.CONTENT_DIRECTORIES);
    inputs.add(Settings.FILE_NAME);
    return List.copyOf(inputs);
  }
}
