package io.aami.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The limits of the published check list, read from {@code schemas/published-defs.schema.json} so
 * that the schema stays the one place to change them: validate enforces them at the source, the
 * node agent carries a generated copy, and a test keeps that copy equal to this.
 *
 * @param checkNamePattern anchored regex of a check name ({@code ^...$})
 * @param configMaxJsonBytes bound of the config's compact JSON, in UTF-8 bytes ({@code
 *     x-aami-maxJsonBytes}: the environment variable the agent passes it in is bounded)
 * @param documentMaxBytes the largest check list a node agent accepts
 */
public record PublishedLimits(
    String checkNamePattern,
    int checkNameMaxLength,
    long timeoutMinSeconds,
    long timeoutMaxSeconds,
    List<String> languages,
    String sha256Pattern,
    int textMaxLength,
    long configMaxJsonBytes,
    long documentMaxBytes) {

  public PublishedLimits {
    languages = List.copyOf(languages);
  }

  static PublishedLimits from(JsonNode schema) {
    JsonNode defs = schema.path("$defs");
    List<String> languages = new ArrayList<>();
    required(defs, "language", "enum").forEach(value -> languages.add(value.asText()));
    return new PublishedLimits(
        required(defs, "checkName", "pattern").asText(),
        required(defs, "checkName", "maxLength").asInt(),
        required(defs, "timeoutSeconds", "minimum").asLong(),
        required(defs, "timeoutSeconds", "maximum").asLong(),
        languages,
        required(defs, "sha256", "pattern").asText(),
        required(defs, "text", "maxLength").asInt(),
        required(defs, "config", "x-aami-maxJsonBytes").asLong(),
        required(defs, "documentMaxBytes", "const").asLong());
  }

  private static JsonNode required(JsonNode defs, String def, String keyword) {
    JsonNode value = defs.path(def).path(keyword);
    if (value.isMissingNode() || value.isNull()) {
      throw new IllegalStateException(
          "published-defs.schema.json lacks $defs/" + def + "/" + keyword);
    }
    return value;
  }
}
