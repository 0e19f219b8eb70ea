package io.aami.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files are what openssl reads and derives: the same public key, the same key id. */
class KeysTest {
  @TempDir Path dir;

  @Test
  void generatedKeyFilesAreOpensslCompatibleAndThePrivateOneIsOwnerOnly() throws Exception {
    KeyFiles.Written written = KeyFiles.generate(dir.resolve("keys"));

    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(written.privateKey())));
    assertEquals(
        "aami-" + written.keyId() + ".private.pem", written.privateKey().getFileName().toString());
    SigningKey key = KeyFiles.readPrivateKeys(written.privateKey()).get(0);
    assertEquals(written.keyId(), key.keyId());
    assertEquals(
        Files.readString(written.publicKey()),
        Keys.publicPem(key.publicKey()),
        "the public key derived from the private key file is the generated one");

    Tools.assumeOnPath("openssl", "sha256sum", "bash");
    ProcessResult derived = shell("openssl pkey -in '" + written.privateKey() + "' -pubout");
    assertEquals(Files.readString(written.publicKey()), derived.stdout(), derived::toString);
    ProcessResult keyId =
        shell(
            "openssl pkey -pubin -in '"
                + written.publicKey()
                + "' -outform DER | sha256sum | cut -c 1-16");
    assertEquals(written.keyId() + "\n", keyId.stdout(), keyId::toString);
  }

  @Test
  void aKeyFileMadeByOpensslSignsLikeOurOwn() throws Exception {
    Tools.assumeOnPath("openssl", "bash");
    Path pem = dir.resolve("openssl.pem");
    assertEquals(0, shell("openssl genpkey -algorithm ed25519 -out '" + pem + "'").exitCode());
    SigningKey key = KeyFiles.readPrivateKeys(pem).get(0);
    ProcessResult pub = shell("openssl pkey -in '" + pem + "' -pubout");
    assertEquals(pub.stdout(), Keys.publicPem(key.publicKey()));
  }

  @Test
  void twoPemBlocksAreTwoKeysForARollover() throws Exception {
    String both =
        Keys.privatePem(Keys.generate().privateKey())
            + Keys.privatePem(Keys.generate().privateKey());
    assertEquals(2, Keys.readPrivateKeys(both, "secret").size());
  }

  @Test
  void wrongKeyMaterialIsRefusedWithItsOrigin() {
    SigningKey key = Keys.generate();
    KeyFormatException publicForPrivate =
        assertThrows(
            KeyFormatException.class,
            () -> Keys.readPrivateKeys(Keys.publicPem(key.publicKey()), "ci.pem"));
    assertTrue(
        publicForPrivate.getMessage().startsWith("ci.pem: found a PUBLIC KEY block"),
        publicForPrivate.getMessage());
    assertThrows(KeyFormatException.class, () -> Keys.readPrivateKeys("not a key", "x"));
    assertThrows(
        KeyFormatException.class,
        () ->
            Keys.readPublicKey(
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "y"));
  }

  private ProcessResult shell(String command) throws Exception {
    return Processes.run(
        List.of("bash", "-euo", "pipefail", "-c", command),
        Map.of("PATH", System.getenv("PATH")),
        dir);
  }
}
