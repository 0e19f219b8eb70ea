package io.aami.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import io.aami.diag.Suggestions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns networknt's failures into {@link SchemaViolation}s that read well in a diagnostic: the
 * pointer designates the offending field, messages are aami's own (or the schema's {@code
 * errorMessage}/{@code patternErrorMessage}, which VS Code shows too), combinator fallout is
 * dropped, and the result is sorted and free of duplicates.
 */
final class ViolationTranslator {
  private static final Comparator<SchemaViolation> ORDER =
      Comparator.comparing(SchemaViolation::pointer, JsonPointers.DOCUMENT_ORDER)
          .thenComparing(SchemaViolation::keyword)
          .thenComparing(SchemaViolation::message);
  private static final int MAX_QUOTED_VALUE = 60;

  private final SchemaFiles files;

  ViolationTranslator(SchemaFiles files) {
    this.files = files;
  }

  /**
   * @param rootIri the {@code $id} of the schema the document was validated against
   * @param errors networknt's failures for one document
   */
  List<SchemaViolation> translate(String rootIri, List<Error> errors) {
    List<Finding> findings = new ArrayList<>();
    Map<String, ExplainedCombinator> combinators = new LinkedHashMap<>();
    for (Error error : errors) {
      Optional<ExplainedCombinator> combinator = explainingCombinator(rootIri, error);
      if (combinator.isPresent()) {
        // The alternatives of an anyOf/oneOf that carries its own message are noise: report
        // the combinator once, with that message.
        combinators.merge(
            combinator.get().evaluationPath(), combinator.get(), ExplainedCombinator::merge);
      } else {
        findings.addAll(translate(error, rootIri.endsWith(SchemaFiles.SETTINGS_FILE)));
      }
    }
    combinators.values().forEach(c -> findings.add(c.finding()));

    // A misspelt field is also a missing one: "unknown field 'templat_id'; did you mean
    // 'template_id'?" makes "missing 'template_id'" redundant.
    Set<List<String>> typoFixes = new HashSet<>();
    Set<String> wrongTypes = new HashSet<>();
    for (Finding f : findings) {
      f.suggestion()
          .ifPresent(name -> typoFixes.add(List.of(parentOf(f.violation().pointer()), name)));
      if (f.violation().keyword().equals("type")) {
        wrongTypes.add(f.violation().pointer());
      }
    }
    TreeSet<SchemaViolation> result = new TreeSet<>(ORDER);
    for (Finding f : findings) {
      SchemaViolation v = f.violation();
      boolean fixedByTypo =
          f.missingFields().stream()
              .anyMatch(name -> typoFixes.contains(List.of(v.pointer(), name)));
      // A value of the wrong type also fails its const/enum; the type is the real problem.
      boolean typeFallout = !v.keyword().equals("type") && wrongTypes.contains(v.pointer());
      if (!fixedByTypo && !typeFallout) {
        result.add(v);
      }
    }
    return List.copyOf(result);
  }

  /** The outermost anyOf/oneOf on the error's evaluation path whose schema has an errorMessage. */
  private Optional<ExplainedCombinator> explainingCombinator(String rootIri, Error error) {
    List<String> path = JsonPointers.tokens(JsonPointers.of(error.getEvaluationPath()));
    List<JsonNode> holders = files.schemasAlong(rootIri, path);
    for (int i = 0; i < holders.size(); i++) {
      String token = path.get(i);
      JsonNode holder = holders.get(i);
      if ((token.equals("anyOf") || token.equals("oneOf"))
          && holder.path("errorMessage").isTextual()) {
        String pointer = JsonPointers.of(error.getInstanceLocation());
        Set<String> missing =
            error.getKeyword().equals("required") && error.getProperty() != null
                ? Set.of(error.getProperty())
                : Set.of();
        return Optional.of(
            new ExplainedCombinator(
                String.join("/", path.subList(0, i + 1)),
                token,
                holder.get("errorMessage").asText(),
                pointer,
                missing));
      }
    }
    return Optional.empty();
  }

  private static String parentOf(String pointer) {
    return pointer.substring(0, Math.max(0, pointer.lastIndexOf('/')));
  }

