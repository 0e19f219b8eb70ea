package io.aami.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson mapper with default settings, for reading JSON and converting values to trees. An
 * {@link ObjectMapper} is thread-safe once configured and costly to create, so aami shares this
 * one; nobody may reconfigure it. What aami writes goes through {@link CanonicalJson}.
 */
public final class Json {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}
}
