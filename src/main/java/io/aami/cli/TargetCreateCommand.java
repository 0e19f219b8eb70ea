package io.aami.cli;

import io.aami.author.AuthoringService;
import io.aami.author.DocumentKind;
import io.aami.author.Plan;
import io.aami.source.RepositorySource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "create",
    description =
        "Create a Target in inventory/targets/ID.yaml. The repository is validated with the new "
            + "file first; nothing is written if that fails.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:created (or, with --dry-run, the diff printed)",
      "1:exists already, or the repository would be invalid; nothing written",
      "2:usage error",
      "3:I/O or internal error"
    })
final class TargetCreateCommand extends EditingCommand {
  @Parameters(paramLabel = "ID", description = "The target's id.")
  String id;

  @Option(names = "--hostname", required = true, paramLabel = "H", description = "Its DNS name.")
  String hostname;

  @Option(
      names = "--address",
      required = true,
      paramLabel = "A",
      description = "host:port Prometheus scrapes (node exporter).")
  String address;

  @Option(
      names = "--group",
      paramLabel = "G",
      description = "A group it belongs to; repeatable, the first is primary.")
  List<String> groups = new ArrayList<>();

  @Option(names = "--label", paramLabel = "NAME=VALUE", description = "A target label; repeatable.")
  List<String> labels = new ArrayList<>();

  @Override
  Plan plan(AuthoringService service, RepositorySource source) throws IOException {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("hostname", hostname);
    fields.put("address", address);
    fields.put("groups", groups);
    Map<String, Object> labelMap = OptionValues.pairs(spec.commandLine(), "--label", labels);
    if (!labelMap.isEmpty()) {
      fields.put("labels", labelMap);
    }
    return service.create(source, DocumentKind.TARGET, id, fields);
  }
}
