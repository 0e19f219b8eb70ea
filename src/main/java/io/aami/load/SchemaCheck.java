package io.aami.load;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.diag.Suggestions;
import io.aami.model.Kind;
import io.aami.schema.SchemaValidator;
import io.aami.schema.SchemaViolation;
import io.aami.yaml.YMap;
import io.aami.yaml.YNode;
import io.aami.yaml.YScalar;
import io.aami.yaml.YSeq;
import io.aami.yaml.YValues;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a document through its kind's JSON Schema and turns each violation into a diagnostic at the
 * offending node, with the stable code of the rule it breaks and a hint for YAML 1.1 traps.
 */
final class SchemaCheck {
  private static final Set<String> LIST_FIELDS = Set.of("apiVersion", "kind", "items");

  private final SchemaValidator schemas;
  private final Diagnostics problems;

  SchemaCheck(SchemaValidator schemas, Diagnostics problems) {
    this.schemas = schemas;
    this.problems = problems;
  }

  /**
   * True when the document may be bound. A List's items are documents of their own and are checked
   * one by one, so only its envelope is checked here.
   */
  boolean passes(Kind kind, YMap doc, boolean envelopeOnly) {
    if (envelopeOnly) {
      return listEnvelopePasses(doc);
    }
    if (PrometheusShapes.report(doc, Optional.of(kind), problems)) {
      return false;
    }
    List<SchemaViolation> violations;
    try {
      violations = schemas.validate(kind.kindName(), YValues.toJson(doc));
    } catch (RuntimeException schemaLibraryFailure) {
      // The reader keeps values the schema library cannot compare (.inf, 1e400) out of documents;
      // should another one slip through, the document is refused at its place, not the run.
      problems.error(
          doc.location(),
          Code.SCHEMA,
          "this "
              + kind.kindName()
              + " cannot be checked against"
              + " its schema ("
              + schemaLibraryFailure.getClass().getSimpleName()
              + "); check its values");
      return false;
    }
    for (SchemaViolation v : violations) {
      report(doc, v, false);
    }
    return violations.isEmpty();
  }

  /**
   * Checks {@code aami.yaml} against {@code settings.schema.json}, reporting every violation at its
   * node as a {@link Code#SETTINGS} problem, and returns where they are (JSON pointers; {@code ""}
   * for the whole document) so that the caller binds only the rest.
   */
  List<String> settingsViolations(YMap doc) {
    List<SchemaViolation> violations;
    try {
      violations = schemas.validateSettings(YValues.toJson(doc));
    } catch (RuntimeException schemaLibraryFailure) {
      problems.error(
          doc.location(),
          Code.SETTINGS,
          "aami.yaml cannot be checked against its schema ("
              + schemaLibraryFailure.getClass().getSimpleName()
              + "); check its values");
      return List.of("");
    }
    for (SchemaViolation v : violations) {
      report(doc, v, true);
    }
    return violations.stream().map(SchemaViolation::pointer).toList();
  }

  private boolean listEnvelopePasses(YMap doc) {
    boolean ok = true;
    boolean itemsMisspelt = false;
    for (YMap.Entry e : doc.entries()) {
      if (!LIST_FIELDS.contains(e.name())) {
        Optional<String> suggestion = Suggestions.closest(e.name(), LIST_FIELDS);
        problems.error(
            e.key().location(),
            Code.SCHEMA,
            "unknown field '"
                + e.name()
                + "'"
                + suggestion.map(s -> "; did you mean '" + s + "'?").orElse(""));
        itemsMisspelt |= suggestion.filter("items"::equals).isPresent();
        ok = false;
      }
    }
    Optional<YNode> items = doc.get("items");
    // A misspelt 'items' is already reported, with the fix.
    if (items.isEmpty() && itemsMisspelt) {
      return false;
    }
    if (items.isEmpty() || !(items.get() instanceof YSeq)) {
      problems.error(
          items.map(YNode::location).orElse(doc.location()),
          Code.SCHEMA,
          "a List needs 'items', a list of documents");
      ok = false;
    }
    return ok;
  }

  /**
   * Reports {@code v} at its node, with the code of the rule it breaks, or for {@code settings}
   * always {@link Code#SETTINGS}.
   */
  private void report(YMap doc, SchemaViolation v, boolean settings) {
    Optional<YNode> node = YValues.at(doc, v.pointer());
    // In aami.yaml a key that is there but must not be (a secret, or one of two that exclude
    // each other) is a problem of the key, named in the message.
    boolean forbiddenKey = settings && "not".equals(v.keyword());
    SourceLocation at =
        forbiddenKey
            ? YValues.keyAt(doc, v.pointer()).map(YNode::location).orElse(doc.location())
            : location(doc, v, node);
    Optional<Code> code = settings ? Optional.of(Code.SETTINGS) : Optional.empty();
    if (forbiddenKey && !v.message().startsWith("'")) {
      problems.error(at, Code.SETTINGS, "'" + fieldName(v.pointer()) + "' " + v.message());
      return;
    }
    if ("type".equals(v.keyword())
        && v.expectedTypes().contains("string")
        && node.isPresent()
        && node.get() instanceof YScalar s
        && s.plain()
        && !s.isString()
        && s.type() != YScalar.ScalarType.NULL) {
      problems.error(
          at, code.orElse(Code.YAML_TYPE_TRAP), Fields.typeTrapMessage(fieldPath(v.pointer()), s));
      return;
    }
    String message =
        "type".equals(v.keyword()) && node.isPresent() && !v.expectedTypes().isEmpty()
            ? typeMessage(fieldPath(v.pointer()), v.expectedTypes(), node.get())
            : withSubject(fieldPath(v.pointer()), v.message());
    if ("propertyNames".equals(v.keyword()) && v.pointer().contains("/annotations/")) {
      message = message.replace("invalid label name", "invalid annotation name");
    }
    problems.error(at, code.orElseGet(() -> codeFor(v)), message);
  }

