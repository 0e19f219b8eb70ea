package io.aami.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.author.AuthoringService;
import io.aami.author.Plan;
import io.aami.checkrun.AgentScript;
import io.aami.checkrun.CheckRunService;
import io.aami.importer.ScriptImportRequest;
import io.aami.importer.ScriptImporter;
import io.aami.load.SourceTexts;
import io.aami.source.RepositorySource;
import io.aami.source.WorkTreeSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "script",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Import existing check scripts (such as node_exporter textfile-collector scripts) as "
          + "ScriptTemplates: templates/NAME.yaml with the script kept beside it in "
          + "templates/scripts/, language from the shebang, version 1.0.0 and its hash. With "
          + "--global or --group a ScriptPolicy applies each one. A script that writes its metrics "
          + "to a file instead of printing them gets a warning with the fix.",
      "With --probe each script is run once through the node agent's own code (as 'aami check "
          + "run' does, with --config as its config on stdin) and its metrics declaration is "
          + "written from what it printed: names, # TYPE, # HELP and label names. A script the "
          + "agent refuses is reported with the agent's problems and imported without one. "
          + "Probing needs bash, jq, flock, sha256sum and timeout, like the agent.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:imported (or --dry-run found nothing wrong); warnings do not change it",
      "1:a script could not be imported, or the repository would not validate",
      "2:usage error",
      "3:I/O or internal error"
    })
final class ImportScriptCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Where where = new Where();

  static final class Where {
    @Option(names = "--global", description = "Also write a global ScriptPolicy for each script.")
    boolean global;

    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description = "Also write a ScriptPolicy applying each script to this group.")
    String group;
  }

  @Option(
      names = "--config",
      paramLabel = "JSON",
      description =
          "A JSON object: the default_config of every imported template (what the agent "
              + "passes the script on stdin).")
  String config;

  @Option(
      names = "--probe",
      description = "Run each script once and declare the metrics it prints.")
  boolean probe;

  @Option(
      names = "--dry-run",
      description = "Write nothing; print the files the import would write.")
  boolean dryRun;

  @Parameters(
      paramLabel = "FILE",
      arity = "1..*",
      description = "Scripts, or directories of them (every file in them).")
  List<String> paths;

  @Override
  public Integer call() throws Exception {
    if (repo.revision() != null) {
      throw new ParameterException(spec.commandLine(), "--rev: import writes the work tree");
    }
    ScriptImportRequest request =
        new ScriptImportRequest(
            ImportSources.read(paths), where.global, where.group, parseConfig(), probe);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RepositorySource source = Repositories.open(spec.commandLine(), repo);
    ScriptImporter.Result result =
        probe
            ? probed(request)
            : ScriptImporter.plan(
                request,
                check -> {
                  throw new IllegalStateException("not probing");
                });
    SourceTexts texts = new SourceTexts();
    result.texts().forEach(texts::put);
    if (ImportedFiles.refused(err, result.problems(), texts)) {
      return ExitCode.FAILED;
    }
    Plan plan = AuthoringService.standard().add(source, ImportedFiles.asNewFiles(result.files()));
    Path root = source instanceof WorkTreeSource workTree ? workTree.root() : repo.path();
    int code = PlanReporter.report(out, err, plan, root, dryRun);
    if (code == ExitCode.OK) {
      err.println(
          "aami: "
              + (dryRun ? "would import " : "imported ")
              + String.join(", ", result.imported()));
    }
    return code;
  }

  private ScriptImporter.Result probed(ScriptImportRequest request)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("aami-import-probe-");
    try {
      Path agent = AgentScript.extractInto(work);
      CheckRunService service = new CheckRunService();
      return ScriptImporter.plan(
          request,
          check -> {
            Path dir = Files.createDirectories(work.resolve(check.name()));
            return service.runCheck(agent, dir, "import-probe", check);
          });
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private Map<String, Object> parseConfig() {
    if (config == null) {
      return Map.of();
    }
    try {
      Map<String, Object> parsed =
          JSON.readValue(config, new TypeReference<Map<String, Object>>() {});
      return parsed == null ? Map.of() : parsed;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ParameterException(
          spec.commandLine(), "--config: not a JSON object: " + e.getOriginalMessage());
    }
  }
}
