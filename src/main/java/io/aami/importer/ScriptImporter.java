package io.aami.importer;

import io.aami.checkrun.CheckRun;
import io.aami.diag.Code;
import io.aami.diag.Diagnostic;
import io.aami.diag.Diagnostics;
import io.aami.diag.SourceLocation;
import io.aami.digest.Sha256;
import io.aami.edit.YamlStyle;
import io.aami.model.CheckDefinition;
import io.aami.model.Kind;
import io.aami.model.Language;
import io.aami.model.MetricDeclaration;
import io.aami.resolve.EffectiveCheck;
import io.aami.validate.Shebangs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns check scripts into ScriptTemplates: {@code templates/<name>.yaml} with the script kept
 * beside it as {@code templates/scripts/<file>} ({@code script_file}), {@code language} from the
 * shebang, {@code version: 1.0.0}, {@code hash}, and with {@code --global} or {@code --group} a
 * ScriptPolicy applying it. A probed script is run once through the node agent (the {@link Prober}
 * is {@code aami check run}'s code path) and its {@code metrics:} are what it printed; a script the
 * agent refuses is imported without them, with the agent's problems reported. A script writing a
 * textfile itself gets {@link TextfileOutputs}' warning.
 */
public final class ScriptImporter {
  public static final String VERSION = "1.0.0";
  public static final String SCRIPT_TYPE = "imported";
  private static final int MAX_AGENT_LINES = 12;

  /** Runs one check the way a node agent would. */
  public interface Prober {
    CheckRun.Ran run(EffectiveCheck check) throws IOException, InterruptedException;
  }

  /** The files to write, and the problems found (nothing is written on errors). */
  public record Result(
      List<GeneratedFile> files,
      List<Diagnostic> problems,
      Map<String, String> texts,
      List<String> imported) {
    public Result {
      files = List.copyOf(files);
      problems = List.copyOf(problems);
      imported = List.copyOf(imported);
    }

    public boolean hasErrors() {
      return problems.stream().anyMatch(Diagnostic::isError);
    }
  }

  private ScriptImporter() {}

  public static Result plan(ScriptImportRequest request, Prober prober)
      throws IOException, InterruptedException {
    Diagnostics problems = new Diagnostics();
    List<GeneratedFile> files = new ArrayList<>();
    Map<String, String> texts = new LinkedHashMap<>();
    List<String> imported = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (RuleImportRequest.Source source : request.scripts()) {
      String content = new String(source.bytes(), StandardCharsets.UTF_8);
      texts.put(source.name(), content);
      SourceLocation top = new SourceLocation(source.name(), 1, 1);
      String fileName = fileName(source.name());
      String name = ImportedIds.slug(stem(fileName));
      String earlier = names.putIfAbsent(name, source.name());
      if (earlier != null) {
        problems.error(
            top,
            Code.IMPORT_SCRIPT,
            "this script would be template '"
                + name
                + "', as "
                + earlier
                + " is; rename one of them");
        continue;
      }
      Optional<Language> language = Shebangs.languageOf(content);
      if (language.isEmpty()) {
        problems.error(
            top,
            Code.IMPORT_SCRIPT,
            "cannot tell the script's language: its first line"
                + " should be a shebang naming bash, sh or python3 (e.g. #!/bin/bash), which the agent's"
                + " interpreters are"
                + Shebangs.shebangLine(content).map(s -> ", not '" + s + "'").orElse(""));
        continue;
      }
      TextfileOutputs.find(source.name(), content).forEach(problems::add);
      Optional<List<MetricDeclaration>> metrics = Optional.empty();
      if (request.probe()) {
        metrics =
            probe(prober, name, language.get(), content, request.defaultConfig(), top, problems);
      }
      String scriptFile = "scripts/" + name + extension(fileName);
      files.add(new GeneratedFile("templates/" + scriptFile, content, List.of()));
      files.add(
          template(
              source.name(),
              name,
              language.get(),
              scriptFile,
              content,
              request.defaultConfig(),
              metrics));
      if (request.global() || request.groupId() != null) {
        files.add(policy(name, request));
      }
      imported.add(name);
    }
    return new Result(files, problems.sorted(), texts, imported);
  }

  private static Optional<List<MetricDeclaration>> probe(
      Prober prober,
      String name,
      Language language,
      String content,
      Map<String, Object> config,
      SourceLocation at,
      Diagnostics problems)
      throws IOException, InterruptedException {
    EffectiveCheck check =
        new EffectiveCheck(
            name,
            SCRIPT_TYPE,
            content,
            language,
            config,
            VERSION,
            Sha256.hex(content),
            "probe-" + name,
            CheckDefinition.DEFAULT_TIMEOUT.ceilSeconds(),
            List.of());
    CheckRun.Ran ran = prober.run(check);
    if (!ran.succeeded()) {
      // The agent's complaint about unsigned lists concerns the probe's own list, not the script.
      List<String> log =
          ran.agentLog().stream()
              .filter(l -> !l.isBlank())
              .filter(l -> !l.contains("not signature-verified"))
              .toList();
      String shown = String.join("; ", log.subList(0, Math.min(MAX_AGENT_LINES, log.size())));
      problems.warning(
          at,
          Code.IMPORT_SCRIPT,
          "probe: the node agent did not accept the run ("
              + ran.failureReason().orElse("exit code " + ran.agentExitCode())
              + "); the template is"
              + " imported without a metrics declaration. The agent said: "
              + shown
              + (log.size() > MAX_AGENT_LINES
                  ? "; (" + (log.size() - MAX_AGENT_LINES) + " more lines)"
                  : ""));
      return Optional.empty();
    }
    List<MetricDeclaration> metrics =
        ExpositionDeclarations.of(ran.published().orElse(ran.rawOutput()));
    if (metrics.isEmpty()) {
      problems.warning(
          at,
          Code.IMPORT_SCRIPT,
          "probe: the script ran but printed no metrics; the"
              + " template is imported without a metrics declaration");
      return Optional.empty();
    }
    return Optional.of(metrics);
  }

  private static GeneratedFile template(
      String source,
      String name,
      Language language,
      String scriptFile,
      String content,
      Map<String, Object> config,
      Optional<List<MetricDeclaration>> metrics) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", Kind.API_VERSION);
    doc.put("kind", Kind.SCRIPT_TEMPLATE.kindName());
    doc.put("name", name);
    doc.put("script_type", SCRIPT_TYPE);
    doc.put("language", language.id());
    doc.put("version", VERSION);
    doc.put("description", "Imported by aami import script from " + fileName(source) + ".");
    doc.put("script_file", scriptFile);
    doc.put("hash", Sha256.hex(content));
    if (!config.isEmpty()) {
      doc.put("default_config", config);
    }
    metrics.ifPresent(
        list -> {
          List<Object> entries = new ArrayList<>();
          for (MetricDeclaration m : list) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", m.name());
            entry.put("type", m.type());
            if (!m.help().isEmpty()) {
              entry.put("help", m.help());
            }
            if (!m.labels().isEmpty()) {
              entry.put("labels", m.labels());
            }
            entries.add(entry);
          }
          doc.put("metrics", entries);
        });
    String text =
        "# yaml-language-server: $schema=../schemas/script-template.schema.json\n"
            + YamlStyle.blockEntries(doc, 0, "\n");
    return new GeneratedFile("templates/" + name + ".yaml", text, List.of());
  }

  private static GeneratedFile policy(String name, ScriptImportRequest request) {
    String id = name + "-" + (request.global() ? "global" : request.groupId());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", Kind.API_VERSION);
    doc.put("kind", Kind.SCRIPT_POLICY.kindName());
    doc.put("id", id);
    doc.put("scope", request.global() ? "global" : "group");
    if (!request.global()) {
      doc.put("group_id", request.groupId());
    }
    doc.put("template_id", name);
    String text =
        "# yaml-language-server: $schema=../../schemas/script-policy.schema.json\n"
            + YamlStyle.blockEntries(doc, 0, "\n");
    return new GeneratedFile("policies/scripts/" + id + ".yaml", text, List.of());
  }

  private static String fileName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  private static String stem(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? fileName : fileName.substring(0, dot);
  }

  private static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? "" : fileName.substring(dot).replaceAll("[^A-Za-z0-9.]", "");
  }
}
