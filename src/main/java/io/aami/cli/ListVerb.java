package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "List the documents of this kind one page at a time, like the seed API's "
            + "?page=N&limit=N: the table ends with the page and the total count.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:listed (also when nothing matches)",
      "2:usage error",
      "3:I/O or internal error"
    })
final class ListVerb implements Callable<Integer> {
  static final int MAX_LIMIT = 1000;

  @Spec CommandSpec spec;
  @ParentCommand Nouns.Noun noun;
  @Mixin RepoOption repo;
  @Mixin VerboseOption verbose;
  @Mixin DocumentFormatOption format;

  @Option(
      names = "--page",
      paramLabel = "N",
      defaultValue = "1",
      description = "Page to show, from 1 (default: ${DEFAULT-VALUE}).")
  int page;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "Documents per page, 1 to " + MAX_LIMIT + " (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--type",
      paramLabel = "TYPE",
      description = "template list: only templates of this script_type.")
  String type;

  @Option(
      names = "--group",
      paramLabel = "GROUP",
      description = "policy, alert-rule and target list: only those of this group.")
  String group;

  @Option(names = "--global", description = "policy list: only global policies.")
  boolean global;

  @Override
  public Integer call() throws Exception {
    DocumentKind kind = noun.kind();
    if (page < 1 || limit < 1 || limit > MAX_LIMIT) {
      throw usage("--page must be at least 1 and --limit between 1 and " + MAX_LIMIT);
    }
    if (type != null && kind != DocumentKind.SCRIPT_TEMPLATE) {
      throw usage("--type applies to 'template list' only");
    }
    if (global && kind != DocumentKind.SCRIPT_POLICY) {
      throw usage("--global applies to 'policy list' only");
    }
    if (global && group != null) {
      throw usage("--global and --group are mutually exclusive");
    }
    if (group != null
        && (kind == DocumentKind.SCRIPT_TEMPLATE || kind == DocumentKind.ALERT_TEMPLATE)) {
      throw usage("--group does not apply to '" + kind.noun() + " list'");
    }
    AuthoringService.ListQuery query =
        new AuthoringService.ListQuery(kind, type, group, global, page, limit);
    spec.commandLine()
        .getOut()
        .print(
            format.format.list(
                AuthoringService.standard()
                    .list(Repositories.open(spec.commandLine(), repo), query)));
    return ExitCode.OK;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
