package io.aami.publish;

import static io.aami.publish.SignedSiteFixture.GPU;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aami.cli.ExitCode;
import io.aami.digest.Sha256;
import io.aami.testing.Cli;
import io.aami.trust.Expiry;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generations are 64-bit commit times from git to the signature, the site generation and {@code
 * aami verify}; one that node agents could not compare is refused before anything is written,
 * whether it comes from the commit or from a previously published signature.
 */
class GenerationRangeTest {
  private static final SigningKey KEY = Keys.generate();

  @TempDir Path tmp;
  private SignedSiteFixture site;

  @BeforeEach
  void repository() throws Exception {
    site = new SignedSiteFixture(tmp);
  }

  @AfterEach
  void close() {
    site.close();
  }

  /** now: a day after the commit, so the signatures are valid at that time. */
  private RenderService.Outcome renderAt(long commitTime) throws Exception {
    return site.render(commitTime + SignedSiteFixture.DAY, false, KEY);
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        2_147_483_647L,
        2_147_483_648L,
        2_147_483_649L,
        4_294_967_295L,
        4_294_967_296L,
        32_503_680_000L,
        Statement.MAX_GENERATION - SignedSiteFixture.DAY
      })
  void commitsAfter2038GiveTheirOwnTimeAsGenerationEverywhere(long commitTime) throws Exception {
    site.commit(commitTime);
    assertInstanceOf(RenderService.Published.class, renderAt(commitTime));

    assertEquals(commitTime, site.statement(GPU).generation());
    assertEquals(commitTime, site.statement(Manifest.PATH).generation());
    assertEquals(
        commitTime,
        new ObjectMapper().readTree(site.bytes("api/v1/generation")).path("generation").asLong(),
        "the site generation the agent reads");
    SiteVerification.Report report =
        SiteVerification.verify(
            site.out, List.of(KEY.publicKey()), commitTime + SignedSiteFixture.DAY);
    assertTrue(report.ok(), report.findings().toString());
  }

  @Test
  void aLaterChangeAfter2038MovesTheGenerationToItsCommitTime() throws Exception {
    site.commit(2_147_483_000L);
    renderAt(2_147_483_000L);
    site.editMountPoints("/data", "/scratch");
    site.commit(4_294_967_296L);
    assertInstanceOf(RenderService.Published.class, renderAt(4_294_967_296L));
    assertEquals(4_294_967_296L, site.statement("api/v1/checks/target/gpu-node-01").generation());
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        Statement.MAX_GENERATION + 1,
        999_999_999_999L,
        31_556_889_864_403_199L,
        -1L,
        -2_147_483_649L
      })
  void aCommitTimeNodesCouldNotCompareIsRefusedAndNothingIsWritten(long commitTime)
      throws Exception {
    site.commitRaw(Long.toString(commitTime));
    UnpublishableGenerationException refused =
        assertThrows(
            UnpublishableGenerationException.class, () -> site.render(1_790_000_000L, false, KEY));
    assertTrue(refused.getMessage().contains("generation " + commitTime), refused.getMessage());
    assertFalse(Files.exists(site.out), "nothing is written");
  }

  @ParameterizedTest
  @ValueSource(longs = {Statement.MAX_GENERATION + 1, 4_102_444_800_000L})
  void aCommitTimeOutOfRangeIsARenderErrorWithoutSigningToo(long commitTime) throws Exception {
    site.commitRaw(Long.toString(commitTime));
    Cli run = Cli.run("render", "--repo", site.repo.toString(), "--out", site.out.toString());
    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(
        run.err().contains("aami: render refused: the commit time of ")
            && run.err()
                .contains(
                    "gives generation "
                        + commitTime
                        + ", outside the generations node agents"
                        + " compare (0 to 253402300799"),
        run.err());
    assertFalse(Files.exists(site.out));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "999999999999999999",
        "9223372036854775807",
        "9223372036854775808",
        "99999999999999999999"
      })
  void aCommitTimeBeyondAnyDateIsARenderErrorNotACrash(String commitTime) throws Exception {
    site.commitRaw(commitTime);
    Cli run = Cli.run("render", "--repo", site.repo.toString(), "--out", site.out.toString());
    assertEquals(ExitCode.FAILED, run.exitCode(), run.err());
    assertTrue(run.err().startsWith("aami: render refused: the commit time of "), run.err());
    assertFalse(Files.exists(site.out));
  }

  /** A signature by render's own key (say, from a compromised or buggy earlier render). */
  private void publishSignature(String path, long generation) throws Exception {
    long expires = Expiry.of(1_790_000_000L + SignedSiteFixture.DAY, SignedSiteFixture.VALIDITY);
    Statement claim = new Statement(path, Sha256.hex(site.bytes(path)), generation, expires);
    Files.write(
        site.out.resolve(path + SiteSignatures.SUFFIX),
        new Signer(List.of(KEY)).sign(claim).render());
  }

  @ParameterizedTest
  @ValueSource(
      longs = {999_999_999_999_999_999L, Statement.MAX_GENERATION + 1, 100_000_000_000_000L})
  void aPreviousSignatureClaimingAnIncomparableGenerationIsNotCarriedForward(long claimed)
      throws Exception {
    site.commit(1_790_000_000L);
    renderAt(1_790_000_000L);
    publishSignature(GPU, claimed);
    byte[] planted = site.bytes(GPU + ".sig");

    UnpublishableGenerationException unchanged =
        assertThrows(UnpublishableGenerationException.class, () -> renderAt(1_790_000_000L));
    assertTrue(
        unchanged.getMessage().contains(GPU + ".sig gives generation " + claimed),
        unchanged.getMessage());

    site.editMountPoints("/data", "/scratch");
    site.commit(1_790_000_100L);
    assertThrows(UnpublishableGenerationException.class, () -> renderAt(1_790_000_100L));
    assertArrayEquals(planted, site.bytes(GPU + ".sig"), "the site is left as it was");
  }

  @Test
  void theLargestGenerationIsKeptWhileUnchangedButNeverIncremented() throws Exception {
    site.commit(1_790_000_000L);
    renderAt(1_790_000_000L);
    publishSignature(GPU, Statement.MAX_GENERATION);
    site.commit(1_790_000_050L);
    assertInstanceOf(RenderService.Published.class, renderAt(1_790_000_050L));
    assertEquals(Statement.MAX_GENERATION, site.statement(GPU).generation(), "unchanged: kept");

    site.editMountPoints("/data", "/scratch");
    site.commit(1_790_000_100L);
    UnpublishableGenerationException changed =
        assertThrows(UnpublishableGenerationException.class, () -> renderAt(1_790_000_100L));
    assertTrue(
        changed.getMessage().contains("one more than the generation published at " + GPU + ".sig"),
        changed.getMessage());
  }
}
