package io.aami.model;

import java.util.List;

/**
 * A metric family a check declares in its {@code metrics:} list: what its output contains, so that
 * alert queries can be checked against it and node agents can report what it does not list.
 *
 * @param type {@code counter}, {@code gauge}, {@code histogram}, {@code summary} or {@code
 *     untyped}, as in the {@code # TYPE} line
 * @param help the {@code # HELP} text; empty when not declared
 * @param labels the labels the check's samples carry, in declared order
 */
public record MetricDeclaration(String name, String type, String help, List<String> labels) {
  public MetricDeclaration {
    labels = List.copyOf(labels);
  }

  /**
   * The sample names the family's output may use: a histogram's {@code _bucket}, {@code _sum} and
   * {@code _count} series and a summary's {@code _sum} and {@code _count} series, as the text
   * exposition format writes them.
   */
  public List<String> sampleNames() {
    return switch (type) {
      case "histogram" -> List.of(name, name + "_bucket", name + "_sum", name + "_count");
      case "summary" -> List.of(name, name + "_sum", name + "_count");
      default -> List.of(name);
    };
  }

  /** The label the format adds to the family's samples itself: {@code le} or {@code quantile}. */
  public List<String> impliedLabels() {
    return switch (type) {
      case "histogram" -> List.of("le");
      case "summary" -> List.of("quantile");
      default -> List.of();
    };
  }
}