  /**
   * @param listKnown whether an unknown field with no close match lists the known ones, as
   *     aami.yaml always did: its sections are small and not otherwise described by a document's
   *     kind
   */
  private List<Finding> translate(Error error, boolean listKnown) {
    String keyword = error.getKeyword();
    String pointer = JsonPointers.of(error.getInstanceLocation());
    JsonNode instance = error.getInstanceNode();
    JsonNode schemaValue = error.getSchemaNode();
    return switch (keyword) {
      case "type" -> List.of(Finding.of(typeViolation(pointer, instance, schemaValue)));
      case "additionalProperties", "unevaluatedProperties" ->
          List.of(unknownField(error, pointer, instance, listKnown));
      case "propertyNames" -> List.of(Finding.of(invalidPropertyName(error, pointer)));
      case "uniqueItems" -> duplicates(pointer, instance).stream().map(Finding::of).toList();
      case "required" ->
          List.of(
              new Finding(
                  new SchemaViolation(
                      pointer, keyword, message(error, pointer, instance, schemaValue)),
                  Optional.empty(),
                  error.getProperty() == null ? Set.of() : Set.of(error.getProperty())));
      default ->
          List.of(
              Finding.of(
                  new SchemaViolation(
                      pointer, keyword, message(error, pointer, instance, schemaValue))));
    };
  }

  private String message(Error error, String pointer, JsonNode instance, JsonNode schemaValue) {
    String keyword = error.getKeyword();
    if (keyword.equals("pattern")) {
      String rule =
          owner(error)
              .map(o -> o.path("patternErrorMessage"))
              .filter(JsonNode::isTextual)
              .map(JsonNode::asText)
              .or(() -> customMessage(error))
              .orElse("must match the pattern " + schemaValue.asText());
      return "invalid value " + quote(instance) + ": " + rule;
    }
    Optional<String> custom = customMessage(error);
    if (custom.isPresent()) {
      return custom.get();
    }
    return switch (keyword) {
      case "required" -> "missing required field '" + error.getProperty() + "'";
      case "enum" ->
          "invalid value "
              + quote(instance)
              + ": must be one of "
              + enumValues(schemaValue)
              + (instance != null && instance.isTextual()
                  ? Suggestions.didYouMean(instance.asText(), enumStrings(schemaValue))
                  : "");
      case "const" -> "invalid value " + quote(instance) + ": must be " + quote(schemaValue);
      case "minLength" ->
          schemaValue.asInt() == 1
              ? "must not be empty"
              : "must be at least " + schemaValue.asInt() + " characters long";
      case "maxLength" -> "must be at most " + schemaValue.asInt() + " characters long";
      case "minimum" -> "must be at least " + schemaValue.asText();
      case "maximum" -> "must be at most " + schemaValue.asText();
      case "minItems" -> "must have at least " + schemaValue.asInt() + " item(s)";
      case "false" -> "field '" + JsonPointers.lastToken(pointer) + "' is not allowed here";
      default -> error.getMessage();
    };
  }

  private static SchemaViolation typeViolation(
      String pointer, JsonNode instance, JsonNode schemaValue) {
    Set<String> expected = new TreeSet<>();
    if (schemaValue != null && schemaValue.isArray()) {
      schemaValue.forEach(t -> expected.add(t.asText()));
    } else if (schemaValue != null) {
      expected.add(schemaValue.asText());
    }
    return new SchemaViolation(
        pointer,
        "type",
        "expected " + String.join(" or ", expected) + ", found " + typeName(instance),
        expected);
  }

  private Finding unknownField(
      Error error, String parentPointer, JsonNode parent, boolean listKnown) {
    String name = error.getProperty();
    Set<String> known = new TreeSet<>();
    owner(error)
        .map(o -> o.path("properties"))
        .filter(JsonNode::isObject)
        .ifPresent(properties -> properties.fieldNames().forEachRemaining(known::add));
    Set<String> allowed = new TreeSet<>(known);
    if (parent != null && parent.isObject()) {
      parent
          .fieldNames()
          .forEachRemaining(allowed::remove); // never suggest a field that is already there
    }
    Optional<String> suggestion = Suggestions.closest(name, allowed);
    String knownList =
        listKnown && suggestion.isEmpty() && !known.isEmpty()
            ? "; known: " + String.join(", ", known)
            : "";
    return new Finding(
        new SchemaViolation(
            JsonPointers.child(parentPointer, name),
            error.getKeyword(),
            "unknown field '"
                + name
                + "'"
                + suggestion.map(s -> "; did you mean '" + s + "'?").orElse(knownList)),
        suggestion,
        Set.of());
  }

  private SchemaViolation invalidPropertyName(Error error, String parentPointer) {
    String name = error.getProperty();
    String what = "property name";
    String rule = null;
    Optional<JsonNode> owner = owner(error);
    if (owner.isPresent()) {
      JsonNode nameSchema =
          files.dereference(
              error.getSchemaLocation().getAbsoluteIri().toString(),
              owner.get().path("propertyNames"));
      if (nameSchema.path("title").isTextual()) {
        what = inSentence(nameSchema.get("title").asText());
      }
      if (nameSchema.path("patternErrorMessage").isTextual()) {
        rule = nameSchema.get("patternErrorMessage").asText();
      }
    }
    if (rule == null) {
      Object[] arguments = error.getArguments();
      rule =
          arguments != null && arguments.length > 1 ? String.valueOf(arguments[1]) : "not allowed";
    }
    return new SchemaViolation(
        JsonPointers.child(parentPointer, name),
        "propertyNames",
        "invalid " + what + " '" + name + "': " + rule);
  }

