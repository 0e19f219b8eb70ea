package io.aami.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.json.Json;
import io.aami.load.LoadResult;
import io.aami.model.Origin;
import io.aami.schema.ConfigSchema;
import io.aami.schema.SchemaViolation;
import io.aami.yaml.YValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code config_schema}: a template's declared JSON Schema is itself checked (reported in the
 * schema), its {@code default_config} alone must satisfy it (reported in the defaults), and so must
 * every policy's and rule's merged config, reported at the overriding value. A violation that the
 * defaults alone already have is reported once, at the template, not once per policy.
 *
 * <p>Cost: one compilation per distinct schema, then one validation per policy or rule.
 */
final class ConfigSchemas implements SemanticCheck {
  private static final ObjectMapper JSON = Json.MAPPER;
  private static final Set<String> KEY_KEYWORDS =
      Set.of("additionalProperties", "unevaluatedProperties", "propertyNames");

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    List<ConfigLayers> all = new ArrayList<>(ConfigLayers.ofPolicies(loaded.repository()));
    all.addAll(ConfigLayers.ofAlertRules(loaded.repository()));
    Map<String, Declared> declared = new HashMap<>();
    for (ConfigLayers layers : all) {
      if (layers.schema().isEmpty()) {
        continue;
      }
      Declared schema =
          declared.computeIfAbsent(
              layers.defaultsOrigin().location() + "#" + layers.owner(), k -> declare(layers, out));
      if (schema.usable() != null) {
        overrides(layers, schema, out);
      }
    }
    // Templates no policy or rule uses yet still get their schema and defaults checked.
    for (var template : loaded.repository().scriptTemplates()) {
      template
          .definition()
          .configSchema()
          .ifPresent(
              schema ->
                  declareUnused(
                      "ScriptTemplate '" + template.name() + "'",
                      template.origin(),
                      template.definition().defaultConfig(),
                      schema,
                      declared,
                      out));
    }
    for (var template : loaded.repository().alertTemplates()) {
      template
          .configSchema()
          .ifPresent(
              schema ->
                  declareUnused(
                      "AlertTemplate '" + template.id() + "'",
                      template.origin(),
                      ConfigLayers.plain(template.defaultConfig()),
                      schema,
                      declared,
                      out));
    }
  }

  /** A template's schema and defaults, checked once whether or not anything uses the template. */
  private static void declareUnused(
      String owner,
      Origin origin,
      Map<String, Object> defaults,
      Map<String, Object> schema,
      Map<String, Declared> declared,
      Diagnostics out) {
    declared.computeIfAbsent(
        origin.location() + "#" + owner,
        k ->
            declare(
                new ConfigLayers(
                    owner,
                    origin,
                    "default_config",
                    defaults,
                    origin,
                    "default_config",
                    Map.of(),
                    Map.of(),
                    Optional.of(schema)),
                out));
  }

  /** The compiled schema and the violations of the defaults alone (empty when unusable). */
  private record Declared(ConfigSchema usable, Set<List<String>> defaultViolations) {}

  private static Declared declare(ConfigLayers layers, Diagnostics out) {
    Origin origin = layers.defaultsOrigin();
    JsonNode tree = YValues.toJson(origin.node("config_schema").orElseThrow());
    ConfigSchema.Compiled compiled = ConfigSchema.compile(tree);
    if (compiled instanceof ConfigSchema.Unusable unusable) {
      for (SchemaViolation v : unusable.problems()) {
        List<String> tokens = YValues.pointerTokens(v.pointer());
        String[] path = prefixed("config_schema", tokens);
        SourceLocation at = isKeyProblem(v) ? origin.locateKey(path) : origin.locate(path);
        out.error(
            at,
            Code.CONFIG_SCHEMA,
            "config_schema of "
                + layers.owner()
                + " is not a usable JSON Schema"
                + (tokens.isEmpty() ? "" : " at '" + v.pointer() + "'")
                + ": "
                + v.message());
      }
      return new Declared(null, Set.of());
    }
    ConfigSchema schema = ((ConfigSchema.Usable) compiled).schema();
    Set<List<String>> defaultViolations = new HashSet<>();
    for (SchemaViolation v : schema.validate(JSON.valueToTree(layers.defaults()))) {
      List<String> tokens = YValues.pointerTokens(v.pointer());
      defaultViolations.add(List.of(v.pointer(), v.message()));
      String[] path = layers.defaultPath(tokens);
      SourceLocation at = isKeyProblem(v) ? origin.locateKey(path) : origin.locate(path);
      out.error(
          at,
          Code.CONFIG_SCHEMA,
          subject(tokens, "default_config")
              + v.message()
              + " (config_schema of "
              + layers.owner()
              + ")");
    }
    return new Declared(schema, defaultViolations);
  }

  private static void overrides(ConfigLayers layers, Declared schema, Diagnostics out) {
    for (SchemaViolation v : schema.usable().validate(JSON.valueToTree(layers.merged()))) {
      List<String> tokens = YValues.pointerTokens(v.pointer());
      boolean overridden = layers.overrides(tokens);
      if (!overridden && schema.defaultViolations().contains(List.of(v.pointer(), v.message()))) {
        continue; // the defaults alone break the schema: reported at the template
      }
      String[] path = layers.overridePath(tokens);
      Origin origin = layers.overridesOrigin();
      SourceLocation at =
          isKeyProblem(v) && overridden ? origin.locateKey(path) : origin.locate(path);
      String from =
          !overridden && !tokens.isEmpty() && layers.defaults(tokens)
              ? "; the value comes from "
                  + layers.defaultsOrigin().locate(layers.defaultPath(tokens))
              : "";
      out.error(
          at,
          Code.CONFIG_SCHEMA,
          subject(tokens, "merged config")
              + v.message()
              + " (config_schema of "
              + layers.owner()
              + ")"
              + from);
    }
  }

  private static String subject(List<String> tokens, String whole) {
    return tokens.isEmpty() ? whole + ": " : "config '" + String.join(".", tokens) + "': ";
  }

  private static boolean isKeyProblem(SchemaViolation v) {
    return KEY_KEYWORDS.contains(v.keyword());
  }

  private static String[] prefixed(String first, List<String> tokens) {
    String[] path = new String[tokens.size() + 1];
    path[0] = first;
    for (int i = 0; i < tokens.size(); i++) {
      path[i + 1] = tokens.get(i);
    }
    return path;
  }
}
