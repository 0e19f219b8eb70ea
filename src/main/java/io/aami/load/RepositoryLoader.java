package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.diag.Suggestions;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.Group;
import io.aami.model.Kind;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.model.Settings;
import io.aami.model.Target;
import io.aami.schema.SchemaValidator;
import io.aami.source.RepositorySource;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YamlReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads every YAML document under {@code templates/}, {@code policies/} and {@code inventory/}
 * (the directory is convention; {@code kind} decides), plus {@code aami.yaml}. Never throws for
 * bad content: every problem becomes a located diagnostic and loading goes on.
 */
public final class RepositoryLoader {
  public static final List<String> CONTENT_DIRECTORIES = List.of("templates", "policies", "inventory");

  /** Reader problems after which the rest of a file is lost. */
  private static final Set<String> STOPS_PARSING = Set.of(
      Code.YAML_SYNTAX.id(), Code.YAML_ENCODING.id(), Code.YAML_TOO_LARGE.id());

  private final SchemaValidator schemas;

  public RepositoryLoader(SchemaValidator schemas) {
    this.schemas = schemas;
  }

  public RepositoryLoader() {
    this(SchemaValidator.load());
  }

  public LoadResult load(RepositorySource source) throws IOException {
    return new Run(source).load();
  }

  static boolean isYaml(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  private final class Run {
    private final RepositorySource source;
    private final Diagnostics problems = new Diagnostics();
    private final SourceTexts texts = new SourceTexts();
    private final DocumentBinder binder;
    private final SchemaCheck schemaCheck;
    private final Map<Kind, Set<String>> unbound = new EnumMap<>(Kind.class);

    private final List<ScriptTemplate> scriptTemplates = new ArrayList<>();
    private final List<ScriptPolicy> scriptPolicies = new ArrayList<>();
    private final List<AlertTemplate> alertTemplates = new ArrayList<>();
    private final List<AlertRule> alertRules = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    Run(RepositorySource source) {
      this.source = source;
      this.binder = new DocumentBinder(new ScriptFiles(source, problems), problems);
      this.schemaCheck = new SchemaCheck(schemas, problems);
    }

    LoadResult load() throws IOException {
      for (String dir : CONTENT_DIRECTORIES) {
        for (String file : source.listFiles(dir)) {
          if (isYaml(file)) {
            loadFile(file);
          }
        }
      }
      Settings settings = loadSettings();
      Repository repository = new Repository(scriptTemplates, scriptPolicies, alertTemplates,
          alertRules, groups, targets, settings);
      return new LoadResult(repository, problems.sorted(), texts, unbound);
    }

    private Optional<ParsedYaml> parse(String file) throws IOException {
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
      byte[] bytes = source.read(file);
      ParsedYaml parsed = YamlReader.read(file, bytes);
      texts.put(file, parsed.text());
      problems.addAll(parsed.diagnostics());
      if (parsed.diagnostics().stream().anyMatch(d -> STOPS_PARSING.contains(d.code()))) {
        rememberUnboundAnyKind(DeclaredIds.scan(bytes));
      }
      return Optional.of(parsed);
    }

    private void loadFile(String file) throws IOException {
      Optional<ParsedYaml> parsed = parse(file);
      if (parsed.isEmpty()) {
        return;
      }
      for (YNode document : parsed.get().documents()) {
        loadDocument(parsed.get(), document, true);
      }
    }

    private void loadDocument(ParsedYaml parsed, YNode node, boolean listAllowed) {
      String file = parsed.file();
      if (!(node instanceof YMap doc)) {
        problems.error(node.location(), Code.KIND_UNKNOWN,
            "a document must be a mapping with apiVersion and kind, not " + Fields.describe(node));
        return;
      }
      if (parsed.altered(doc) && !isList(doc)) {
        // The reader dropped part of it (already reported): what is left would only cascade.
        rememberUnboundAnyKind(DeclaredIds.candidates(doc));
        return;
      }
      Optional<Kind> kind = kindOf(doc);
      if (kind.isEmpty()) {
        rememberUnboundAnyKind(DeclaredIds.candidates(doc));
        return;
      }
      if (kind.get() == Kind.LIST) {
        if (!listAllowed) {
          problems.error(doc.location(), Code.KIND_UNKNOWN, "a List cannot contain another List");
          return;
        }
        if (schemaCheck.passes(Kind.LIST, doc, true)) {
          YSeq items = (YSeq) doc.get("items").orElseThrow();
          items.items().forEach(item -> loadDocument(parsed, item, false));
        } else if (doc.get("items").orElse(null) instanceof YSeq items) {
          items.items().forEach(item -> rememberUnboundAnyKind(DeclaredIds.candidates(item)));
        }
        return;
      }
      if (!schemaCheck.passes(kind.get(), doc, false)) {
        rememberUnbound(kind.get(), doc);
        return;
      }
      boolean bound = switch (kind.get()) {
        case SCRIPT_TEMPLATE -> binder.scriptTemplate(file, doc).map(scriptTemplates::add).isPresent();
        case SCRIPT_POLICY -> binder.scriptPolicy(file, doc).map(scriptPolicies::add).isPresent();
        case ALERT_TEMPLATE -> binder.alertTemplate(file, doc).map(alertTemplates::add).isPresent();
        case ALERT_RULE -> binder.alertRule(file, doc).map(alertRules::add).isPresent();
        case GROUP -> binder.group(file, doc).map(groups::add).isPresent();
        case TARGET -> binder.target(file, doc).map(targets::add).isPresent();
        case LIST -> true;
      };
      if (!bound) {
        rememberUnbound(kind.get(), doc);
      }
    }

    private static boolean isList(YMap doc) {
      return doc.get("kind").filter(YScalar.class::isInstance)
          .map(k -> Kind.LIST.kindName().equals(((YScalar) k).text())).orElse(false);
    }

    private Optional<Kind> kindOf(YMap doc) {
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
      if (kindNode.isEmpty() || !(kindNode.get() instanceof YScalar k)) {
        problems.error(doc.location(), Code.KIND_UNKNOWN, "missing 'kind'; one of " + kindNames());
        return Optional.empty();
      }
      Optional<Kind> kind = Kind.fromKindName(k.text());
      if (kind.isEmpty()) {
        problems.error(k.location(), Code.KIND_UNKNOWN, "unknown kind '" + k.text() + "'; one of "
            + kindNames() + Suggestions.didYouMean(k.text(), kindNameList()));
      }
      return kind;
    }

    private void rememberUnbound(Kind kind, YMap doc) {
      String idField = kind == Kind.SCRIPT_TEMPLATE ? "name" : "id";
      DeclaredIds.idOf(doc, idField)
          .ifPresent(id -> unbound.computeIfAbsent(kind, k -> new TreeSet<>()).add(id));
    }

    /** Ids whose kind is unknown (a broken document or file) count as declared for every kind. */
    private void rememberUnboundAnyKind(Set<String> ids) {
      if (ids.isEmpty()) {
        return;
      }
      for (Kind kind : Kind.values()) {
        if (kind != Kind.LIST) {
          unbound.computeIfAbsent(kind, k -> new TreeSet<>()).addAll(ids);
        }
      }
    }

    private Settings loadSettings() throws IOException {
      String file = Settings.FILE_NAME;
      if (source.status(file) == RepositorySource.PathStatus.MISSING) {
        return Settings.DEFAULT;
      }
      Optional<ParsedYaml> parsed = parse(file);
      if (parsed.isEmpty() || parsed.get().documents().isEmpty()) {
        return Settings.DEFAULT;
      }
      List<YNode> docs = parsed.get().documents();
      if (docs.size() > 1 || !(docs.get(0) instanceof YMap map)) {
        problems.error(docs.get(0).location(), Code.SETTINGS, "aami.yaml must hold one mapping");
        return Settings.DEFAULT;
      }
      return new Settings(file, Optional.of(map));
    }
  }

  private static String kindNames() {
    return String.join(", ", kindNameList());
  }

  private static List<String> kindNameList() {
    return java.util.Arrays.stream(Kind.values()).map(Kind::kindName).toList();
  }
}
