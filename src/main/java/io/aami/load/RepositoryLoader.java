package io.aami.load;

import io.aami.diag.Diagnostics;
import io.aami.model.AlertRule;
import io.aami.model.AlertTemplate;
import io.aami.model.Group;
import io.aami.model.Kind;
import io.aami.model.RecordingRule;
import io.aami.model.Repository;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import io.aami.model.Settings;
import io.aami.model.Target;
import io.aami.schema.SchemaValidator;
import io.aami.source.RepositorySource;
import io.aami.yaml.ParsedYaml;
import io.aami.yaml.YMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Loads every YAML document under {@code templates/}, {@code policies/} and {@code inventory/} (the
 * directory is convention; {@code kind} decides), plus {@code aami.yaml}. Never throws for bad
 * content: every problem becomes a located diagnostic and loading goes on.
 *
 * <p>Files are read, parsed and schema-checked in parallel; binding then runs in path order, so the
 * result is the same whatever the thread timing.
 */
public final class RepositoryLoader {
  public static final List<String> CONTENT_DIRECTORIES =
      io.aami.source.RepositoryRoot.CONTENT_DIRECTORIES;

  private final Supplier<SchemaValidator> schemas;
  private final boolean sharedSchemas;

  public RepositoryLoader(SchemaValidator schemas) {
    this.schemas = () -> schemas;
    this.sharedSchemas = false;
  }

  /**
   * With aami's own schemas, compiled once per run on a background thread ({@link
   * SchemaValidator#compileAhead()}): compiling takes a good part of a cold run, and the first file
   * needs them only after it is read and parsed, so the two overlap.
   */
  public RepositoryLoader() {
    this.schemas = SchemaValidator::awaitCompiled;
    this.sharedSchemas = true;
  }

  public LoadResult load(RepositorySource source) throws IOException {
    return new Run(source).load();
  }

  static boolean isYaml(String path) {
    return path.endsWith(".yaml") || path.endsWith(".yml");
  }

  private final class Run {
    private final RepositorySource source;
    private final FilePreparer preparer;
    private final Diagnostics problems = new Diagnostics();
    private final SourceTexts texts = new SourceTexts();
    private final DocumentBinder binder;
    private final Map<Kind, Set<String>> unbound = new EnumMap<>(Kind.class);

    private final List<ScriptTemplate> scriptTemplates = new ArrayList<>();
    private final List<ScriptPolicy> scriptPolicies = new ArrayList<>();
    private final List<AlertTemplate> alertTemplates = new ArrayList<>();
    private final List<AlertRule> alertRules = new ArrayList<>();
    private final List<RecordingRule> recordingRules = new ArrayList<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    Run(RepositorySource source) {
      this.source = source;
      if (sharedSchemas) {
        SchemaValidator.compileAhead();
      }
      this.preparer = new FilePreparer(source, schemas);
      this.binder = new DocumentBinder(new ScriptFiles(source, problems), problems);
    }

    LoadResult load() throws IOException {
      List<String> files = new ArrayList<>();
      for (String dir : CONTENT_DIRECTORIES) {
        source.listFiles(dir).stream().filter(RepositoryLoader::isYaml).forEach(files::add);
      }
      List<PreparedFile> prepared = files.parallelStream().map(preparer::prepare).toList();
      for (PreparedFile file : prepared) {
        problems.addAll(file.diagnostics());
        if (file.text() != null) {
          texts.put(file.file(), file.text());
        }
        for (PreparedFile.Document doc : file.documents()) {
          bind(file.file(), doc);
        }
        rememberUnboundAnyKind(file.brokenIds());
      }
      Settings settings = loadSettings();
      Repository repository =
          new Repository(
              scriptTemplates,
              scriptPolicies,
              alertTemplates,
              alertRules,
              recordingRules,
              groups,
              targets,
              settings);
      return new LoadResult(repository, problems.sorted(), texts, unbound);
    }

    private void bind(String file, PreparedFile.Document prepared) {
      YMap doc = prepared.node();
      boolean bound =
          prepared.schemaValid()
              && switch (prepared.kind()) {
                case SCRIPT_TEMPLATE ->
                    binder.scriptTemplate(file, doc).map(scriptTemplates::add).isPresent();
                case SCRIPT_POLICY ->
                    binder.scriptPolicy(file, doc).map(scriptPolicies::add).isPresent();
                case ALERT_TEMPLATE ->
                    binder.alertTemplate(file, doc).map(alertTemplates::add).isPresent();
                case ALERT_RULE -> binder.alertRule(file, doc).map(alertRules::add).isPresent();
                case RECORDING_RULE ->
                    binder.recordingRule(file, doc).map(recordingRules::add).isPresent();
                case GROUP -> binder.group(file, doc).map(groups::add).isPresent();
                case TARGET -> binder.target(file, doc).map(targets::add).isPresent();
                case LIST -> true;
              };
      if (!bound) {
        String idField = prepared.kind() == Kind.SCRIPT_TEMPLATE ? "name" : "id";
        DeclaredIds.idOf(doc, idField)
            .ifPresent(
                id -> unbound.computeIfAbsent(prepared.kind(), k -> new TreeSet<>()).add(id));
      }
    }

    /** Ids of documents whose kind is unknown count as declared for every kind. */
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

    private Settings loadSettings() {
      String file = Settings.FILE_NAME;
      if (isAbsent(file)) {
        return Settings.DEFAULT;
      }
      Optional<ParsedYaml> parsed = preparer.parse(file, problems);
      if (parsed.isEmpty()) {
        return Settings.DEFAULT;
      }
      texts.put(file, parsed.get().text());
      return SettingsFile.bind(parsed.get(), new SchemaCheck(schemas.get(), problems), problems);
    }

    /** aami.yaml is optional; one that exists but cannot even be looked at is reported by parse. */
    private boolean isAbsent(String file) {
      try {
        return source.status(file) == RepositorySource.PathStatus.MISSING;
      } catch (IOException e) {
        return false;
      }
    }
  }
}
