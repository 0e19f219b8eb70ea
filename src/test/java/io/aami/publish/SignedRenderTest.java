package io.aami.publish;

import static io.aami.publish.SignedSiteFixture.DAY;
import static io.aami.publish.SignedSiteFixture.GPU;
import static io.aami.publish.SignedSiteFixture.STORAGE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.trust.Expiry;
import io.aami.trust.Keys;
import io.aami.trust.SignatureFile;
import io.aami.trust.SigningKey;
import io.aami.trust.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** render with signing keys: which files are signed, generations, expiry windows, --check. */
class SignedRenderTest {
  private static final long T0 = 1_790_000_000L;
  private static final long NOW = T0 + 3_600;

  @TempDir Path tmp;
  private SignedSiteFixture site;
  private final SigningKey key = Keys.generate();

  @BeforeEach
  void repository() throws Exception {
    site = new SignedSiteFixture(tmp);
    site.commit(T0);
  }

  @AfterEach
  void close() {
    site.close();
  }

  private List<String> files() throws Exception {
    try (Stream<Path> walk = Files.walk(site.out)) {
      return walk.filter(Files::isRegularFile)
          .map(p -> site.out.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  @Test
  void everyCheckDocumentAndTheManifestGetAValidSignatureAndNothingElse() throws Exception {
    assertInstanceOf(RenderService.Published.class, site.render(NOW, false, key));

    List<String> files = files();
    List<String> documents = files.stream().filter(p -> !p.endsWith(".sig")).toList();
    int signed = 0;
    for (String path : documents) {
      boolean hasSignature = files.contains(path + ".sig");
      assertEquals(
          path.startsWith("api/v1/checks/target/")
              || path.startsWith("api/v2/checks/")
              || path.equals("manifest.json"),
          hasSignature,
          path);
      if (hasSignature) {
        signed++;
        Verifier.Verdict verdict =
            new Verifier(List.of(key.publicKey()))
                .verify(site.bytes(path + ".sig"), path, site.bytes(path), T0, NOW);
        assertTrue(verdict.ok(), path + ": " + verdict);
        assertEquals(T0, verdict.statement().generation(), "a new document gets the commit time");
        assertEquals(Expiry.of(NOW, SignedSiteFixture.VALIDITY), verdict.statement().expires());
      }
    }
    assertEquals(
        25,
        signed,
        "the 12 inline and 12 compact check documents of the seed (6 targets, by id and hostname)"
            + " and the manifest");
    assertTrue(documents.stream().anyMatch(p -> p.startsWith("prometheus/")));
  }

  @Test
  void anUnchangedRerenderWritesNothingAndANewCommitKeepsUnchangedSignatures() throws Exception {
    site.render(NOW, false, key);
    byte[] gpuSignature = site.bytes(GPU + ".sig");
    FileTime mtime = Files.getLastModifiedTime(site.out.resolve(GPU + ".sig"));
    byte[] manifestSignature = site.bytes("manifest.json.sig");

    RenderService.Published again = (RenderService.Published) site.render(NOW + DAY, false, key);
    assertFalse(
        again.result().swapped(), "nothing changed within the expiry window: nothing written");

    site.commit(T0 + 100); // a commit that changes no document
    site.render(NOW + DAY, false, key);
    assertArrayEquals(
        gpuSignature, site.bytes(GPU + ".sig"), "an unchanged document keeps its signature bytes");
    assertEquals(
        mtime, Files.getLastModifiedTime(site.out.resolve(GPU + ".sig")), "and its mtime (ETag)");
    assertEquals(T0, site.statement(GPU).generation());
    assertNotEquals(
        new String(manifestSignature, UTF_8),
        new String(site.bytes("manifest.json.sig"), UTF_8),
        "the manifest names the new commit, so it is signed anew");
    assertEquals(T0 + 100, site.statement("manifest.json").generation());
  }

  @Test
  void aChangedDocumentGetsANewerGenerationEvenWithinTheSameSecond() throws Exception {
    site.render(NOW, false, key);
    byte[] storageSignature = site.bytes(STORAGE + ".sig");

    site.editMountPoints("/mnt/datasets", "/mnt/dataset");
    site.commit(T0 + 50);
    site.render(NOW, false, key);
    assertEquals(
        T0 + 50, site.statement(GPU).generation(), "a changed document gets its commit's time");
    assertArrayEquals(storageSignature, site.bytes(STORAGE + ".sig"), "other targets keep theirs");

    site.editMountPoints("/mnt/dataset", "/mnt/data");
    site.commit(T0 + 50); // the same second: the counter keeps generations growing
    site.render(NOW, false, key);
    assertEquals(T0 + 51, site.statement(GPU).generation());
  }

  @Test
  void signaturesAreRenewedInTheNextExpiryWindowWithTheSameGeneration() throws Exception {
    site.render(NOW, false, key);
    long expires = site.statement(GPU).expires();
    long nextWindow = Expiry.of(NOW, SignedSiteFixture.VALIDITY) - SignedSiteFixture.VALIDITY / 2;

    site.render(nextWindow, false, key);
    assertEquals(expires + SignedSiteFixture.VALIDITY / 2, site.statement(GPU).expires());
    assertEquals(T0, site.statement(GPU).generation());
  }

  @Test
  void checkComparesSignatureFiles() throws Exception {
    site.render(NOW, false, key);
    RenderService.Checked upToDate = (RenderService.Checked) site.render(NOW, true, key);
    assertTrue(upToDate.diff().isEmpty(), upToDate.diff().toString());

    Path signature = site.out.resolve(GPU + ".sig");
    Files.writeString(signature, Files.readString(signature).replace("generation", "generation 1"));
    RenderService.Checked tampered = (RenderService.Checked) site.render(NOW, true, key);
    assertEquals(List.of(GPU + ".sig"), tampered.diff().changed());

    site.render(NOW, false, key);
    String genuine = Files.readString(signature);
    int value = genuine.lastIndexOf(' ') + 1;
    String forged =
        genuine.substring(0, value)
            + (genuine.charAt(value) == 'A' ? 'B' : 'A')
            + genuine.substring(value + 1);
    Files.writeString(signature, forged);
    RenderService.Checked forgedValue = (RenderService.Checked) site.render(NOW, true, key);
    assertEquals(
        List.of(GPU + ".sig"),
        forgedValue.diff().changed(),
        "a signature altered in place is reported");

    RenderService.Checked unsigned = (RenderService.Checked) site.render(NOW, true);
    assertEquals(25, unsigned.diff().removed().size(), unsigned.diff().toString());
    assertTrue(unsigned.diff().removed().stream().allMatch(p -> p.endsWith(".sig")));
  }

  @Test
  void twoKeysDuringARolloverEachVerifyAlone() throws Exception {
    SigningKey next = Keys.generate();
    site.render(NOW, false, key, next);
    SignatureFile file = SignatureFile.parse(site.bytes(GPU + ".sig"));
    assertEquals(
        List.of(key.keyId(), next.keyId()),
        file.signatures().stream().map(SignatureFile.Signed::keyId).toList());
    for (SigningKey only : List.of(key, next)) {
      assertTrue(
          new Verifier(List.of(only.publicKey()))
              .verify(site.bytes(GPU + ".sig"), GPU, site.bytes(GPU), 0, NOW)
              .ok());
    }
  }
}