  /**
   * "must be at most 2147483647" names no field; machine formats show the message without the
   * source line, so say which one.
   */
  private static String withSubject(String field, String message) {
    return message.startsWith("must ") && !field.isEmpty() ? "'" + field + "' " + message : message;
  }

  /** In YAML words ("a mapping", "the string high"), since the author wrote YAML, not JSON. */
  private static String typeMessage(String field, Set<String> expected, YNode actual) {
    // An optional section may be left empty (null), but that is not what to tell its author.
    List<String> wanted =
        expected.stream()
            .filter(type -> !type.equals("null") || expected.size() == 1)
            .map(SchemaCheck::yamlTypeName)
            .toList();
    String hint = "";
    if (actual instanceof YScalar s
        && s.isString()
        && !s.plain()
        && (expected.contains("integer") || expected.contains("number"))
        && s.text().matches("[-+]?[0-9]+(\\.[0-9]+)?")) {
      hint = "; remove the quotes";
    }
    String subject = field.isEmpty() ? "the document" : "'" + field + "'";
    return subject
        + " must be "
        + String.join(" or ", wanted)
        + ", not "
        + Fields.describe(actual)
        + hint;
  }

  private static String yamlTypeName(String jsonType) {
    return switch (jsonType) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "integer" -> "an integer";
      case "boolean" -> "true or false";
      case "null" -> "null";
      default -> "a " + jsonType;
    };
  }

  /** A label the schema forbids by name ({@code not: {}}): a problem of the key, not the value. */
  private static boolean isReservedLabel(SchemaViolation v) {
    return "not".equals(v.keyword()) && v.pointer().contains("/labels/");
  }

  private static SourceLocation location(YMap doc, SchemaViolation v, Optional<YNode> node) {
    if ("additionalProperties".equals(v.keyword())
        || "unevaluatedProperties".equals(v.keyword())
        || "propertyNames".equals(v.keyword())
        || isReservedLabel(v)) {
      Optional<YScalar> key = YValues.keyAt(doc, v.pointer());
      if (key.isPresent()) {
        return key.get().location();
      }
    }
    if (node.isPresent()) {
      return node.get().location();
    }
    // The pointer names something absent (a required field): point at its nearest parent.
    String pointer = v.pointer();
    while (pointer.contains("/")) {
      pointer = pointer.substring(0, pointer.lastIndexOf('/'));
      Optional<YNode> parent = YValues.at(doc, pointer);
      if (parent.isPresent()) {
        return parent.get().location();
      }
    }
    return doc.location();
  }

  /** Schema rules that have a check of their own in the issue keep that check's code. */
  static Code codeFor(SchemaViolation v) {
    String field = fieldName(v.pointer());
    String pointer = v.pointer();
    String message = v.message() == null ? "" : v.message();
    if (field.equals("priority")) {
      return Code.PRIORITY;
    }
    if (field.equals("version") || field.equals("template_version")) {
      return "pattern".equals(v.keyword()) ? Code.SEMVER : Code.SCHEMA;
    }
    if (field.equals("for_duration")
        || field.equals("keep_firing_for")
        || field.equals("timeout")) {
      return Code.DURATION;
    }
    if (field.equals("script_file") && "pattern".equals(v.keyword())) {
      return Code.SCRIPT_FILE;
    }
    if ("additionalProperties".equals(v.keyword()) || "unevaluatedProperties".equals(v.keyword())) {
      return Code.SCHEMA; // an unknown field, such as a top-level 'labels:', whatever its name
    }
    if (pointer.contains("/labels/") || pointer.endsWith("/labels")) {
      return "propertyNames".equals(v.keyword())
              || message.contains("label name")
              || isReservedLabel(v)
          ? Code.LABEL_NAME
          : Code.LABEL_VALUE;
    }
    if (pointer.contains("/annotations/")) {
      return "propertyNames".equals(v.keyword()) ? Code.LABEL_NAME : Code.LABEL_VALUE;
    }
    if (field.equals("group_id") || message.contains("group_id")) {
      return Code.SCOPE;
    }
    return Code.SCHEMA;
  }

  /** {@code /labels/env} as {@code labels.env}, the way the binder names nested fields. */
  private static String fieldPath(String pointer) {
    return String.join(".", YValues.pointerTokens(pointer));
  }

  private static String fieldName(String pointer) {
    List<String> tokens = YValues.pointerTokens(pointer);
    return tokens.isEmpty() ? "" : tokens.get(tokens.size() - 1);
  }
}
