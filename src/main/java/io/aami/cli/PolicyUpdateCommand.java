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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "update",
    description =
        "Change fields of a ScriptPolicy in place (the seed's PUT /script-policies/:id): only "
            + "the bytes of the changed values change; comments and layout stay.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:updated, or nothing to change (or, with --dry-run, the diff printed)",
      "1:no such policy, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class PolicyUpdateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The policy's id.")
  String id;

  @Mixin RuleEditOptions rule;

  @ArgGroup(exclusive = true)
  Activation activation;

  static final class Activation {
    @Option(names = "--active", required = true, description = "Activate it (is_active: true).")
    boolean active;

    @Option(
        names = "--inactive",
        required = true,
        description = "Deactivate it (is_active: false).")
    boolean inactive;
  }

  @Option(
      names = "--template-version",
      paramLabel = "V",
      description = "Pin another template version.")
  String templateVersion;

  @Option(names = "--script-file", paramLabel = "F", description = "A direct policy's new script.")
  Path scriptFile;

  @Option(
      names = "--version",
      paramLabel = "V",
      description = "A direct policy's new check version.")
  String version;

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    List<FieldChange> changes = new ArrayList<>(rule.changes(spec.commandLine()));
    if (activation != null) {
      changes.add(FieldChange.set("is_active", activation.active));
    }
    if (templateVersion != null) {
      changes.add(FieldChange.set("template_version", templateVersion));
    }
    if (scriptFile != null) {
      changes.add(
          FieldChange.set("script_content", OptionValues.script(spec.commandLine(), scriptFile)));
    }
    if (version != null) {
      changes.add(FieldChange.set("version", version));
    }
    return service.update(
        source, DocumentKind.SCRIPT_POLICY, id, changes, new AuthoringService.UpdateOptions(false));
  }
}
