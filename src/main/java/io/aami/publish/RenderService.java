package io.aami.publish;

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
import io.aami.render.SiteSink;
import io.aami.render.SiteRenderer;
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
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;

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
   * {@code source} is the repository revision to render: the work tree at {@code repository}, or
   * a {@link GitTreeSource} of a commit of the git repository that contains it.
   */
  public record Request(RepositorySource source, Path repository, Path out, boolean checkOnly,
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
   * @throws RefusedOutputException when {@code request.out()} is not a directory render may
   *     replace (see {@link OutputPlacement}, {@link Publisher}); nothing was written
   */
  public Outcome render(Request request) throws IOException {
    OutputPlacement.check(request.repository(), request.out(), RepositoryLoader.CONTENT_DIRECTORIES);
    CheckedRepository checked = CheckedRepository.load(request.source());
    if (!checked.valid()) {
      return new Refused(checked.report());
    }
    ValidationReport report = checked.report();
    SourceTexts sources = checked.loaded().sources();
    Repository repository = checked.loaded().repository().withLeanTargets();
    checked = null; // the loaded YAML trees are garbage from here on: a big fleet's render needs the heap
    Optional<GitRevision> revision = request.source() instanceof GitTreeSource commit
        ? Optional.of(GitInspector.ofCommit(request.repository(), commit.commitId()))
        : GitInspector.inspect(request.repository(), INPUTS);
    Optional<InputChange> inputs = revision.isPresent() && revision.get().commit() != null
        ? GitInspector.lastInputChange(request.repository(), revision.get().commit(), INPUTS)
        : Optional.empty();
    try (Publication publication = request.checkOnly()
        ? publisher.compare(request.out()) : publisher.open(request.out());
        SigningSink signingSink = request.signing().map(signing -> new SigningSink(publication,
            new SiteSignatures.Session(signing, SiteSignatures.baseGeneration(revision, signing.now()),
                request.out(), !request.checkOnly()))).orElse(null)) {
      SiteSink site = signingSink != null ? signingSink : publication;
      renderInto(repository, site);
      for (RenderedFile file : FleetHealthRenderer.render(repository, inputs)) {
        site.add(file);
      }
      // The manifest lists the site's documents, not the signature files beside them.
      if (signingSink != null) {
        signingSink.flush();
      }
      List<Manifest.Entry> entries = signingSink == null
          ? publication.entries() : signingSink.withoutSignatures(publication.entries());
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
      int files = publication.entries().size();
      if (request.checkOnly()) {
        return new Checked(report,
            ignoringManifestSource(request.out(), publication.diff(), manifest, request.signing()), files);
      }
      return new Published(report, publication.commit());
    }
  }

  /**
   * Runs every renderer into {@code site} in their order: the streaming ones on this thread, while
   * a second thread renders the others' (small) lists, so that a render uses two cores.
   */
  private void renderInto(Repository repository, SiteSink site) throws IOException {
    ExecutorService second = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "aami-render");
      thread.setDaemon(true);
      return thread;
    });
    try {
      Map<SiteRenderer, Future<List<RenderedFile>>> lists = new IdentityHashMap<>();
      for (SiteRenderer renderer : renderers) {
        if (!renderer.streams()) {
          lists.put(renderer, second.submit(() -> renderer.render(repository)));
        }
      }
      for (SiteRenderer renderer : renderers) {
        if (renderer.streams()) {
          renderer.render(repository, site);
        } else {
          for (RenderedFile file : resultOf(lists.get(renderer))) {
            site.add(file);
          }
        }
      }
    } finally {
      second.shutdownNow();
    }
  }

  /** The list a renderer made on the second thread; what it threw is thrown here, unwrapped. */
  private static List<RenderedFile> resultOf(Future<List<RenderedFile>> list) throws IOException {
    try {
      return list.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error failure) {
        throw failure;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while rendering");
    }
  }

  /** Renders without touching the disk: pure, so the same repository gives the same bytes. */
  public Site build(Repository repository, Optional<GitRevision> revision) {
    return build(repository, revision, Optional.empty());
  }

  /** {@code inputs}, the last commit that changed the inputs, dates the fleet-health generation. */
  public Site build(Repository repository, Optional<GitRevision> revision,
      Optional<InputChange> inputs) {
    List<RenderedFile> files = new ArrayList<>();
    for (SiteRenderer renderer : renderers) {
      files.addAll(renderer.render(repository));
    }
    files.addAll(FleetHealthRenderer.render(repository, inputs));
    files.add(Manifest.render(files, repository, revision));
    SitePaths paths = new SitePaths();
    files.forEach(f -> paths.accept(f.path()));
    return new Site(List.copyOf(files), paths.problems());
  }

  /**
   * The differences {@code --check} reports: byte for byte, except that the manifest's source
   * (commit, dirty) is not compared, see {@link Manifest#sameIgnoringSource}, nor then its
   * signature, as long as a signing key signed the manifest that is there.
   */
  private static SiteDiff ignoringManifestSource(Path out, SiteDiff diff, RenderedFile manifest,
      Optional<SiteSignatures.Signing> signing) throws IOException {
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
    if (signing.isPresent() && changed.contains(signature)
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
