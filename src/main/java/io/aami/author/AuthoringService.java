package io.aami.author;

import io.aami.diag.SourceLocation;
import io.aami.diag.Suggestions;
import io.aami.edit.DocumentEditor;
import io.aami.edit.PlainValues;
import io.aami.load.RepositoryLoader;
import io.aami.model.CheckDefinition;
import io.aami.model.Kind;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.source.OverlaySource;
import io.aami.source.RepositorySource;
import io.aami.validate.CheckedRepository;
import io.aami.validate.ValidationReport;
import io.aami.validate.ValidationService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The seed API's operations as edits of the repository: list and show read it; create, update and
 * delete plan file changes and validate the repository as it would be after them (in memory,
 * through an {@link OverlaySource}), refusing any change that leaves errors. Nothing is written
 * here: {@link ChangeWriter} writes an accepted plan. Each call loads the repository once, and a
 * change is validated with one more load, so the cost is that of two {@code aami validate} runs.
 */
public final class AuthoringService {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final int MAX_ID_LENGTH = 253;

  private final ValidationService validation;

  /** list and show only read: loading is enough, the semantic checks are not run. */
  private final RepositoryLoader reader = new RepositoryLoader();

  public AuthoringService(ValidationService validation) {
    this.validation = validation;
  }

  public static AuthoringService standard() {
    return new AuthoringService(ValidationService.standard());
  }

  /** Which documents {@code list} shows: optional filters, then one page. */
  public record ListQuery(
      DocumentKind kind,
      String scriptType,
      String group,
      boolean globalOnly,
      int page,
      int limit) {}

  /**
   * What a template's update must respect: {@code force} allows a content change without a new
   * version.
   */
  public record UpdateOptions(boolean force) {}

  public Listing list(RepositorySource source, ListQuery query) throws IOException {
    Repository repo = reader.load(source).repository();
    List<Entry> matching = new ArrayList<>();
    for (Entry entry : query.kind().entries(repo)) {
      Map<String, Object> doc = entry.document();
      boolean keep =
          (query.scriptType() == null || query.scriptType().equals(doc.get("script_type")))
              && (query.group() == null || query.kind().inGroup(doc, query.group()))
              && (!query.globalOnly() || "global".equals(doc.get("scope")));
      if (keep) {
        matching.add(entry);
      }
    }
    int from = Math.min(matching.size(), (query.page() - 1) * query.limit());
    int to = Math.min(matching.size(), from + query.limit());
    return new Listing(
        query.kind(), matching.subList(from, to), query.page(), query.limit(), matching.size());
  }

  /** What {@code show} finds: the document, or why not (with a suggestion). */
  public record Lookup(Entry entry, Plan.NotFound missing) {}

  public Lookup show(RepositorySource source, DocumentKind kind, String id) throws IOException {
    Repository repo = reader.load(source).repository();
    return find(repo, kind, id)
        .map(e -> new Lookup(e, null))
        .orElseGet(() -> new Lookup(null, notFound(repo, kind, id)));
  }

  private static Optional<Entry> find(Repository repo, DocumentKind kind, String id) {
    return kind.entries(repo).stream().filter(e -> e.id().equals(id)).findFirst();
  }

  private static Plan.NotFound notFound(Repository repo, DocumentKind kind, String id) {
    List<String> ids = kind.entries(repo).stream().map(Entry::id).toList();
    return new Plan.NotFound(kind, id, Suggestions.closest(id, ids).orElse(null));
  }

