package io.aami.publish;

import io.aami.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.aami.digest.Sha256;
import io.aami.trust.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What {@code aami verify} decides about a rendered or downloaded site, offline: every signed
 * document and the manifest carry a valid, unexpired signature by one of the keys for their own
 * path and content, and the documents are those the signed manifest lists (so an older, validly
 * signed document put back into a newer site is caught by its digest). Reads each file once.
 */
public final class SiteVerification {
  /** {@code reason} is one of the agent's reasons, or {@code manifest_mismatch}, {@code orphan_signature}. */
  public record Finding(String path, String reason, String detail) {}

  public record Report(int verified, List<Finding> findings) {
    public boolean ok() {
      return findings.isEmpty();
    }
  }

  private SiteVerification() {}

  /**
   * Verifies the site in {@code dir} against the keys.
   *
   * @param now Unix seconds
   */
  public static Report verify(Path dir, List<PublicKey> keys, long now) throws IOException {
    CurrentSite site = CurrentSite.read(dir);
    if (!site.exists()) {
      throw new NoSuchFileException(dir.toString(), null, "no such directory");
    }
    Verifier verifier = new Verifier(keys);
    List<Finding> findings = new ArrayList<>();
    Map<String, String> digests = new HashMap<>();
    int verified = 0;
    TreeSet<String> paths = new TreeSet<>();
    site.paths().forEach(paths::add);
    for (String path : paths) {
      if (path.endsWith(SiteSignatures.SUFFIX)) {
        String document = path.substring(0, path.length() - SiteSignatures.SUFFIX.length());
        if (!paths.contains(document)) {
          findings.add(new Finding(path, "orphan_signature", "no document " + document + " beside it"));
        }
        continue;
      }
      if (!SiteSignatures.isSigned(path)) {
        continue;
      }
      byte[] content = Files.readAllBytes(site.file(path));
      digests.put(path, Sha256.hex(content));
      String signature = path + SiteSignatures.SUFFIX;
      if (!site.isRegularFile(signature)) {
        findings.add(new Finding(path, Verifier.Failure.MISSING.reason(), "no " + signature));
        continue;
      }
      Verifier.Verdict verdict = verifier.verify(Files.readAllBytes(site.file(signature)), path, content, 0, now);
      if (verdict.ok()) {
        verified++;
      } else {
        findings.add(new Finding(path, verdict.failure().reason(), verdict.detail()));
      }
    }
    if (digests.containsKey(Manifest.PATH)) {
      findings.addAll(againstManifest(Files.readAllBytes(site.file(Manifest.PATH)), digests));
    } else {
      findings.add(new Finding(Manifest.PATH, Verifier.Failure.MISSING.reason(), "the site has no manifest"));
    }
    findings.sort(Comparator.comparing(Finding::path).thenComparing(Finding::reason));
    return new Report(verified, List.copyOf(findings));
  }

  /** Signed documents that the manifest does not list with their digest, and listed ones missing. */
  private static List<Finding> againstManifest(byte[] manifest, Map<String, String> digests) {
    List<Finding> findings = new ArrayList<>();
    Map<String, String> listed = new HashMap<>();
    try {
      JsonNode files = Json.MAPPER.readTree(manifest).path("files");
      for (JsonNode entry : files) {
        listed.put(entry.path("path").asText(), entry.path("sha256").asText());
      }
    } catch (IOException notJson) {
      findings.add(new Finding(Manifest.PATH, "manifest_mismatch", "the manifest is not JSON"));
      return findings;
    }
    for (Map.Entry<String, String> document : digests.entrySet()) {
      String path = document.getKey();
      if (path.equals(Manifest.PATH)) {
        continue;
      }
      String expected = listed.get(path);
      if (expected == null) {
        findings.add(new Finding(path, "manifest_mismatch", "not listed in the manifest"));
      } else if (!expected.equals(document.getValue())) {
        findings.add(new Finding(path, "manifest_mismatch",
            "sha256 " + document.getValue() + ", the manifest lists " + expected));
      }
    }
    for (String path : listed.keySet()) {
      if (SiteSignatures.isSigned(path) && !digests.containsKey(path)) {
        findings.add(new Finding(path, "manifest_mismatch", "listed in the manifest but missing"));
      }
    }
    return findings;
  }
}
