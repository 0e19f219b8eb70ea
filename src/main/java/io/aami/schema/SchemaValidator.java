package io.aami.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Validates aami documents against the JSON Schemas in {@code schemas/} (draft 2020-12), one per
 * kind. The schemas are loaded from the classpath once; the validator is immutable and safe to
 * share between threads.
 */
public final class SchemaValidator {
  /** Loaded on first use; a failed load is retried (and reported again) by the next call. */
  private static volatile SchemaValidator shared;

  private static final Object AHEAD_LOCK = new Object();
  private static CompletableFuture<SchemaValidator> ahead; // guarded by AHEAD_LOCK

  private final Map<String, Schema> schemaByKind;
  private final Schema anyKind;
  private final Schema settings;
  private final Schema publishedCheck;
  private final Schema publishedDocument;
  private final Schema manifest;
  private final ViolationTranslator translator;
  private final PublishedLimits limits;

  private SchemaValidator(
      Map<String, Schema> schemaByKind,
      Schema anyKind,
      Schema settings,
      Schema publishedCheck,
      Schema publishedDocument,
      Schema manifest,
      ViolationTranslator translator,
      PublishedLimits limits) {
    this.schemaByKind = schemaByKind;
    this.anyKind = anyKind;
    this.settings = settings;
    this.publishedCheck = publishedCheck;
    this.publishedDocument = publishedDocument;
    this.manifest = manifest;
    this.translator = translator;
    this.limits = limits;
  }

  /**
   * Starts compiling the shared validator on a daemon thread, unless a compilation is already
   * running or has succeeded: the one background compilation of a run. {@code Main} starts it while
   * picocli parses the command line, the loader while it reads and parses files; whoever needs the
   * schemas then waits in {@link #awaitCompiled()}. A failed compilation is started anew by the
   * next call, as {@link #load()} retries.
   */
  public static void compileAhead() {
    CompletableFuture<SchemaValidator> unused = ahead(); // awaited, and its failure reported, later
  }

  /**
   * The shared validator from the background compilation (started if none is); rethrows its
   * failure.
   */
  public static SchemaValidator awaitCompiled() {
    try {
      return ahead().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static CompletableFuture<SchemaValidator> ahead() {
    synchronized (AHEAD_LOCK) {
      if (ahead == null || ahead.isCompletedExceptionally()) {
        CompletableFuture<SchemaValidator> compiling = new CompletableFuture<>();
        Thread thread =
            new Thread(
                () -> {
                  try {
                    compiling.complete(load());
                  } catch (Throwable failure) {
                    compiling.completeExceptionally(failure); // rethrown to whoever awaits it
                  }
                },
                "aami-schemas");
        thread.setDaemon(true);
        thread.start();
        ahead = compiling;
      }
      return ahead;
    }
  }

  /**
   * The shared validator. Loading compiles every schema up front, so a broken schema fails here
   * (with an {@link IllegalStateException}) rather than halfway through a repository.
   */
  public static SchemaValidator load() {
    SchemaValidator validator = shared;
    if (validator == null) {
      synchronized (SchemaValidator.class) {
        if (shared == null) {
          shared = create();
        }
        validator = shared;
      }
    }
    return validator;
  }

  /**
   * The kinds that have a schema: ScriptTemplate, ScriptPolicy, AlertTemplate, AlertRule, Group,
   * Target, List.
   */
  public Set<String> kinds() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(schemaByKind.keySet()));
  }

  /**
   * Every schema violation of {@code document} as the given kind, sorted by pointer (in document
   * order), keyword and message, without duplicates; empty when the document is valid.
   *
   * @throws IllegalArgumentException for a kind not in {@link #kinds()}
   */
  public List<SchemaViolation> validate(String kind, JsonNode document) {
    Schema schema = schemaByKind.get(kind);
    if (schema == null) {
      throw new IllegalArgumentException(
          "no schema for kind '"
              + kind
              + "'; known kinds: "
              + String.join(", ", schemaByKind.keySet()));
    }
    Objects.requireNonNull(document, "document");
    return run(schema, document);
  }

  /** Validates against {@code aami.schema.json}, the any-kind schema offered to editors. */
  List<SchemaViolation> validateAnyKind(JsonNode document) {
    return run(anyKind, document);
  }

  /** Violations of {@code aami.yaml} ({@code settings.schema.json}), sorted as by validate. */
  public List<SchemaViolation> validateSettings(JsonNode document) {
    return run(settings, Objects.requireNonNull(document, "document"));
  }

  /**
   * Violations of one entry of a published check list ({@code
   * checks-document.schema.json#/$defs/check}) by its JSON Schema; the byte limits JSON Schema
   * cannot express are in {@link #publishedLimits()}.
   */
  public List<SchemaViolation> validatePublishedCheck(JsonNode check) {
    return run(publishedCheck, Objects.requireNonNull(check, "check"));
  }

  /** Violations of a whole published check list ({@code checks-document.schema.json}). */
  public List<SchemaViolation> validatePublishedDocument(JsonNode document) {
    return run(publishedDocument, Objects.requireNonNull(document, "document"));
  }

  /** Violations of a published {@code manifest.json} ({@code manifest.schema.json}). */
  public List<SchemaViolation> validateManifest(JsonNode document) {
    return run(manifest, Objects.requireNonNull(document, "document"));
  }

  /** The limits of {@code published-defs.schema.json}. */
  public PublishedLimits publishedLimits() {
    return limits;
  }

  private List<SchemaViolation> run(Schema schema, JsonNode document) {
    return translator.translate(
        schema.getSchemaLocation().getAbsoluteIri().toString(), schema.validate(document));
  }

  private static SchemaValidator create() {
    SchemaFiles files = SchemaFiles.fromClasspath();
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .locale(Locale.ENGLISH)
            .formatAssertionsEnabled(false)
            .build();
    // Schemas are served from memory by $id, so nothing is ever fetched from the network.
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(config).schemas(files.textByIri()));
    Map<String, Schema> schemaByKind = new LinkedHashMap<>();
    SchemaFiles.FILE_BY_KIND.forEach(
        (kind, file) -> schemaByKind.put(kind, compile(registry, file)));
    return new SchemaValidator(
        Collections.unmodifiableMap(schemaByKind),
        compile(registry, SchemaFiles.ANY_KIND_FILE),
        compile(registry, SchemaFiles.SETTINGS_FILE),
        compile(registry, SchemaFiles.CHECKS_DOCUMENT_FILE + "#/$defs/check"),
        compile(registry, SchemaFiles.CHECKS_DOCUMENT_FILE),
        compile(registry, SchemaFiles.MANIFEST_FILE),
        new ViolationTranslator(files),
        PublishedLimits.from(files.tree(SchemaFiles.PUBLISHED_DEFS_FILE)));
  }

  private static Schema compile(SchemaRegistry registry, String file) {
    try {
      Schema schema = registry.getSchema(SchemaLocation.of(SchemaFiles.iriOf(file)));
      schema.initializeValidators();
      return schema;
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot load JSON Schema " + file + ": " + e.getMessage(), e);
    }
  }
}
