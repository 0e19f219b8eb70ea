package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.FieldChange;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "update",
    description =
        "Change fields of a ScriptTemplate in place (the seed's PUT /script-templates/:id): "
            + "only the bytes of the changed values change. A new script goes where the template keeps "
            + "it (inline or its script_file). A script or default_config change without a new --version "
            + "is refused unless --force.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:updated, or nothing to change (or, with --dry-run, the diff printed)",
      "1:no such template, version not bumped, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class TemplateUpdateCommand extends EditingCommand {
  @Parameters(paramLabel = "NAME", description = "The template's name.")
  String name;

  @Option(names = "--script-file", paramLabel = "F", description = "The new script (UTF-8 text).")
  Path scriptFile;

  @Option(names = "--version", paramLabel = "V", description = "The new semantic version.")
  String version;

  @Mixin TemplateEditOptions template;

  @Option(names = "--timeout", paramLabel = "D", description = "The new timeout.")
  String timeout;

  @Option(
      names = "--force",
      description = "Allow a script or default_config change without a new version.")
  boolean force;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    List<FieldChange> changes = new ArrayList<>();
    if (scriptFile != null) {
      changes.add(
          new FieldChange.Set(
              List.of("script_content"), OptionValues.script(spec.commandLine(), scriptFile)));
    }
    if (version != null) {
      changes.add(new FieldChange.Set(List.of("version"), version));
    }
    changes.addAll(template.changes(spec.commandLine()));
    if (timeout != null) {
      changes.add(new FieldChange.Set(List.of("timeout"), timeout));
    }
    return service.update(
        source,
        DocumentKind.SCRIPT_TEMPLATE,
        name,
        changes,
        new AuthoringService.UpdateOptions(force));
  }
}