  /**
   * A new document {@code <directory>/<id>.yaml}: apiVersion, kind, the id, then {@code fields}.
   */
  public Plan create(
      RepositorySource source, DocumentKind kind, String id, Map<String, Object> fields)
      throws IOException {
    if (!ID.matcher(id).matches() || id.length() > MAX_ID_LENGTH) {
      // Checked before the id becomes a file name; the schema's rule (docs/FORMAT.md).
      return new Plan.BadRequest(
          "'"
              + id
              + "' is not a valid id: letters, digits, '.', '_' and '-', "
              + "starting with a letter or digit, at most "
              + MAX_ID_LENGTH
              + " characters");
    }
    CheckedRepository before = validation.check(source);
    Optional<Entry> existing = find(before.loaded().repository(), kind, id);
    if (existing.isPresent()) {
      return new Plan.AlreadyExists(kind, id, existing.get().origin().location());
    }
    String path = kind.pathFor(id);
    if (source.status(path) != RepositorySource.PathStatus.MISSING) {
      return new Plan.AlreadyExists(kind, id, SourceLocation.wholeFile(path));
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", Kind.API_VERSION);
    doc.put("kind", kind.kind().kindName());
    doc.put(kind.idField(), id);
    doc.putAll(fields);
    String text = DocumentEditor.newFile(path, kind.modeline(), doc);
    return validated(
        source, before, List.of(new FileChange(path, null, text.getBytes(StandardCharsets.UTF_8))));
  }

  /**
   * Applies field changes to one document in place. A {@code Set} of {@code script_content} on a
   * definition that keeps its script in a {@code script_file} rewrites that file instead.
   */
  public Plan update(
      RepositorySource source,
      DocumentKind kind,
      String id,
      List<FieldChange> changes,
      UpdateOptions options)
      throws IOException {
    CheckedRepository before = validation.check(source);
    Repository repo = before.loaded().repository();
    Optional<Entry> found = find(repo, kind, id);
    if (found.isEmpty()) {
      return notFound(repo, kind, id);
    }
    Entry entry = found.get();
    Map<String, Object> old = entry.document();
    Map<String, Object> doc = Documents.mutableCopy(old);
    List<FileChange> files = new ArrayList<>();
    String newScript = null;
    for (FieldChange change : changes) {
      if (change instanceof FieldChange.Set set
          && set.path().equals(List.of("script_content"))
          && doc.containsKey("script_file")) {
        newScript = (String) set.value();
        continue;
      }
      Optional<String> problem = Documents.apply(doc, change);
      if (problem.isPresent()) {
        return new Plan.BadRequest(problem.get());
      }
    }
    Optional<CheckDefinition> definition = definitionOf(repo, kind, id);
    if (newScript != null && definition.isPresent()) {
      String scriptPath = definition.get().script().file();
      byte[] current = source.read(scriptPath);
      byte[] wanted = newScript.getBytes(StandardCharsets.UTF_8);
      if (!java.util.Arrays.equals(current, wanted)) {
        files.add(new FileChange(scriptPath, current, wanted));
      }
    }
    if (kind == DocumentKind.SCRIPT_TEMPLATE && !options.force()) {
      boolean contentChanged =
          !files.isEmpty()
              || !Objects.equals(old.get("script_content"), doc.get("script_content"))
              || !Objects.equals(old.get("default_config"), doc.get("default_config"));
      if (contentChanged && Objects.equals(old.get("version"), doc.get("version"))) {
        return new Plan.Rejected(
            "the script or default_config of template '"
                + id
                + "' changes but its version stays "
                + old.get("version")
                + ": nodes and pinned policies"
                + " cannot tell the two apart; give a new --version, or --force",
            entry.origin().locate("version"));
      }
    }
    if (!old.equals(PlainValues.normalize(doc))) {
      DocumentFile file = readAsLoaded(source, before, entry.origin().file());
      files.add(
          0,
          new FileChange(
              entry.origin().file(), file.bytes(), file.replace(entry.origin().document(), doc)));
    }
    return validated(source, before, files);
  }

  /** Removes one document (and a script file only it used), unless other documents name it. */
  public Plan delete(RepositorySource source, DocumentKind kind, String id) throws IOException {
    CheckedRepository before = validation.check(source);
    Repository repo = before.loaded().repository();
    Optional<Entry> found = find(repo, kind, id);
    if (found.isEmpty()) {
      return notFound(repo, kind, id);
    }
    List<DocumentKind.Reference> refs = kind.referencesTo(repo, id);
    if (!refs.isEmpty()) {
      return new Plan.StillReferenced(kind, id, refs);
    }
    Entry entry = found.get();
    DocumentFile file = readAsLoaded(source, before, entry.origin().file());
    List<FileChange> files = new ArrayList<>();
    files.add(
        new FileChange(
            entry.origin().file(), file.bytes(), file.remove(entry.origin().document())));
    Optional<String> script = definitionOf(repo, kind, id).map(d -> d.script().file());
    if (script.isPresent() && usersOf(repo, script.get()) == 1) {
      files.add(new FileChange(script.get(), source.read(script.get()), null));
    }
    return validated(source, before, files);
  }

  /**
   * The file an edit rewrites, read again for its bytes: it must still be what validation loaded,
   * since the edit is planned from that model (its values and node offsets). Were another edit
   * written in between, these bytes would pass the writer's comparison and that edit be lost.
   */
  private static DocumentFile readAsLoaded(
      RepositorySource source, CheckedRepository loaded, String path) throws IOException {
    DocumentFile file = DocumentFile.read(source, path);
    if (!loaded.loaded().sources().text(path).equals(Optional.of(file.text()))) {
      throw new ConcurrentChangeException(
          path
              + " changed on disk while aami was editing it;"
              + " its new content is kept and this edit was not written; run the command again");
    }
    return file;
  }

  /**
   * New files an importer made, planned like every other change: refused when one of them exists
   * already, validated with the repository in memory, written only by the caller.
   */
  public Plan add(RepositorySource source, List<FileChange> files) throws IOException {
    for (FileChange file : files) {
      if (file.before() != null
          || source.status(file.path()) != RepositorySource.PathStatus.MISSING) {
        return new Plan.Rejected(
            file.path()
                + " exists already (imported before?); delete it to"
                + " import again, or import under another --id-prefix",
            SourceLocation.wholeFile(file.path()));
      }
    }
    return validated(source, validation.check(source), files);
  }

  private Plan validated(RepositorySource source, CheckedRepository before, List<FileChange> files)
      throws IOException {
    Map<String, Optional<byte[]>> overlay = new LinkedHashMap<>();
    files.forEach(f -> overlay.put(f.path(), Optional.ofNullable(f.after())));
    ValidationReport after =
        files.isEmpty()
            ? before.report()
            : validation.check(new OverlaySource(source, overlay)).report();
    if (!after.passes(false)) {
      return new Plan.Invalid(after, !before.valid());
    }
    return new Plan.Changes(files, after);
  }

  private static Optional<CheckDefinition> definitionOf(
      Repository repo, DocumentKind kind, String id) {
    if (kind == DocumentKind.SCRIPT_TEMPLATE) {
      return repo.scriptTemplate(id).map(ScriptTemplate::definition);
    }
    if (kind == DocumentKind.SCRIPT_POLICY) {
      return repo.scriptPolicies().stream()
          .filter(p -> p.id().equals(id))
          .findFirst()
          .filter(p -> p.source() instanceof ScriptPolicy.Direct)
          .map(p -> ((ScriptPolicy.Direct) p.source()).definition());
    }
    return Optional.empty();
  }

  private static long usersOf(Repository repo, String scriptFile) {
    long templates =
        repo.scriptTemplates().stream()
            .filter(t -> scriptFile.equals(t.definition().script().file()))
            .count();
    long policies =
        repo.scriptPolicies().stream()
            .filter(
                p ->
                    p.source() instanceof ScriptPolicy.Direct d
                        && scriptFile.equals(d.definition().script().file()))
            .count();
    return templates + policies;
  }
}
