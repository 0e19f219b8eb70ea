package io.aami.publish;

import com.fasterxml.jackson.databind.JsonNode;
import io.aami.digest.Sha256;
import io.aami.json.Json;
import io.aami.render.checks.CheckApiRenderer;
import io.aami.schema.SchemaValidator;
import io.aami.trust.SignatureFile;
import io.aami.trust.Verifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What {@code aami verify} decides about a rendered or downloaded site, offline: every signed
 * document and the manifest carry a valid, unexpired signature by one of the keys for their own
 * path and content, and the documents are those the signed manifest lists (so an older, validly
 * signed document put back into a newer site is caught by its digest), and every script under
 * {@code api/v1/scripts/sha256/} has the SHA-256 it is named by. Reads each file once, and no more
 * of it than an agent would ({@code too_large} otherwise); a FIFO, device, socket or symlink in the
 * site is reported ({@code not_a_file}), never opened.
 */
public final class SiteVerification {
  /**
   * {@code reason} is one of the agent's reasons, or {@code manifest_mismatch}, {@code
   * orphan_signature}, {@code not_a_file}, {@code too_large}, {@code script_mismatch}.
   */
  public record Finding(String path, String reason, String detail) {}

  public record Report(int verified, List<Finding> findings) {
    public boolean ok() {
      return findings.isEmpty();
    }
  }

  /** Reasons of {@code aami verify} beyond the agent's. */
  static final String NOT_A_FILE = "not_a_file";

  static final String TOO_LARGE = "too_large";
  static final String SCRIPT_MISMATCH = "script_mismatch";

  /** The largest manifest verify reads: some 450,000 published files. */
  static final long MANIFEST_MAX_BYTES = 64L * 1024 * 1024;

  private static final Pattern SCRIPT_NAME = Pattern.compile("[0-9a-f]{64}");

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
    long documentMaxBytes = SchemaValidator.load().publishedLimits().documentMaxBytes();
    List<Finding> findings = new ArrayList<>();
    Map<String, String> digests = new HashMap<>();
    int verified = 0;
    TreeSet<String> paths = new TreeSet<>();
    site.paths().forEach(paths::add);
    for (String path : paths) {
      if (!site.isRegularFile(path)) {
        // Opening a FIFO blocks, a device never ends: render publishes only regular files.
        findings.add(
            new Finding(
                path,
                NOT_A_FILE,
                "a symlink, FIFO, socket or device, not a regular file;"
                    + " aami publishes only regular files and did not read it"));
        continue;
      }
      if (path.endsWith(SiteSignatures.SUFFIX)) {
        String document = path.substring(0, path.length() - SiteSignatures.SUFFIX.length());
        if (!paths.contains(document)) {
          findings.add(
              new Finding(path, "orphan_signature", "no document " + document + " beside it"));
        }
        continue;
      }
      if (path.startsWith(CheckApiRenderer.SCRIPTS)) {
        verifyScript(site, path, findings).ifPresent(hash -> digests.put(path, hash));
        continue;
      }
      if (!SiteSignatures.isSigned(path)) {
        continue;
      }
      long limit = path.equals(Manifest.PATH) ? MANIFEST_MAX_BYTES : documentMaxBytes;
      Optional<byte[]> read = readAtMost(site.file(path), limit);
      if (read.isEmpty()) {
        findings.add(
            new Finding(
                path,
                TOO_LARGE,
                "larger than "
                    + limit
                    + " bytes"
                    + (limit == documentMaxBytes ? ", the most a node agent accepts" : "")
                    + "; not read"));
        continue;
      }
      byte[] content = read.get();
      digests.put(path, Sha256.hex(content));
      String signature = path + SiteSignatures.SUFFIX;
      if (!site.contains(signature)) {
        findings.add(new Finding(path, Verifier.Failure.MISSING.reason(), "no " + signature));
        continue;
      }
      if (!site.isRegularFile(signature)) {
        continue; // reported as not_a_file
      }
      Optional<byte[]> signatureBytes = readAtMost(site.file(signature), SignatureFile.MAX_BYTES);
      if (signatureBytes.isEmpty()) {
        findings.add(
            new Finding(
                path,
                Verifier.Failure.MALFORMED.reason(),
                signature + " is larger than " + SignatureFile.MAX_BYTES + " bytes"));
        continue;
      }
      Verifier.Verdict verdict = verifier.verify(signatureBytes.get(), path, content, 0, now);
      if (verdict.ok()) {
        verified++;
      } else {
        findings.add(new Finding(path, verdict.failure().reason(), verdict.detail()));
      }
    }
    if (digests.containsKey(Manifest.PATH)) {
      findings.addAll(
          againstManifest(
              readAtMost(site.file(Manifest.PATH), MANIFEST_MAX_BYTES).orElseThrow(), digests));
    } else if (!site.contains(Manifest.PATH)) {
      findings.add(
          new Finding(
              Manifest.PATH, Verifier.Failure.MISSING.reason(), "the site has no manifest"));
    }
    findings.sort(Comparator.comparing(Finding::path).thenComparing(Finding::reason));
    return new Report(verified, List.copyOf(findings));
  }

  /**
   * A script must be a file whose SHA-256 is its name (agents fetch it by that hash, and refuse it
   * otherwise); the hash of a good one, for the comparison with the manifest.
   */
  private static Optional<String> verifyScript(
      CurrentSite site, String path, List<Finding> findings) throws IOException {
    String name = path.substring(CheckApiRenderer.SCRIPTS.length());
    if (!SCRIPT_NAME.matcher(name).matches()) {
      findings.add(
          new Finding(path, SCRIPT_MISMATCH, "not named by a SHA-256 (64 lowercase hex digits)"));
      return Optional.empty();
    }
    long limit = SchemaValidator.load().publishedLimits().documentMaxBytes();
    Optional<byte[]> content = readAtMost(site.file(path), limit);
    if (content.isEmpty()) {
      findings.add(
          new Finding(
              path,
              TOO_LARGE,
              "larger than " + limit + " bytes, the most a node agent accepts;" + " not read"));
      return Optional.empty();
    }
    String hash = Sha256.hex(content.get());
    if (!hash.equals(name)) {
      findings.add(
          new Finding(
              path, SCRIPT_MISMATCH, "its content has SHA-256 " + hash + "; nodes refuse it"));
      return Optional.empty();
    }
    return Optional.of(hash);
  }

  /**
   * At most {@code limit} bytes of a regular file, empty when it is larger; the type is checked
   * again right before opening, without following a symlink.
   */
  private static Optional<byte[]> readAtMost(Path file, long limit) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isRegularFile()) {
      throw new FileSystemException(file.toString(), null, "not a regular file");
    }
    if (attributes.size() > limit) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
      return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
    }
  }

  /**
   * Signed documents that the manifest does not list with their digest, and listed ones missing.
   */
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
        findings.add(
            new Finding(
                path,
                "manifest_mismatch",
                "sha256 " + document.getValue() + ", the manifest lists " + expected));
      }
    }
    for (String path : listed.keySet()) {
      if ((SiteSignatures.isSigned(path) || path.startsWith(CheckApiRenderer.SCRIPTS))
          && !digests.containsKey(path)) {
        findings.add(new Finding(path, "manifest_mismatch", "listed in the manifest but missing"));
      }
    }
    return findings;
  }
}
