package io.aami.publish;

import io.aami.source.WorkTreeSource;
import io.aami.testing.Golden;
import io.aami.testing.Trees;
import io.aami.trust.SignatureFile;
import io.aami.trust.Signer;
import io.aami.trust.SigningKey;
import io.aami.trust.Statement;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The seed repository as a git repository whose commits have chosen times, rendered with
 * signatures.
 */
final class SignedSiteFixture implements AutoCloseable {
  static final long DAY = 86_400;
  static final long VALIDITY = 30 * DAY;
  static final String GPU = "api/v1/checks/target/gpu-node-01";
  static final String STORAGE = "api/v1/checks/target/storage-node-01";

  final Path repo;
  final Path out;
  private final Git git;

  SignedSiteFixture(Path tmp) throws Exception {
    repo = tmp.resolve("repo");
    out = tmp.resolve("public");
    Trees.copy(Golden.projectDir().resolve("src/test/resources/golden/checks/seed/input"), repo);
    git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call();
  }

  void commit(long epochSeconds) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who =
        new PersonIdent(
            "Tester", "t@example.com", Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    git.commit()
        .setMessage("at " + epochSeconds)
        .setAuthor(who)
        .setCommitter(who)
        .setSign(false)
        .setAllowEmpty(true)
        .call();
  }

  /**
   * A commit whose committer line says {@code epochSeconds} as written, even where no Instant
   * reaches (git stores the time as text): a commit made with jgit, its time rewritten in the
   * bytes.
   */
  void commitRaw(String epochSeconds) throws Exception {
    commit(1_790_000_000L);
    Repository repository = git.getRepository();
    ObjectId head = repository.resolve("HEAD");
    byte[] raw;
    try (ObjectReader reader = repository.newObjectReader()) {
      raw = reader.open(head).getBytes();
    }
    String text =
        new String(raw, StandardCharsets.UTF_8)
            .replace("> 1790000000 +0000", "> " + epochSeconds + " +0000");
    ObjectId rewritten;
    try (ObjectInserter inserter = repository.newObjectInserter()) {
      rewritten = inserter.insert(Constants.OBJ_COMMIT, text.getBytes(StandardCharsets.UTF_8));
      inserter.flush();
    }
    RefUpdate update = repository.updateRef("refs/heads/main");
    update.setNewObjectId(rewritten);
    update.setForceUpdate(true);
    update.update();
  }

  /** Changes the gpu-cluster group's mount points, so the gpu targets' documents change. */
  void editMountPoints(String from, String to) throws Exception {
    Path policy = repo.resolve("policies/mount-points.yaml");
    Files.writeString(policy, Files.readString(policy).replace(from, to));
  }

  RenderService.Outcome render(long now, boolean checkOnly, SigningKey... keys) throws Exception {
    Optional<SiteSignatures.Signing> signing =
        keys.length == 0
            ? Optional.empty()
            : Optional.of(new SiteSignatures.Signing(new Signer(List.of(keys)), VALIDITY, now));
    return RenderService.standard()
        .render(new RenderService.Request(new WorkTreeSource(repo), repo, out, checkOnly, signing));
  }

  byte[] bytes(String path) throws Exception {
    return Files.readAllBytes(out.resolve(path));
  }

  Statement statement(String path) throws Exception {
    return SignatureFile.parse(bytes(path + SiteSignatures.SUFFIX)).statement();
  }

  @Override
  public void close() {
    git.close();
  }
}
