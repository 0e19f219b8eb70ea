package io.aami.publish;

import static io.aami.publish.SignedSiteFixture.GPU;
import static io.aami.publish.SignedSiteFixture.STORAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.digest.Sha256;
import io.aami.trust.Keys;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code aami verify} finds in a rendered site after each attack of docs/SECURITY.md. */
class SiteVerificationTest {
  private static final long T0 = 1_790_000_000L;
  private static final long NOW = T0 + 3_600;

  @TempDir Path tmp;
  private SignedSiteFixture site;
  private final SigningKey key = Keys.generate();

  @BeforeEach
  void renderSignedSite() throws Exception {
    site = new SignedSiteFixture(tmp);
    site.commit(T0);
    site.render(NOW, false, key);
  }

  @AfterEach
  void close() {
    site.close();
  }

  private List<String> findings() throws Exception {
    return SiteVerification.verify(site.out, List.of(key.publicKey()), NOW).findings().stream()
        .map(f -> f.path() + " " + f.reason()).toList();
  }

  /** Replaces the file, as an attacker's upload would: render hard-links files of equal content. */
  private void write(String path, byte[] content) throws Exception {
    Files.deleteIfExists(site.out.resolve(path));
    Files.write(site.out.resolve(path), content);
  }

  private byte[] signature(SigningKey by, String path, byte[] document, long generation, long expires) {
    return new Signer(List.of(by)).sign(new Statement(path, Sha256.hex(document), generation, expires)).render();
  }

  @Test
  void theRenderedSiteVerifies() throws Exception {
    SiteVerification.Report report = SiteVerification.verify(site.out, List.of(key.publicKey()), NOW);
    assertEquals(List.of(), report.findings());
    assertEquals(25, report.verified()); // the inline and the compact check documents, and the manifest
  }

  @Test
  void oneByteChanged() throws Exception {
    byte[] document = site.bytes(GPU);
    document[document.length / 2] ^= 0x01;
    write(GPU, document);
    assertEquals(List.of(GPU + " digest_mismatch", GPU + " manifest_mismatch"), findings());
  }

  @Test
  void unknownKey() throws Exception {
    write(GPU + ".sig", signature(Keys.generate(), GPU, site.bytes(GPU), T0 + 1, NOW + 1000));
    assertEquals(List.of(GPU + " unknown_key"), findings());
  }

  @Test
  void anotherTargetsListAtThisPath() throws Exception {
    write(GPU, site.bytes(STORAGE));
    write(GPU + ".sig", site.bytes(STORAGE + ".sig"));
    assertEquals(List.of(GPU + " manifest_mismatch", GPU + " wrong_path"), findings());
  }

  @Test
  void anOlderGenerationPutBack() throws Exception {
    byte[] oldDocument = site.bytes(GPU);
    byte[] oldSignature = site.bytes(GPU + ".sig");
    site.editMountPoints("/mnt/datasets", "/mnt/dataset");
    site.commit(T0 + 60);
    site.render(NOW, false, key);
    write(GPU, oldDocument);
    write(GPU + ".sig", oldSignature);
    assertEquals(List.of(GPU + " manifest_mismatch"), findings(),
        "validly signed, but not the document the signed manifest lists");
  }

  @Test
  void expired() throws Exception {
    write(GPU + ".sig", signature(key, GPU, site.bytes(GPU), T0, NOW - 1));
    assertEquals(List.of(GPU + " expired"), findings());
  }

  @Test
  void signatureRemoved() throws Exception {
    Files.delete(site.out.resolve(GPU + ".sig"));
    assertEquals(List.of(GPU + " missing"), findings());
  }

  @Test
  void signatureOfAnotherDocumentForThisPath() throws Exception {
    write(GPU + ".sig", signature(key, GPU, site.bytes(STORAGE), T0, NOW + 1000));
    assertEquals(List.of(GPU + " digest_mismatch"), findings());
  }

  @Test
  void aSignatureWithoutItsDocument() throws Exception {
    Files.delete(site.out.resolve(GPU));
    List<String> findings = findings();
    assertTrue(findings.contains(GPU + ".sig orphan_signature"), findings.toString());
    assertTrue(findings.contains(GPU + " manifest_mismatch"), findings.toString());
  }
}
