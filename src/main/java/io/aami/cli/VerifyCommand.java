package io.aami.cli;

import io.aami.publish.SiteVerification;
import io.aami.trust.KeyFiles;
import io.aami.trust.KeyFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description =
        "Verify the signatures of a rendered or downloaded site offline: every check "
            + "document and the manifest must carry an unexpired signature by one of the keys for its "
            + "own path and content, and the documents must be the ones the signed manifest lists.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every signed document verified",
      "1:at least one document failed verification (listed on stdout)",
      "2:usage error (including an unreadable key)",
      "3:I/O error"
    })
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The site to verify.")
  Path dir;

  @Option(
      names = "--key",
      paramLabel = "PUB",
      required = true,
      description = "A trusted public key (PEM); repeat the option for several keys.")
  List<Path> keyFiles;

  record Request(Path dir, List<Path> keyFiles, long now) {}

  @Override
  public Integer call() {
    Request request = new Request(dir, keyFiles, Instant.now().getEpochSecond());
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    List<PublicKey> keys;
    try {
      keys = KeyFiles.readPublicKeys(request.keyFiles());
    } catch (KeyFormatException | IOException e) {
      stderr.println("aami: " + e.getMessage());
      return ExitCode.USAGE;
    }
    SiteVerification.Report report;
    try {
      report = SiteVerification.verify(request.dir(), keys, request.now());
    } catch (IOException e) {
      stderr.println("aami: cannot read " + request.dir() + ": " + e.getMessage());
      return ExitCode.ERROR;
    }
    for (SiteVerification.Finding f : report.findings()) {
      stdout.println(f.path() + ": " + f.reason() + ": " + f.detail());
    }
    stdout.println(
        "aami: "
            + report.verified()
            + " signed documents verified, "
            + report.findings().size()
            + " problems in "
            + request.dir());
    return report.ok() ? ExitCode.OK : ExitCode.FAILED;
  }
}
