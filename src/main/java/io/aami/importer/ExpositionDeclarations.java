package io.aami.importer;

import io.aami.model.MetricDeclaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code metrics:} declaration of what a check printed (text exposition format, as the agent
 * accepted it): one entry per family in order of appearance, its {@code # TYPE} (else {@code
 * untyped}) and {@code # HELP}, and the label names its samples carry, sorted, without the {@code
 * le} or {@code quantile} the format itself adds. A histogram's {@code _bucket}, {@code _sum} and
 * {@code _count} samples and a summary's {@code _sum} and {@code _count} belong to their family.
 * Linear in the output.
 */
public final class ExpositionDeclarations {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+\\S+(?:\\s+\\S+)?\\s*$");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern COMMENT =
      Pattern.compile("^#\\s+(HELP|TYPE)\\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\s+(.*))?$");

  private ExpositionDeclarations() {}

  private static final class Family {
    String type = "untyped";
    String help = "";
    final TreeSet<String> labels = new TreeSet<>();
  }

  public static List<MetricDeclaration> of(String output) {
    Map<String, Family> families = new LinkedHashMap<>();
    for (String line : output.split("\n", -1)) {
      Matcher comment = COMMENT.matcher(line);
      if (comment.matches()) {
        Family family = families.computeIfAbsent(comment.group(2), n -> new Family());
        String rest = comment.group(3) == null ? "" : comment.group(3).strip();
        if (comment.group(1).equals("TYPE")) {
          family.type = rest;
        } else {
          family.help = rest.replace("\\n", "\n").replace("\\\\", "\\");
        }
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches()) {
        continue;
      }
      Family family =
          families.computeIfAbsent(familyOf(sample.group(1), families), n -> new Family());
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          family.labels.add(label.group(1));
        }
      }
    }
    List<MetricDeclaration> declarations = new ArrayList<>();
    families.forEach(
        (name, family) -> {
          List<String> labels = new ArrayList<>(family.labels);
          labels.removeAll(new MetricDeclaration(name, family.type, "", List.of()).impliedLabels());
          declarations.add(new MetricDeclaration(name, family.type, family.help, labels));
        });
    return declarations;
  }

  /** The family a sample belongs to: itself, or the histogram or summary its suffix names. */
  private static String familyOf(String sample, Map<String, Family> families) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        Family family = families.get(base);
        if (family != null
            && (family.type.equals("histogram")
                || (family.type.equals("summary") && !suffix.equals("_bucket")))) {
          return base;
        }
      }
    }
    return sample;
  }
}
