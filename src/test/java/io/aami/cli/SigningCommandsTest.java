package io.aami.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testing.Cli;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import io.aami.trust.Keys;
import io.aami.trust.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** keys generate → render --sign-key → verify --key, and their errors, through Main.run. */
class SigningCommandsTest {
  @TempDir Path tmp;
  private Path repo;
  private Path out;

  @BeforeEach
  void seed() throws Exception {
    repo = tmp.resolve("repo");
    out = tmp.resolve("public");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
  }

  private Path[] generate() {
    Cli generated = Cli.run("keys", "generate", "--out", tmp.resolve("keys").toString());
    assertEquals(ExitCode.OK, generated.exitCode(), generated.err());
    Matcher m = Pattern.compile("private key (\\S+)\npublic key (\\S+)\n").matcher(generated.out());
    assertTrue(m.find(), generated.out());
    return new Path[] {Path.of(m.group(1)), Path.of(m.group(2))};
  }

  @Test
  void generateRenderAndVerify() throws Exception {
    Path[] pair = generate();
    Cli render =
        Cli.run(
            "render",
            "--repo",
            repo.toString(),
            "--out",
            out.toString(),
            "--sign-key",
            pair[0].toString());
    assertEquals(ExitCode.OK, render.exitCode(), render.err());
    assertTrue(Files.exists(out.resolve("api/v1/checks/target/gpu-node-01.sig")));

    Cli verify = Cli.run("verify", "--dir", out.toString(), "--key", pair[1].toString());
    assertEquals(ExitCode.OK, verify.exitCode(), verify.out() + verify.err());
    assertEquals("aami: 25 signed documents verified, 0 problems in " + out + "\n", verify.out());

    Cli check =
        Cli.run(
            "render",
            "--repo",
            repo.toString(),
            "--out",
            out.toString(),
            "--check",
            "--sign-key",
            pair[0].toString());
    assertEquals(ExitCode.OK, check.exitCode(), check.out());
  }

  @Test
  void verifyListsEveryProblemAndFails() throws Exception {
    Path[] pair = generate();
    Cli.run(
        "render",
        "--repo",
        repo.toString(),
        "--out",
        out.toString(),
        "--sign-key",
        pair[0].toString());
    Files.delete(out.resolve("api/v1/checks/target/lab-01.sig"));
    Path other =
        Files.writeString(tmp.resolve("other.pem"), Keys.publicPem(Keys.generate().publicKey()));

    Cli missing = Cli.run("verify", "--dir", out.toString(), "--key", pair[1].toString());
    assertEquals(ExitCode.FAILED, missing.exitCode());
    assertTrue(
        missing
            .out()
            .startsWith(
                "api/v1/checks/target/lab-01: missing: no api/v1/checks/target/lab-01.sig\n"),
        missing.out());
    Cli foreign = Cli.run("verify", "--dir", out.toString(), "--key", other.toString());
    assertEquals(ExitCode.FAILED, foreign.exitCode());
    assertTrue(
        foreign.out().contains("manifest.json: unknown_key: no signature by a trusted key\n"),
        foreign.out());
  }

  @Test
  void anUnusableKeyIsAUsageErrorAndNothingIsWritten() throws Exception {
    Path notAKey = Files.writeString(tmp.resolve("key.pem"), "hello\n");
    Cli render =
        Cli.run(
            "render",
            "--repo",
            repo.toString(),
            "--out",
            out.toString(),
            "--sign-key",
            notAKey.toString());
    assertEquals(ExitCode.USAGE, render.exitCode());
    assertEquals("aami: " + notAKey + ": no -----BEGIN PRIVATE KEY----- block\n", render.err());
    assertFalse(Files.exists(out));

    Path[] pair = generate();
    Cli publicKey = Cli.run("verify", "--dir", out.toString(), "--key", pair[0].toString());
    assertEquals(ExitCode.USAGE, publicKey.exitCode());
    assertTrue(
        publicKey.err().contains("found a PRIVATE KEY block, expected PUBLIC KEY"),
        publicKey.err());

    Cli expiry =
        Cli.run(
            "render",
            "--repo",
            repo.toString(),
            "--out",
            out.toString(),
            "--sign-key",
            pair[0].toString(),
            "--sign-expiry",
            "10m");
    assertEquals(ExitCode.USAGE, expiry.exitCode());
    assertTrue(
        expiry.err().contains("--sign-expiry must be a duration of at least 1h"), expiry.err());
    assertFalse(Files.exists(out));
  }

  @Test
  void keysComeFromOptionsThenTheKeyFileVariableThenThePemVariable() throws Exception {
    SigningKey a = Keys.generate();
    SigningKey b = Keys.generate();
    Path fileA = Files.writeString(tmp.resolve("a.pem"), Keys.privatePem(a.privateKey()));
    Path fileB = Files.writeString(tmp.resolve("b.pem"), Keys.privatePem(b.privateKey()));
    String pemB = Keys.privatePem(b.privateKey());

    assertEquals(
        List.of(a.keyId()),
        ids(
            SigningKeys.load(
                List.of(fileA),
                Map.of("AAMI_SIGN_KEY_FILE", fileB.toString(), "AAMI_SIGN_KEY", pemB))));
    assertEquals(
        List.of(b.keyId()),
        ids(
            SigningKeys.load(
                List.of(),
                Map.of(
                    "AAMI_SIGN_KEY_FILE",
                    fileB.toString(),
                    "AAMI_SIGN_KEY",
                    Keys.privatePem(a.privateKey())))));
    assertEquals(
        List.of(a.keyId(), b.keyId()),
        ids(
            SigningKeys.load(
                List.of(), Map.of("AAMI_SIGN_KEY", Keys.privatePem(a.privateKey()) + pemB))));
    assertEquals(List.of(), SigningKeys.load(List.of(), Map.of()));
  }

  @Test
  void generateNeverOverwritesAndKeepsThePrivateKeyPrivate() throws Exception {
    Path[] first = generate();
    Path[] second = generate();
    assertFalse(first[0].equals(second[0]), "each key pair has its own key id and file names");
    try (Stream<Path> keys = Files.list(tmp.resolve("keys"))) {
      assertEquals(4, keys.count());
    }
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(second[0])));
  }

  private static List<String> ids(List<SigningKey> keys) {
    return keys.stream().map(SigningKey::keyId).toList();
  }
}
