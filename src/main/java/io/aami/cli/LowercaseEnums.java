package io.aami.cli;

import io.aami.report.ReportFormat;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Enum options as users type them: lowercase values, listed in lowercase in help and errors. */
final class LowercaseEnums {
  private LowercaseEnums() {}

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw new TypeConversionException(
        "'" + value + "' is not one of " + String.join(", ", names(type)));
  }

  static <E extends Enum<E>> Iterable<String> names(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> c.name().toLowerCase(Locale.ROOT))
        .toList();
  }

  /**
   * The converter and completion candidates of one enum option; picocli names converters by class,
   * so each enum has a one-line subclass.
   */
  abstract static class Option<E extends Enum<E>> implements ITypeConverter<E>, Iterable<String> {
    private final Class<E> type;

    Option(Class<E> type) {
      this.type = type;
    }

    @Override
    public E convert(String value) {
      return parse(type, value);
    }

    @Override
    public Iterator<String> iterator() {
      return names(type).iterator();
    }
  }

  static final class ReportFormats extends Option<ReportFormat> {
    ReportFormats() {
      super(ReportFormat.class);
    }
  }
}
