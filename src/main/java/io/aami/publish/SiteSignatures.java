package io.aami.publish;

import io.aami.digest.Sha256;
import io.aami.git.GitRevision;
import io.aami.render.RenderedFile;
import io.aami.trust.Expiry;
import io.aami.trust.SignatureFile;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Statement;
import io.aami.trust.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code <path>.sig} file beside every document a node acts on, and beside the manifest
 * (docs/SECURITY.md). A document's generation is kept from the signature already published for
 * it while its content is unchanged, so an unchanged document keeps its signature bytes; a changed
 * one gets the commit time, or one more than its previous generation if that is not older. The
 * expiry comes from {@link io.aami.trust.Expiry}. Reads one small file per signed document.
 */
public final class SiteSignatures {
  public static final String SUFFIX = ".sig";

  /**
   * The directories whose documents are signed, besides the manifest. Signing another kind of
   * document (e.g. compact {@code api/v2/checks/}) is adding its prefix here.
   */
  static final List<String> SIGNED_PREFIXES = List.of("api/v1/checks/target/");

  /** {@code now} in Unix seconds; {@code validitySeconds} at least 2. */
  public record Signing(Signer signer, long validitySeconds, long now) {}

  private SiteSignatures() {}

  public static boolean isSigned(String path) {
    if (path.equals(Manifest.PATH)) {
      return true;
    }
    for (String prefix : SIGNED_PREFIXES) {
      if (path.startsWith(prefix) && !path.endsWith(SUFFIX)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The generation of documents that changed in this render: the commit time of a clean commit,
   * else (a dirty work tree, no git) the current time.
   */
  static long baseGeneration(Optional<GitRevision> revision, long now) {
    return revision.filter(r -> r.commit() != null && !r.dirty() && r.commitTime() != null)
        .map(r -> r.commitTime().getEpochSecond()).orElse(now);
  }

  /** The signature files of the signed {@code files}, given the site now published at {@code out}. */
  static List<RenderedFile> sign(List<RenderedFile> files, Signing signing, long baseGeneration, Path out)
      throws IOException {
    long expires = Expiry.of(signing.now(), signing.validitySeconds());
    Verifier own = ownKeys(signing);
    List<RenderedFile> signatures = new ArrayList<>();
    for (RenderedFile file : files) {
      if (!isSigned(file.path())) {
        continue;
      }
      String sha256 = Sha256.hex(file.content());
      long generation = generation(previous(out, file.path(), own), sha256, baseGeneration);
      Statement statement = new Statement(file.path(), sha256, generation, expires);
      signatures.add(new RenderedFile(file.path() + SUFFIX, signing.signer().sign(statement).render()));
    }
    return signatures;
  }

  /**
   * Whether the signature published for {@code path} is one the signing keys made for
   * {@code content} and has not expired.
   */
  static boolean vouchesFor(Path out, String path, byte[] content, Signing signing) throws IOException {
    Optional<byte[]> published = published(out, path);
    return published.isPresent()
        && ownKeys(signing).verify(published.get(), path, content, 0, signing.now()).ok();
  }

  private static Verifier ownKeys(Signing signing) {
    return new Verifier(signing.signer().keys().stream().map(SigningKey::publicKey).toList());
  }

  private static long generation(Optional<Statement> previous, String sha256, long base) {
    if (previous.isEmpty()) {
      return base;
    }
    Statement before = previous.get();
    if (before.sha256().equals(sha256)) {
      return before.generation();
    }
    return Math.max(base, before.generation() + 1);
  }

  /**
   * The statement of the signature published for {@code path}, if one of the signing keys made it
   * and it names that path: whoever can write the output directory cannot lower or raise a
   * generation through it.
   */
  private static Optional<Statement> previous(Path out, String path, Verifier own) throws IOException {
    return published(out, path).flatMap(own::authentic).filter(s -> s.path().equals(path));
  }

  /** The bytes of the signature file published for {@code path}; a non-file or a huge one is none. */
  private static Optional<byte[]> published(Path out, String path) throws IOException {
    Path file = out.resolve(path + SUFFIX);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > SignatureFile.MAX_BYTES) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(file));
  }
}
