package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.diag.Suggestions;
import io.aami.model.Kind;
import io.aami.schema.SchemaValidator;
import io.aami.source.RepositorySource;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The per-file half of loading: everything that needs no other file. Independent per file, so the
 * loader runs it in parallel; it only reads shared, immutable state.
 */
final class FilePreparer {
  /** Reader problems after which the rest of a file is lost. */
  private static final Set<String> STOPS_PARSING =
      Set.of(Code.YAML_SYNTAX.id(), Code.YAML_ENCODING.id(), Code.YAML_TOO_LARGE.id());

  private final RepositorySource source;
  private final Supplier<SchemaValidator> schemas;

  FilePreparer(RepositorySource source, Supplier<SchemaValidator> schemas) {
    this.source = source;
    this.schemas = schemas;
  }

  PreparedFile prepare(String file) {
    Diagnostics problems = new Diagnostics();
    List<PreparedFile.Document> documents = new ArrayList<>();
    Optional<ParsedYaml> parsed = parse(file, problems);
    if (parsed.isEmpty()) {
      return new PreparedFile(file, null, problems.sorted(), List.of(), Set.of());
    }
    Set<String> brokenIds = new TreeSet<>();
    if (parsed.get().diagnostics().stream().anyMatch(d -> STOPS_PARSING.contains(d.code()))) {
      brokenIds.addAll(DeclaredIds.scan(parsed.get().text()));
    }
    SchemaCheck schemaCheck = new SchemaCheck(schemas.get(), problems);
    for (YNode node : parsed.get().documents()) {
      collect(parsed.get(), node, true, new Sink(problems, schemaCheck, documents, brokenIds));
    }
    return new PreparedFile(file, parsed.get().text(), problems.sorted(), documents, brokenIds);
  }

  /** Where {@link #collect} puts what it finds. */
  private record Sink(
      Diagnostics problems,
      SchemaCheck schemaCheck,
      List<PreparedFile.Document> documents,
      Set<String> brokenIds) {}

  /**
   * Reads and parses one YAML file; empty after reporting why when it cannot be read. A file that
   * cannot be read (a symlink loop, no permission) is a problem of that file, located and reported
   * with the others, not a reason to stop validating the rest.
   */
  Optional<ParsedYaml> parse(String file, Diagnostics problems) {
    try {
      return readAndParse(file, problems);
    } catch (IOException e) {
      problems.error(SourceLocation.wholeFile(file), Code.IO, "cannot read the file: " + reason(e));
      return Optional.empty();
    }
  }

  /** Why reading failed, without the absolute path that the diagnostic's file already says. */
  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private Optional<ParsedYaml> readAndParse(String file, Diagnostics problems) throws IOException {
    switch (source.status(file)) {
      case OUTSIDE_REPOSITORY -> {
        problems.error(
            SourceLocation.wholeFile(file),
            Code.IO,
            "symlink leads outside the repository; not loaded");
        return Optional.empty();
      }
      case MISSING -> {
        problems.error(SourceLocation.wholeFile(file), Code.IO, "dangling symlink; not loaded");
        return Optional.empty();
      }
      case DIRECTORY -> {
        return Optional.empty();
      }
      case SPECIAL -> {
        problems.error(
            SourceLocation.wholeFile(file),
            Code.IO,
            "not a regular file (a FIFO, device or socket); not loaded");
        return Optional.empty();
      }
      case FILE -> {}
    }
    if (source.size(file) > YamlReader.MAX_FILE_BYTES) {
      problems.error(
          SourceLocation.wholeFile(file),
          Code.YAML_TOO_LARGE,
          "file is larger than " + YamlReader.MAX_FILE_BYTES + " bytes; split it");
      return Optional.empty();
    }
    ParsedYaml parsed = YamlReader.read(file, source.read(file));
    problems.addAll(parsed.diagnostics());
    return Optional.of(parsed);
  }

