package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.Plan;
import io.aami.diag.Diagnostic;
import io.aami.importer.GeneratedFile;
import io.aami.importer.RuleImportRequest;
import io.aami.importer.RuleImporter;
import io.aami.importer.RuleVerifier;
import io.aami.load.SourceTexts;
import io.aami.report.ReportFormat;
import io.aami.source.RepositorySource;
import io.aami.source.WorkTreeSource;
import io.aami.validate.ValidationReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Import Prometheus alerting and recording rules as AlertRules and RecordingRules: from rule "
          + "files (groups:), PrometheusRule manifests (several per file, or in a kind: List) and "
          + "Mimir or Cortex ruler namespaces. Each source rule group becomes one file under "
          + "policies/imported/ that keeps the group's name and interval, the order of the rules, "
          + "alert names exactly (exact_name: true), for, labels, annotations and the comments "
          + "above each rule. A rule that cannot be imported is reported with its file and line, "
          + "and then nothing is written. The result is validated in memory before anything is "
          + "written. Helm templates are not read: render them with 'helm template' first.",
      "With --verify, nothing is imported: the repository is rendered and every source rule is "
          + "compared with the rule rendered from it (name, expr, for, keep_firing_for, labels, "
          + "annotations); the only difference allowed is the group_id label aami adds to the "
          + "rules of a group (docs/ALERTS.md).",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:imported, or --dry-run/--verify found nothing wrong",
      "1:a rule could not be imported, the repository would not validate, or --verify found a "
          + "difference",
      "2:usage error",
      "3:I/O or internal error"
    })
final class ImportRulesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Where where;

  static final class Where {
    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description = "Apply the rules to the targets of this group (they get its group_id label).")
    String group;

    @Option(
        names = "--scope",
        paramLabel = "global",
        description = "'global': apply the rules to every target, as global rules.")
    String scope;
  }

  @Option(
      names = "--id-prefix",
      paramLabel = "PREFIX",
      description =
          "Start every id with this, and write under policies/imported/PREFIX/ "
              + "(default: the group id, or 'global').")
  String idPrefix;

  @Option(
      names = "--dry-run",
      description = "Write nothing; print the files the import would write.")
  boolean dryRun;

  @Option(
      names = "--verify",
      description =
          "Import nothing; compare every source rule with the rule the repository renders "
              + "from it, and print each difference.")
  boolean verify;

  @Parameters(
      paramLabel = "PATH",
      arity = "1..*",
      description = "Rule files, directories of them (*.yaml, *.yml, *.rules) or - for stdin.")
  List<String> paths;

  @Override
  public Integer call() throws Exception {
    if (where.scope != null && !where.scope.equals("global")) {
      throw new ParameterException(
          spec.commandLine(), "--scope takes 'global' (or use --group GROUP)");
    }
    if (repo.revision() != null && !verify) {
      throw new ParameterException(
          spec.commandLine(), "--rev: import writes the work tree; only --verify reads a revision");
    }
    RuleImportRequest request =
        new RuleImportRequest(
            ImportSources.read(paths, ".yaml", ".yml", ".rules"), where.group, idPrefix);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RepositorySource source = Repositories.open(spec.commandLine(), repo);
    if (verify) {
      RuleVerifier.Result result = RuleVerifier.verify(source, request);
      err.print(
          ReportFormat.TEXT
              .formatter()
              .format(new ValidationReport(result.diagnostics(), result.texts())));
      out.println(result.summary());
      return result.passes() ? ExitCode.OK : ExitCode.FAILED;
    }
    RuleImporter.Result result = RuleImporter.plan(request);
    SourceTexts texts = new SourceTexts();
    result.sources().forEach(s -> texts.put(s.file(), s.text()));
    if (ImportedFiles.refused(err, result.problems(), texts)) {
      return ExitCode.FAILED;
    }
    if (result.files().isEmpty()) {
      err.println("aami: no rules found in " + String.join(", ", paths) + "; nothing was written");
      return ExitCode.FAILED;
    }
    Plan plan = AuthoringService.standard().add(source, ImportedFiles.asNewFiles(result.files()));
    if (plan instanceof Plan.Invalid invalid) {
      plan =
          new Plan.Invalid(withSources(invalid.report(), result.files()), invalid.alreadyInvalid());
    }
    Path root = source instanceof WorkTreeSource workTree ? workTree.root() : repo.path();
    int code = PlanReporter.report(out, err, plan, root, dryRun);
    if (code == ExitCode.OK) {
      err.println(
          "aami: "
              + (dryRun ? "would import " : "imported ")
              + result.alertCount()
              + " alerting and "
              + result.recordCount()
              + " recording rules in "
              + result.files().size()
              + " rule group(s)");
    }
    return code;
  }

  /** Each problem in a written file also names the source rule it came from. */
  private static ValidationReport withSources(ValidationReport report, List<GeneratedFile> files) {
    List<Diagnostic> annotated = new ArrayList<>();
    for (Diagnostic d : report.diagnostics()) {
      String from =
          files.stream()
              .filter(f -> f.path().equals(d.file()))
              .findFirst()
              .flatMap(f -> f.sourceOf(d.line()))
              .map(at -> " (imported from " + at + ")")
              .orElse("");
      annotated.add(
          new Diagnostic(
              d.file(), d.line(), d.column(), d.severity(), d.code(), d.message() + from));
    }
    return new ValidationReport(annotated, report.sources());
  }
}