  /** "Label name" as "label name", but "HTTP header name" as it is. */
  private static String inSentence(String title) {
    return title.length() > 1 && Character.isLowerCase(title.charAt(1))
        ? Character.toLowerCase(title.charAt(0)) + title.substring(1)
        : title;
  }

  /** One violation per repeated element, at the repeat, naming where it first appeared. */
  private static List<SchemaViolation> duplicates(String pointer, JsonNode array) {
    List<SchemaViolation> result = new ArrayList<>();
    if (array == null || !array.isArray()) {
      return List.of(new SchemaViolation(pointer, "uniqueItems", "must not contain duplicates"));
    }
    List<JsonNode> seen = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      int first = seen.indexOf(array.get(i));
      if (first >= 0) {
        result.add(
            new SchemaViolation(
                pointer + "/" + i,
                "uniqueItems",
                "duplicate value "
                    + quote(array.get(i))
                    + " (already listed at index "
                    + first
                    + ")"));
      }
      seen.add(array.get(i));
    }
    return result;
  }

  private Optional<JsonNode> owner(Error error) {
    return error.getSchemaLocation() == null
        ? Optional.empty()
        : files.owner(error.getSchemaLocation());
  }

  /** The schema's own {@code errorMessage} for the object holding the failed keyword. */
  private Optional<String> customMessage(Error error) {
    return owner(error)
        .map(o -> o.path("errorMessage"))
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText);
  }

  private static String typeName(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    } else if (node.isTextual()) {
      return "string";
    } else if (node.isBoolean()) {
      return "boolean";
    } else if (node.isIntegralNumber()) {
      return "integer";
    } else if (node.isNumber()) {
      return "number";
    } else if (node.isArray()) {
      return "array";
    }
    return "object";
  }

  private static Set<String> enumStrings(JsonNode values) {
    Set<String> strings = new LinkedHashSet<>();
    if (values != null) {
      values.forEach(
          v -> {
            if (v.isTextual()) {
              strings.add(v.asText());
            }
          });
    }
    return strings;
  }

  private static String enumValues(JsonNode values) {
    List<String> shown = new ArrayList<>();
    if (values != null) {
      values.forEach(v -> shown.add(v.isTextual() ? v.asText() : v.toString()));
    }
    return String.join(", ", shown);
  }

  private static String quote(JsonNode value) {
    if (value == null) {
      return "null";
    }
    String text = value.isTextual() ? "'" + visible(value.asText()) + "'" : value.toString();
    if (text.codePointCount(0, text.length()) <= MAX_QUOTED_VALUE) {
      return text;
    }
    // Cut between code points: half an emoji would come out as '?' in UTF-8.
    return text.substring(0, text.offsetByCodePoints(0, MAX_QUOTED_VALUE - 3)) + "...";
  }

  /** Control characters as {@code \\uXXXX}, so a quoted value never rings or moves a terminal. */
  private static String visible(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (Character.getType(c) == Character.CONTROL) {
                out.append(String.format(Locale.ROOT, "\\u%04X", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  /**
   * A violation, the field an unknown-field violation suggests instead, and the fields a
   * required-violation misses (to drop it when a typo fix would supply them).
   */
  private record Finding(
      SchemaViolation violation, Optional<String> suggestion, Set<String> missingFields) {
    static Finding of(SchemaViolation violation) {
      return new Finding(violation, Optional.empty(), Set.of());
    }
  }

  /**
   * The failed alternatives of one anyOf/oneOf, folded into one violation at their common object.
   */
  private record ExplainedCombinator(
      String evaluationPath,
      String keyword,
      String message,
      String pointer,
      Set<String> missingFields) {
    ExplainedCombinator merge(ExplainedCombinator other) {
      Set<String> missing = new TreeSet<>(missingFields);
      missing.addAll(other.missingFields);
      return new ExplainedCombinator(
          evaluationPath, keyword, message, commonPrefix(pointer, other.pointer), missing);
    }

    Finding finding() {
      return new Finding(
          new SchemaViolation(pointer, keyword, message), Optional.empty(), missingFields);
    }

    private static String commonPrefix(String a, String b) {
      List<String> left = JsonPointers.tokens(a);
      List<String> right = JsonPointers.tokens(b);
      StringBuilder prefix = new StringBuilder();
      for (int i = 0;
          i < Math.min(left.size(), right.size()) && left.get(i).equals(right.get(i));
          i++) {
        prefix.append('/').append(JsonPointers.escape(left.get(i)));
      }
      return prefix.toString();
    }
  }
}
