package io.aami.publish;

import io.aami.diag.Diagnostic;
import io.aami.git.GitInspector;
import io.aami.git.GitRevision;
import io.aami.git.GitTreeSource;
import io.aami.git.InputChange;
import io.aami.load.RepositoryLoader;
import io.aami.model.Repository;
import io.aami.model.Settings;
import io.aami.render.RenderedFile;
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
    Optional<GitRevision> revision = request.source() instanceof GitTreeSource commit
        ? Optional.of(GitInspector.ofCommit(request.repository(), commit.commitId()))
        : GitInspector.inspect(request.repository(), INPUTS);
    Optional<InputChange> inputs = revision.isPresent() && revision.get().commit() != null
        ? GitInspector.lastInputChange(request.repository(), revision.get().commit(), INPUTS)
        : Optional.empty();
    Site site = build(checked.loaded().repository(), revision, inputs);
    if (!site.problems().isEmpty()) {
      List<Diagnostic> all = new ArrayList<>(checked.report().diagnostics());
      all.addAll(site.problems());
      return new Refused(new ValidationReport(all, checked.loaded().sources()));
    }
    if (request.signing().isPresent()) {
      site = signed(site, request.signing().get(), revision, request.out(), !request.checkOnly());
      if (!site.problems().isEmpty()) {
        return new Refused(new ValidationReport(site.problems(), checked.loaded().sources()));
      }
    }
    if (request.checkOnly()) {
      return new Checked(checked.report(), check(request.out(), site.files(), request.signing()),
          site.files().size());
    }
    return new Published(checked.report(), publisher.publish(request.out(), site.files()));
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
    return new Site(List.copyOf(files), SitePaths.check(files));
  }

  /** The site with a signature file beside each signed document and the manifest. */
  private static Site signed(Site site, SiteSignatures.Signing signing, Optional<GitRevision> revision,
      Path out, boolean reusePublished) throws IOException {
    List<RenderedFile> files = new ArrayList<>(site.files());
    files.addAll(SiteSignatures.sign(site.files(), signing,
        SiteSignatures.baseGeneration(revision, signing.now()), out, reusePublished));
    return new Site(List.copyOf(files), SitePaths.check(files));
  }

  /**
   * The differences {@code --check} reports: byte for byte, except that the manifest's source
   * (commit, dirty) is not compared, see {@link Manifest#sameIgnoringSource}, nor then its
   * signature, as long as a signing key signed the manifest that is there.
   */
  private SiteDiff check(Path out, List<RenderedFile> files, Optional<SiteSignatures.Signing> signing)
      throws IOException {
    SiteDiff diff = publisher.diff(out, files);
    if (!diff.changed().contains(Manifest.PATH)) {
      return diff;
    }
    byte[] existing = Files.readAllBytes(out.resolve(Manifest.PATH));
    byte[] wanted = files.stream().filter(f -> f.path().equals(Manifest.PATH)).findFirst()
        .orElseThrow().content();
    if (!Manifest.sameIgnoringSource(existing, wanted)) {
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
