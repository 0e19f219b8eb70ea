package io.aami.publish;

import io.aami.concurrent.Background;
import io.aami.render.RenderedFile;
import io.aami.render.SiteSink;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Passes every file on, and for each signed one (documents a node acts on, the manifest) the
 * signature file beside it. Signing costs a millisecond or more per document, so signatures are
 * made on every core while the site streams on. They are passed on in document order, at most
 * {@link #PENDING} documents behind theirs (which bounds the bytes held), and all by {@link
 * #flush}.
 */
final class SigningSink implements SiteSink, AutoCloseable {
  static final int PENDING = 256;

  private final SiteSink delegate;
  private final SiteSignatures.Session session;
  private final Set<String> signatures = new HashSet<>();
  private final ArrayDeque<Future<RenderedFile>> pending = new ArrayDeque<>();
  private final ExecutorService signers;

  SigningSink(SiteSink delegate, SiteSignatures.Session session) {
    this.delegate = delegate;
    this.session = session;
    this.signers = Background.threads("aami-sign", Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void add(String path, Object sameContent, Supplier<byte[]> content) throws IOException {
    if (!SiteSignatures.isSigned(path)) {
      delegate.add(path, sameContent, content);
      return;
    }
    byte[] bytes = content.get();
    delegate.add(path, sameContent, () -> bytes);
    pending.addLast(signers.submit(() -> session.signatureOf(path, bytes)));
    while (pending.size() > PENDING) {
      passOn(pending.removeFirst());
    }
  }

  /** Passes on every signature still being made. */
  void flush() throws IOException {
    while (!pending.isEmpty()) {
      passOn(pending.removeFirst());
    }
  }

  /** {@code entries} without the signature files passed on so far. */
  List<Manifest.Entry> withoutSignatures(List<Manifest.Entry> entries) {
    return entries.stream().filter(e -> !signatures.contains(e.path())).toList();
  }

  @Override
  public void close() {
    signers.shutdownNow();
  }

  private void passOn(Future<RenderedFile> made) throws IOException {
    RenderedFile signature = Background.resultOf(made);
    signatures.add(signature.path());
    delegate.add(signature);
  }
}
