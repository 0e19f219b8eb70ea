package io.aami.cli;

import io.aami.trust.KeyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Manage the Ed25519 keys that sign published check lists (see docs/SECURITY.md).",
    subcommands = {KeysCommand.Generate.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "2:usage error (including a missing subcommand)", "3:I/O error"})
final class KeysCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command; see 'aami keys --help'.");
  }

  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description =
          "Generate an Ed25519 key pair for render --sign-key. The private key is written "
              + "as aami-<key id>.private.pem (PKCS#8, mode 0600) and the public key as "
              + "aami-<key id>.public.pem (SubjectPublicKeyInfo), both PEM files that openssl reads; the "
              + "key id is printed on stdout.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:generated", "2:usage error", "3:I/O error (nothing is overwritten)"})
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--out",
        paramLabel = "DIR",
        required = true,
        description = "Directory for the two key files (created if missing).")
    Path out;

    @Override
    public Integer call() {
      try {
        KeyFiles.Written written = KeyFiles.generate(out);
        spec.commandLine()
            .getOut()
            .printf(
                "key id %s%nprivate key %s%npublic key %s%n",
                written.keyId(), written.privateKey(), written.publicKey());
        return ExitCode.OK;
      } catch (IOException e) {
        spec.commandLine()
            .getErr()
            .println("aami: cannot write the key pair into " + out + ": " + e);
        return ExitCode.ERROR;
      }
    }
  }
}
