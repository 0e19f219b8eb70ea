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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The per-file half of loading: everything that needs no other file. Independent per file, so
 * the loader runs it in parallel; it only reads shared, immutable state.
 */
final class FilePreparer {
  private final RepositorySource source;
  private final SchemaValidator schemas;

  FilePreparer(RepositorySource source, SchemaValidator schemas) {
    this.source = source;
    this.schemas = schemas;
  }

  PreparedFile prepare(String file) {
    Diagnostics problems = new Diagnostics();
    List<PreparedFile.Document> documents = new ArrayList<>();
    Optional<ParsedYaml> parsed;
    try {
      parsed = parse(file, problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (parsed.isEmpty()) {
      return new PreparedFile(file, null, problems.sorted(), List.of());
    }
    SchemaCheck schemaCheck = new SchemaCheck(schemas, problems);
    for (YNode node : parsed.get().documents()) {
      collect(node, true, problems, schemaCheck, documents);
    }
    return new PreparedFile(file, parsed.get().text(), problems.sorted(), documents);
  }

  /** Reads and parses one YAML file; empty after reporting why when it cannot be read. */
  Optional<ParsedYaml> parse(String file, Diagnostics problems) throws IOException {
    switch (source.status(file)) {
      case OUTSIDE_REPOSITORY -> {
        problems.error(SourceLocation.wholeFile(file), Code.IO,
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
      case FILE -> { }
    }
    if (source.size(file) > YamlReader.MAX_FILE_BYTES) {
      problems.error(SourceLocation.wholeFile(file), Code.YAML_TOO_LARGE, "file is larger than "
          + YamlReader.MAX_FILE_BYTES + " bytes; split it");
      return Optional.empty();
    }
    ParsedYaml parsed = YamlReader.read(file, source.read(file));
    problems.addAll(parsed.diagnostics());
    return Optional.of(parsed);
  }

  private void collect(YNode node, boolean listAllowed, Diagnostics problems, SchemaCheck schemaCheck,
      List<PreparedFile.Document> out) {
    if (!(node instanceof YMap doc)) {
      problems.error(node.location(), Code.KIND_UNKNOWN,
          "a document must be a mapping with apiVersion and kind, not " + Fields.describe(node));
      return;
    }
    Optional<Kind> kind = kindOf(doc, problems);
    if (kind.isEmpty()) {
      return;
    }
    if (kind.get() == Kind.LIST) {
      if (!listAllowed) {
        problems.error(doc.location(), Code.KIND_UNKNOWN, "a List cannot contain another List");
      } else if (schemaCheck.passes(Kind.LIST, doc, true)) {
        YSeq items = (YSeq) doc.get("items").orElseThrow();
        items.items().forEach(item -> collect(item, false, problems, schemaCheck, out));
      }
      return;
    }
    out.add(new PreparedFile.Document(kind.get(), doc, schemaCheck.passes(kind.get(), doc, false)));
  }

  private static Optional<Kind> kindOf(YMap doc, Diagnostics problems) {
    Optional<YNode> apiVersion = doc.get("apiVersion");
    Optional<YNode> kindNode = doc.get("kind");
    if (apiVersion.isEmpty() || !(apiVersion.get() instanceof YScalar av)
        || !Kind.API_VERSION.equals(av.text())) {
      SourceLocation at = apiVersion.map(YNode::location).orElse(doc.location());
      problems.error(at, Code.KIND_UNKNOWN, "apiVersion must be '" + Kind.API_VERSION + "'"
          + apiVersion.filter(YScalar.class::isInstance)
              .map(n -> ", not '" + ((YScalar) n).text() + "'").orElse(""));
      return Optional.empty();
    }
    List<String> kindNames = Arrays.stream(Kind.values()).map(Kind::kindName).toList();
    if (kindNode.isEmpty() || !(kindNode.get() instanceof YScalar k)) {
      problems.error(doc.location(), Code.KIND_UNKNOWN,
          "missing 'kind'; one of " + String.join(", ", kindNames));
      return Optional.empty();
    }
    Optional<Kind> kind = Kind.fromKindName(k.text());
    if (kind.isEmpty()) {
      problems.error(k.location(), Code.KIND_UNKNOWN, "unknown kind '" + k.text() + "'; one of "
          + String.join(", ", kindNames) + Suggestions.didYouMean(k.text(), kindNames));
    }
    return kind;
  }
}
