package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    description =
        "Create a ScriptPolicy in policies/scripts/ID.yaml, from a template (the seed's POST "
            + "/script-policies) or with --direct and its own script (POST /script-policies/direct). The "
            + "repository is validated with the new file first; nothing is written if that fails.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:created (or, with --dry-run, the diff printed)",
      "1:exists already, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class PolicyCreateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The policy's id.")
  String id;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @ArgGroup(exclusive = false)
    FromTemplate template;

    @ArgGroup(exclusive = false)
    DirectCheckOptions direct;
  }

  static final class FromTemplate {
    @Option(
        names = "--template",
        required = true,
        paramLabel = "NAME",
        description = "The ScriptTemplate it applies.")
    String name;

    @Option(
        names = "--template-version",
        paramLabel = "V",
        description = "Pin the template's version.")
    String version;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  ScopeOptions scope;

  @Option(
      names = "--config",
      paramLabel = "JSON",
      description = "config overrides as a JSON object (default {}).")
  String config;

  @Option(names = "--priority", paramLabel = "N", description = "Higher wins (default 100).")
  Integer priority;

  @Option(names = "--inactive", description = "Create it deactivated (is_active: false).")
  boolean inactive;

  @Override
  Plan plan(AuthoringService service, RepositorySource repository) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    if (source.template != null) {
      fields.put("template_id", source.template.name);
      OptionValues.putIf(fields, "template_version", source.template.version);
      scope.putInto(fields);
    } else {
      scope.putInto(fields);
      source.direct.putInto(spec.commandLine(), fields);
    }
    fields.put(
        "config",
        config == null
            ? Map.of()
            : OptionValues.jsonObject(spec.commandLine(), "--config", config));
    OptionValues.putIf(fields, "priority", priority);
    if (inactive) {
      fields.put("is_active", false);
    }
    if (source.direct != null) {
      fields.put("script_content", source.direct.script(spec.commandLine()));
    }
    return service.create(repository, DocumentKind.SCRIPT_POLICY, id, fields);
  }
}
