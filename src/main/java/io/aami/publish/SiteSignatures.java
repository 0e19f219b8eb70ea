package io.aami.publish;

import io.aami.digest.Sha256;
import io.aami.git.GitRevision;
import io.aami.render.RenderedFile;
import io.aami.trust.Expiry;
import io.aami.trust.MalformedSignatureException;
import io.aami.trust.SignatureFile;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Statement;
import io.aami.trust.Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code <path>.sig} file beside every document a node acts on, and beside the manifest
 * (docs/SECURITY.md). A document's generation is kept from the signature already published for it
 * while its content is unchanged, so an unchanged document keeps its signature bytes; a changed one
 * gets the commit time, or one more than its previous generation if that is not older. The expiry
 * comes from {@link io.aami.trust.Expiry}. Reads one small file per signed document.
 */
public final class SiteSignatures {
  public static final String SUFFIX = ".sig";

  /**
   * The directories whose documents are signed, besides the manifest: the full check documents of a
   * target and the compact {@code api/v2/checks/} ones. Signing another kind of document is adding
   * its prefix here.
   */
  static final List<String> SIGNED_PREFIXES = List.of("api/v1/checks/target/", "api/v2/checks/");

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
    return revision
        .filter(r -> r.commit() != null && !r.dirty() && r.commitTime() != null)
        .map(r -> r.commitTime().getEpochSecond())
        .orElse(now);
  }

  /**
   * The signature files of the signed {@code files}, given the site now published at {@code out}.
   * Signing is the costly part (a millisecond or more per document), so it runs on every core, and
   * with {@code reusePublished} a published signature file whose statement (path, digest, expiry)
   * and key ids are exactly what would be signed now is kept as it is, without any cryptography:
   * Ed25519 is deterministic, so signing again would give the same bytes. That is the steady state
   * of an unchanged document. {@code render --check} passes false and re-signs, so that a signature
   * file altered in place is reported.
   */
  static List<RenderedFile> sign(
      List<RenderedFile> files,
      Signing signing,
      long baseGeneration,
      Path out,
      boolean reusePublished)
      throws IOException {
    Session session = new Session(signing, baseGeneration, out, reusePublished);
    try {
      return files.parallelStream()
          .filter(f -> isSigned(f.path()))
          .map(f -> session.signature(f.path(), f.content()))
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Signs documents one at a time as a site streams past (see {@link #sign} for what is reused):
   * {@link #signatureOf} gives the signature file of one signed document.
   */
  static final class Session {
    private final Signing signing;
    private final Verifier own;
    private final List<String> keyIds;
    private final long baseGeneration;
    private final long expires;
    private final Path out;
    private final boolean reusePublished;

    Session(Signing signing, long baseGeneration, Path out, boolean reusePublished) {
      this.signing = signing;
      this.own = ownKeys(signing);
      this.keyIds = signing.signer().keys().stream().map(SigningKey::keyId).toList();
      this.baseGeneration = baseGeneration;
      this.expires = Expiry.of(signing.now(), signing.validitySeconds());
      this.out = out;
      this.reusePublished = reusePublished;
    }

    RenderedFile signatureOf(String path, byte[] content) throws IOException {
      try {
        return signature(path, content);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    /** As {@link #signatureOf}, with an I/O failure unchecked (for a parallel stream). */
    private RenderedFile signature(String path, byte[] content) {
      String sha256 = Sha256.hex(content);
      Optional<byte[]> published;
      try {
        published = published(out, path);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Optional<SignatureFile> before =
          published.flatMap(SiteSignatures::parse).filter(f -> f.statement().path().equals(path));
      if (reusePublished
          && before.isPresent()
          && Statement.publishable(before.get().statement().generation())) {
        Statement statement = before.get().statement();
        List<String> signedBy =
            before.get().signatures().stream().map(SignatureFile.Signed::keyId).toList();
        if (statement.sha256().equals(sha256)
            && statement.expires() == expires
            && signedBy.equals(keyIds)) {
          return new RenderedFile(path + SUFFIX, published.get());
        }
      }
      // Only a generation that one of the signing keys vouched for may carry over: whoever can
      // write
      // the output directory cannot lower or raise a generation through it.
      Optional<Statement> previous =
          published.flatMap(own::authentic).filter(s -> s.path().equals(path));
      long generation;
      try {
        generation = generation(path, previous, sha256, baseGeneration);
      } catch (UnpublishableGenerationException e) {
        throw new UncheckedIOException(e);
      }
      Statement statement = new Statement(path, sha256, generation, expires);
      return new RenderedFile(path + SUFFIX, signing.signer().sign(statement).render());
    }
  }

  private static Optional<SignatureFile> parse(byte[] content) {
    try {
      return Optional.of(SignatureFile.parse(content));
    } catch (MalformedSignatureException unusable) {
      return Optional.empty();
    }
  }

  /**
   * Whether the signature published for {@code path} is one the signing keys made for {@code
   * content} and has not expired.
   */
  static boolean vouchesFor(Path out, String path, byte[] content, Signing signing)
      throws IOException {
    Optional<byte[]> published = published(out, path);
    return published.isPresent()
        && ownKeys(signing).verify(published.get(), path, content, 0, signing.now()).ok();
  }

  private static Verifier ownKeys(Signing signing) {
    return new Verifier(signing.signer().keys().stream().map(SigningKey::publicKey).toList());
  }

  /**
   * Refuses rather than carries forward a previous generation nodes could not compare (a signature
   * claiming 999999999999999999 would make the next change 10^18, which no agent reads), and checks
   * the result too: it is one more than the previous generation when that is not older.
   */
  private static long generation(
      String path, Optional<Statement> previous, String sha256, long base)
      throws UnpublishableGenerationException {
    UnpublishableGenerationException.require(base, "the commit time");
    if (previous.isEmpty()) {
      return base;
    }
    Statement before = previous.get();
    UnpublishableGenerationException.require(
        before.generation(), "the signature published at " + path + SUFFIX);
    long generation =
        before.sha256().equals(sha256)
            ? before.generation()
            : Math.max(base, before.generation() + 1);
    UnpublishableGenerationException.require(
        generation, "one more than the generation published at " + path + SUFFIX);
    return generation;
  }

  /**
   * The bytes of the signature file published for {@code path}; a non-file or a huge one is none.
   */
  private static Optional<byte[]> published(Path out, String path) throws IOException {
    Path file = out.resolve(path + SUFFIX);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
        || Files.size(file) > SignatureFile.MAX_BYTES) {
      return Optional.empty();
    }
    return Optional.of(Files.readAllBytes(file));
  }
}
