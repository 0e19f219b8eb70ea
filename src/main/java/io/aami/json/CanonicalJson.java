package io.aami.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON style aami writes: 2-space indent, {@code "key": value}, {@code []} and {@code {}}
 * for empties, '\n' line ends, a trailing newline, and map keys sorted. Byte-stable across runs,
 * platforms and JVMs, which published files and golden tests rely on.
 */
public final class CanonicalJson {
  private static final ObjectWriter WRITER = newWriter();
  private static final ObjectWriter COMPACT =
      new ObjectMapper()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .writer();

  private CanonicalJson() {}

  private static ObjectWriter newWriter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators =
        Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter(separators).withObjectIndenter(indenter);
    printer.indentArraysWith(indenter);
    ObjectMapper mapper =
        new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    return mapper.writer(printer);
  }

  /**
   * Serializes plain values (Map, List, String, Number, Boolean, null) or a Jackson tree. Map keys
   * are sorted; the field order of a Jackson {@code ObjectNode} is kept as built.
   */
  public static String write(Object value) {
    try {
      return WRITER.writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "value is not JSON-serializable: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The same values without any whitespace, keys sorted, plus the trailing newline: for published
   * documents read by programs only, where the indentation would be a tenth of the bytes.
   */
  public static String writeCompact(Object value) {
    return oneLine(value) + "\n";
  }

  /** The compact form without the trailing newline: a value quoted inside a line of text. */
  public static String oneLine(Object value) {
    try {
      return COMPACT.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "value is not JSON-serializable: " + e.getOriginalMessage(), e);
    }
  }
}