  private void collect(ParsedYaml parsed, YNode node, boolean listAllowed, Sink out) {
    if (!(node instanceof YMap doc)) {
      out.problems()
          .error(
              node.location(),
              Code.KIND_UNKNOWN,
              "a document must be a mapping with apiVersion and kind, not "
                  + Fields.describe(node));
      return;
    }
    if (parsed.altered(doc) && !isList(doc)) {
      // The reader dropped part of it (already reported): what is left would only cascade.
      out.brokenIds().addAll(DeclaredIds.candidates(doc));
      return;
    }
    if (doc.get("apiVersion").isEmpty()
        && doc.get("kind").isEmpty()
        && PrometheusShapes.report(doc, Optional.empty(), out.problems())) {
      return;
    }
    Optional<Kind> kind = kindOf(doc, out.problems());
    if (kind.isEmpty()) {
      out.brokenIds().addAll(DeclaredIds.candidates(doc));
      return;
    }
    if (kind.get() == Kind.LIST) {
      if (!listAllowed) {
        out.problems()
            .error(doc.location(), Code.KIND_UNKNOWN, "a List cannot contain another List");
      } else if (out.schemaCheck().passes(Kind.LIST, doc, true)) {
        YSeq items = (YSeq) doc.get("items").orElseThrow();
        items.items().forEach(item -> collect(parsed, item, false, out));
      } else if (doc.get("items").orElse(null) instanceof YSeq items) {
        items.items().forEach(item -> out.brokenIds().addAll(DeclaredIds.candidates(item)));
      }
      return;
    }
    out.documents()
        .add(
            new PreparedFile.Document(
                kind.get(), doc, out.schemaCheck().passes(kind.get(), doc, false)));
  }

  /** {@code 'aami/v2'} for a scalar, {@code a list} or {@code a mapping} otherwise. */
  private static String quoted(YNode node) {
    return node instanceof YScalar s ? "'" + s.text() + "'" : Fields.describe(node);
  }

  private static boolean isList(YMap doc) {
    return doc.get("kind")
        .filter(YScalar.class::isInstance)
        .map(k -> Kind.LIST.kindName().equals(((YScalar) k).text()))
        .orElse(false);
  }

  private static Optional<Kind> kindOf(YMap doc, Diagnostics problems) {
    Optional<YNode> apiVersion = doc.get("apiVersion");
    Optional<YNode> kindNode = doc.get("kind");
    if (apiVersion.isEmpty()) {
      problems.error(
          doc.location(),
          Code.KIND_UNKNOWN,
          "missing 'apiVersion'; every document starts with apiVersion: " + Kind.API_VERSION);
      return Optional.empty();
    }
    if (!(apiVersion.get() instanceof YScalar av) || !Kind.API_VERSION.equals(av.text())) {
      problems.error(
          apiVersion.get().location(),
          Code.KIND_UNKNOWN,
          "apiVersion must be '" + Kind.API_VERSION + "', not " + quoted(apiVersion.get()));
      return Optional.empty();
    }
    List<String> kindNames = Arrays.stream(Kind.values()).map(Kind::kindName).toList();
    if (kindNode.isEmpty()) {
      problems.error(
          doc.location(),
          Code.KIND_UNKNOWN,
          "missing 'kind'; one of " + String.join(", ", kindNames));
      return Optional.empty();
    }
    if (!(kindNode.get() instanceof YScalar k)) {
      problems.error(
          kindNode.get().location(),
          Code.KIND_UNKNOWN,
          "kind must be one of "
              + String.join(", ", kindNames)
              + ", not "
              + Fields.describe(kindNode.get()));
      return Optional.empty();
    }
    Optional<Kind> kind = Kind.fromKindName(k.text());
    if (kind.isEmpty()) {
      problems.error(
          k.location(),
          Code.KIND_UNKNOWN,
          "unknown kind '"
              + k.text()
              + "'; one of "
              + String.join(", ", kindNames)
              + Suggestions.didYouMean(k.text(), kindNames));
    }
    return kind;
  }
}
