package io.aami.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.author.FieldChange;
import io.aami.edit.PlainValues;
import io.aami.json.Json;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Option values of the authoring commands: JSON objects, KEY=VALUE pairs, script files. */
final class OptionValues {
  private static final ObjectMapper JSON = Json.MAPPER;

  private OptionValues() {}

  /** A JSON object such as {@code --config '{"mount_points": ["/data"]}'}. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> jsonObject(CommandLine cmd, String option, String text) {
    Object value;
    try {
      value = JSON.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new ParameterException(cmd, option + ": not JSON: " + e.getOriginalMessage());
    }
    if (!(value instanceof Map)) {
      throw new ParameterException(cmd, option + ": must be a JSON object ({...})");
    }
    if (!isFinite(value)) {
      throw new ParameterException(cmd, option + ": " + NOT_FINITE);
    }
    return (Map<String, Object>) PlainValues.normalize(value);
  }

  /** {@code --set KEY=VALUE}: VALUE is JSON when it parses as JSON, else a string. */
  static List<FieldChange> sets(CommandLine cmd, String under, List<String> pairs) {
    List<FieldChange> changes = new ArrayList<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(
            cmd, "--set " + pair + ": expected KEY=VALUE (KEY may be dotted: a.b)");
      }
      List<String> path = new ArrayList<>(List.of(under));
      path.addAll(Arrays.asList(pair.substring(0, eq).split("\\.", -1)));
      if (path.stream().anyMatch(String::isEmpty)) {
        throw new ParameterException(cmd, "--set " + pair + ": empty key segment");
      }
      Object value = jsonOrString(pair.substring(eq + 1));
      if (!isFinite(value)) {
        throw new ParameterException(cmd, "--set " + pair + ": " + NOT_FINITE);
      }
      changes.add(new FieldChange.Set(path, value));
    }
    return changes;
  }

  private static final String NOT_FINITE =
      "a number is beyond the range of a double (about 1.8e308),"
          + " which YAML would hold as .inf and JSON cannot hold at all; write it as a JSON string"
          + " (\"1e400\") to keep it text";

  /**
   * Whether every number in {@code value} is finite: Jackson reads {@code 1e400} as infinity, which
   * validate refuses in files, so authoring refuses it on the command line too.
   */
  private static boolean isFinite(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().allMatch(OptionValues::isFinite);
    }
    if (value instanceof List<?> list) {
      return list.stream().allMatch(OptionValues::isFinite);
    }
    // Integers of any size are fine: YAML and JSON hold them exactly.
    return !(value instanceof Double || value instanceof Float)
        || Double.isFinite(((Number) value).doubleValue());
  }

  static Object jsonOrString(String text) {
    try {
      return PlainValues.normalize(JSON.readValue(text, Object.class));
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  /** {@code --label k=v}, in the order given. */
  static Map<String, Object> pairs(CommandLine cmd, String option, List<String> pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new ParameterException(cmd, option + " " + pair + ": expected NAME=VALUE");
      }
      map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return map;
  }

  /** A script file's text; it must be UTF-8, like every script aami publishes. */
  static String script(CommandLine cmd, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(cmd, "--script-file " + file + ": no such file");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ParameterException(cmd, "--script-file " + file + ": not UTF-8 text");
    }
  }

  /** Puts {@code value} unless it is null: absent options leave fields out. */
  static void putIf(Map<String, Object> fields, String key, Object value) {
    if (value != null) {
      fields.put(key, value);
    }
  }
}
