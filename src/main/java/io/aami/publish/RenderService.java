package io.aami.publish;

import io.aami.diag.Diagnostic;
import io.aami.git.GitInspector;
import io.aami.git.GitRevision;
import io.aami.git.GitTreeSource;
import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.model.Settings;
import io.aami.render.RenderedFile;
import io.aami.render.SiteRenderer;
import io.aami.render.checks.CheckApiRenderer;
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
  public record Request(RepositorySource source, Path repository, Path out, boolean checkOnly) {}

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
    Optional<GitRevision> revision = request.source() instanceof GitTreeSource commit
        ? Optional.of(GitInspector.ofCommit(request.repository(), commit.commitId()))
        : GitInspector.inspect(request.repository(), INPUTS);
    Repository repository = checked.loaded().repository();
    try (Publication site = request.checkOnly()
        ? publisher.compare(request.out()) : publisher.open(request.out())) {
      for (SiteRenderer renderer : renderers) {
        renderer.render(repository, site);
      }
      RenderedFile manifest = Manifest.fromEntries(site.entries(), repository, revision);
      site.add(manifest);
      if (!site.pathProblems().isEmpty()) {
        List<Diagnostic> all = new ArrayList<>(checked.report().diagnostics());
        all.addAll(site.pathProblems());
        return new Refused(new ValidationReport(all, checked.loaded().sources()));
      }
      int files = site.entries().size();
      if (request.checkOnly()) {
        return new Checked(checked.report(), ignoringManifestSource(request.out(), site.diff(), manifest), files);
      }
      return new Published(checked.report(), site.commit());
    }
  }

  /** Renders without touching the disk: pure, so the same repository gives the same bytes. */
  public Site build(Repository repository, Optional<GitRevision> revision) {
    List<RenderedFile> files = new ArrayList<>();
    for (SiteRenderer renderer : renderers) {
      files.addAll(renderer.render(repository));
    }
    files.add(Manifest.render(files, repository, revision));
    SitePaths paths = new SitePaths();
    files.forEach(f -> paths.accept(f.path()));
    return new Site(List.copyOf(files), paths.problems());
  }

  /**
   * The differences {@code --check} reports: byte for byte, except that the manifest's source
   * (commit, dirty) is not compared; see {@link Manifest#sameIgnoringSource}.
   */
  private static SiteDiff ignoringManifestSource(Path out, SiteDiff diff, RenderedFile manifest)
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
    return new SiteDiff(diff.added(), diff.removed(), changed);
  }

  private static List<String> inputs() {
    List<String> inputs = new ArrayList<>(RepositoryLoader.CONTENT_DIRECTORIES);
    inputs.add(Settings.FILE_NAME);
    return List.copyOf(inputs);
  }
}
