package io.aami.publish;

import static io.aami.publish.SignedSiteFixture.GPU;
import static io.aami.publish.SignedSiteFixture.STORAGE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.digest.Sha256;
import io.aami.render.checks.CheckApiRenderer;
import io.aami.trust.Keys;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Statement;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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
        .map(f -> f.path() + " " + f.reason())
        .toList();
  }

  /** Replaces the file, as an attacker's upload would: render hard-links files of equal content. */
  private void write(String path, byte[] content) throws Exception {
    Files.deleteIfExists(site.out.resolve(path));
    Files.write(site.out.resolve(path), content);
  }

  private byte[] signature(
      SigningKey by, String path, byte[] document, long generation, long expires) {
    return new Signer(List.of(by))
        .sign(new Statement(path, Sha256.hex(document), generation, expires))
        .render();
  }

  @Test
  void theRenderedSiteVerifies() throws Exception {
    SiteVerification.Report report =
        SiteVerification.verify(site.out, List.of(key.publicKey()), NOW);
    assertEquals(List.of(), report.findings());
    assertEquals(
        25, report.verified()); // the inline and the compact check documents, and the manifest
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
    assertEquals(
        List.of(GPU + " manifest_mismatch"),
        findings(),
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

  private String aScript() throws Exception {
    try (Stream<Path> scripts = Files.list(site.out.resolve(CheckApiRenderer.SCRIPTS))) {
      return CheckApiRenderer.SCRIPTS
          + scripts.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
    }
  }

  private void fifoAt(String path) throws Exception {
    Files.delete(site.out.resolve(path));
    Process mkfifo = new ProcessBuilder("mkfifo", site.out.resolve(path).toString()).start();
    assertEquals(0, mkfifo.waitFor());
  }

  private List<String> findingsWithin10Seconds() {
    return assertTimeoutPreemptively(
        Duration.ofSeconds(10), this::findings, "verify must not block");
  }

  @Test
  void fifosInPlaceOfADocumentASignatureTheManifestOrAScriptAreReportedNeverOpened()
      throws Exception {
    String script = aScript();
    for (String path : List.of(GPU, STORAGE + ".sig", "manifest.json", script)) {
      fifoAt(path);
    }
    List<String> findings = findingsWithin10Seconds();
    for (String path : List.of(GPU, STORAGE + ".sig", "manifest.json", script)) {
      assertTrue(findings.contains(path + " not_a_file"), path + ": " + findings);
    }
  }

  @Test
  void symlinksInTheSiteAreReportedNotFollowed() throws Exception {
    Files.delete(site.out.resolve(GPU));
    Files.createSymbolicLink(site.out.resolve(GPU), Path.of("/dev/zero"));
    Files.delete(site.out.resolve(STORAGE));
    Files.createSymbolicLink(
        site.out.resolve(STORAGE), site.out.resolve("api/v1/checks/target/gpu-node-02"));
    List<String> findings = findingsWithin10Seconds();
    assertTrue(
        findings.contains(GPU + " not_a_file") && findings.contains(STORAGE + " not_a_file"),
        findings.toString());
  }

  @Test
  void oversizeFilesAreReportedWithoutBeingRead() throws Exception {
    String script = aScript();
    for (String path : List.of(GPU, "api/v2/checks/target/gpu-node-01", script)) {
      Files.delete(site.out.resolve(path));
      try (RandomAccessFile sparse = new RandomAccessFile(site.out.resolve(path).toFile(), "rw")) {
        sparse.setLength(200L * 1024 * 1024); // 200 MB that take no disk
      }
    }
    write(STORAGE + ".sig", new byte[5_000]);
    List<String> findings = findingsWithin10Seconds();
    for (String path : List.of(GPU, "api/v2/checks/target/gpu-node-01", script)) {
      assertTrue(findings.contains(path + " too_large"), path + ": " + findings);
    }
    assertTrue(findings.contains(STORAGE + " malformed"), findings.toString());
  }

  @Test
  void everyScriptIsCheckedAgainstItsName() throws Exception {
    List<String> scripts;
    try (Stream<Path> list = Files.list(site.out.resolve(CheckApiRenderer.SCRIPTS))) {
      scripts = list.map(p -> CheckApiRenderer.SCRIPTS + p.getFileName()).sorted().toList();
    }
    assertTrue(scripts.size() >= 2, scripts.toString());
    byte[] original = site.bytes(scripts.get(0));
    byte[] tampered = original.clone();
    tampered[tampered.length - 2] ^= 1;
    write(scripts.get(0), tampered);
    Files.delete(site.out.resolve(scripts.get(1)));
    write(CheckApiRenderer.SCRIPTS + "not-a-hash", "echo hi\n".getBytes(StandardCharsets.UTF_8));
    List<String> findings = findings();
    assertTrue(findings.contains(scripts.get(0) + " script_mismatch"), findings.toString());
    assertTrue(
        findings.contains(scripts.get(1) + " manifest_mismatch"), "a deleted script: " + findings);
    assertTrue(
        findings.contains(CheckApiRenderer.SCRIPTS + "not-a-hash script_mismatch"),
        findings.toString());

    write(scripts.get(0), original);
    assertTrue(
        findings().stream().noneMatch(f -> f.startsWith(scripts.get(0) + " ")),
        "restored: verified again");
  }
}
