package io.aami.validate;

import io.aami.diag.Code;
import io.aami.diag.Diagnostics;
import io.aami.load.LoadResult;
import io.aami.model.CheckDefinition;
import io.aami.model.Language;
import io.aami.model.Origin;
import io.aami.model.ScriptPolicy;
import io.aami.model.ScriptTemplate;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Warns when a script's shebang names a different interpreter than its {@code language}. The node
 * agent ignores the shebang and runs {@code language}'s interpreter ({@code bash}, {@code sh},
 * {@code python3}), so a script without a shebang is fine; a disagreeing one is only a warning, but
 * it usually means the script was written for another shell than the one that will run it (bashisms
 * under sh) or the language field was copied from another template.
 *
 * <p>Recognized: {@code #!/bin/bash}, {@code #!/bin/sh}, {@code #!/usr/bin/python3}, any directory,
 * and {@code #!/usr/bin/env [-S] [VAR=value] interpreter [args]}. dash and ash count as sh; python
 * and python3.N count as python3.
 */
public final class Shebangs implements SemanticCheck {
  private static final Pattern PYTHON3 = Pattern.compile("python(3(\\.[0-9]+)?)?");

  @Override
  public void check(LoadResult loaded, Diagnostics out) {
    for (ScriptTemplate template : loaded.repository().scriptTemplates()) {
      check(template.definition(), template.origin(), out);
    }
    for (ScriptPolicy policy : loaded.repository().scriptPolicies()) {
      if (policy.source() instanceof ScriptPolicy.Direct direct) {
        check(direct.definition(), policy.origin(), out);
      }
    }
  }

  private static void check(CheckDefinition definition, Origin origin, Diagnostics out) {
    Optional<String> shebang = shebangLine(definition.script().content());
    if (shebang.isEmpty()) {
      return;
    }
    Optional<String> interpreter = interpreter(shebang.get());
    Language language = definition.language();
    if (interpreter.isPresent() && runsAs(interpreter.get()).filter(language::equals).isPresent()) {
      return;
    }
    String runs = interpreter.map(i -> "runs " + i).orElse("names no interpreter aami recognizes");
    out.warning(
        origin.locate("language"),
        Code.SCRIPT_SHEBANG,
        "the script's shebang '"
            + shebang.get()
            + "' "
            + runs
            + ", but language is '"
            + language.id()
            + "' and the agent runs the script with "
            + language.interpreter()
            + "; make them agree, or drop the shebang");
  }

  /**
   * The language whose interpreter the script's shebang names; empty without a shebang or for
   * others.
   */
  public static Optional<Language> languageOf(String content) {
    return shebangLine(content).flatMap(Shebangs::interpreter).flatMap(Shebangs::runsAs);
  }

  /** The first line when it starts with {@code #!}, without line terminator. */
  public static Optional<String> shebangLine(String content) {
    String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
    if (!text.startsWith("#!")) {
      return Optional.empty();
    }
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return Optional.of(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
  }

  /** The interpreter's base name, looking through {@code env}; empty when there is none. */
  static Optional<String> interpreter(String shebang) {
    String[] words = shebang.substring(2).trim().split("\\s+", -1);
    if (words.length == 0 || words[0].isEmpty()) {
      return Optional.empty();
    }
    String program = baseName(words[0]);
    if (!program.equals("env")) {
      return Optional.of(program);
    }
    for (int i = 1; i < words.length; i++) {
      String word = words[i];
      if (word.equals("-u") || word.equals("-C")) {
        i++; // these env options take an argument
      } else if (!word.startsWith("-") && !word.contains("=")) {
        return Optional.of(baseName(word));
      }
    }
    return Optional.empty();
  }

  private static Optional<Language> runsAs(String interpreter) {
    if (interpreter.equals("bash")) {
      return Optional.of(Language.BASH);
    }
    if (interpreter.equals("sh") || interpreter.equals("dash") || interpreter.equals("ash")) {
      return Optional.of(Language.SH);
    }
    if (PYTHON3.matcher(interpreter).matches()) {
      return Optional.of(Language.PYTHON);
    }
    return Optional.empty();
  }

  private static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
