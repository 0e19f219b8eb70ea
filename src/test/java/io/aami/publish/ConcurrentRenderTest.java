package io.aami.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.digest.Sha256;
import io.aami.source.WorkTreeSource;
import io.aami.testing.FleetFixture;
import io.aami.trust.Keys;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render uses several threads (a second renderer thread, a hashing thread, a signing pool). On a
 * fleet large enough for them to interleave, the site must still be what one thread would write:
 * byte-identical from run to run, every manifest hash that of its own file, every signature valid
 * for its own document.
 */
class ConcurrentRenderTest {
  private static final long NOW = 1_790_000_000L;
  private static final long VALIDITY = 30L * 24 * 3600;

  @TempDir Path tmp;
  private final SigningKey key = Keys.generate();

  private Map<String, byte[]> render(Path repo, Path out) throws Exception {
    Optional<SiteSignatures.Signing> signing =
        Optional.of(new SiteSignatures.Signing(new Signer(List.of(key)), VALIDITY, NOW));
    assertInstanceOf(
        RenderService.Published.class,
        RenderService.standard()
            .render(
                new RenderService.Request(new WorkTreeSource(repo), repo, out, false, signing)));
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(out)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        files.put(out.relativize(file).toString(), Files.readAllBytes(file));
      }
    }
    return files;
  }

  @Test
  void aSignedRenderOnSeveralThreadsIsByteIdenticalAndEveryHashAndSignatureIsItsFilesOwn()
      throws Exception {
    Path repo = FleetFixture.write(tmp.resolve("repo"), 600, 60, 12);
    Map<String, byte[]> first = render(repo, tmp.resolve("first"));
    Map<String, byte[]> second = render(repo, tmp.resolve("second"));

    assertEquals(first.keySet(), second.keySet());
    List<String> different = new ArrayList<>();
    first.forEach(
        (path, bytes) -> {
          if (!java.util.Arrays.equals(bytes, second.get(path))) {
            different.add(path);
          }
        });
    assertEquals(List.of(), different, "files that differ between two renders of one repository");

    JsonNode manifest = new ObjectMapper().readTree(first.get("manifest.json"));
    int listed = 0;
    for (JsonNode entry : manifest.get("files")) {
      String path = entry.get("path").asText();
      assertEquals(Sha256.hex(first.get(path)), entry.get("sha256").asText(), path);
      assertEquals(first.get(path).length, entry.get("size").asLong(), path);
      listed++;
    }
    assertTrue(
        listed > 2_400, "the site has the compact and inline documents of 600 targets: " + listed);

    Verifier verifier = new Verifier(List.of(key.publicKey()));
    int signed = 0;
    for (Map.Entry<String, byte[]> file : first.entrySet()) {
      String path = file.getKey();
      if (path.endsWith(SiteSignatures.SUFFIX)) {
        String document = path.substring(0, path.length() - SiteSignatures.SUFFIX.length());
        Verifier.Verdict verdict =
            verifier.verify(file.getValue(), document, first.get(document), NOW, NOW);
        assertTrue(verdict.ok(), document + ": " + verdict);
        signed++;
      }
    }
    assertEquals(
        4 * 600 + 1, signed, "inline and compact documents by id and hostname, and the manifest");
  }
}
