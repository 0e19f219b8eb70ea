package io.aami.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example of docs/SECURITY.md: its key and signature file are what Java writes and
 * accepts, and its by-hand openssl recipe, run exactly as documented, verifies it (and fails on a
 * changed statement).
 */
class SignatureRecipeTest {
  private static final Path DOC = Tools.projectDir().resolve("docs/SECURITY.md");
  private static final String KEY_FILE = "aami-b498b99d710e6953.public.pem";
  private static final byte[] DOCUMENT = "[]\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private static String block(String info, String containing) throws Exception {
    Matcher m =
        Pattern.compile("```" + info + "\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
    while (m.find()) {
      if (m.group(1).contains(containing)) {
        return m.group(1);
      }
    }
    throw new AssertionError(
        "docs/SECURITY.md has no ```" + info + " block containing " + containing);
  }

  @Test
  void theWorkedExampleIsWhatJavaSignsAndAccepts() throws Exception {
    String signature = block("text", Statement.HEADER);
    SignatureFile parsed = SignatureFile.parse(signature.getBytes(StandardCharsets.US_ASCII));
    assertEquals(signature, new String(parsed.render(), StandardCharsets.US_ASCII));
    var key = Keys.readPublicKey(block("pem", "PUBLIC KEY"), "docs/SECURITY.md");
    assertEquals("aami-" + Keys.keyId(key) + ".public.pem", KEY_FILE);
    Verifier.Verdict verdict =
        new Verifier(List.of(key))
            .verify(
                signature.getBytes(StandardCharsets.US_ASCII),
                "api/v1/checks/target/spare-01",
                DOCUMENT,
                0,
                0);
    assertTrue(verdict.ok(), verdict::toString);
  }

  @Test
  void theDocumentedOpensslRecipeVerifiesTheExample() throws Exception {
    Tools.assumeOnPath("bash", "openssl", "base64", "sha256sum");
    String signature = block("text", Statement.HEADER);
    ProcessResult result = recipe(signature);
    assertEquals(0, result.exitCode(), result::toString);
    assertTrue(result.stdout().contains("Signature Verified Successfully"), result::toString);
    assertTrue(
        result.stdout().contains("b498b99d710e6953\n"), "the recipe prints the key id: " + result);
    assertTrue(
        result.stdout().contains(io.aami.digest.Sha256.hex(DOCUMENT) + "  spare-01"),
        result::toString);
    assertTrue(result.stdout().contains("api/v1/checks/target/spare-01\n"), result::toString);
  }

  @Test
  void theRecipeFailsWhenTheStatementChanged() throws Exception {
    Tools.assumeOnPath("bash", "openssl", "base64", "sha256sum");
    String forged =
        block("text", Statement.HEADER).replace("generation 1764408235", "generation 1764408236");
    ProcessResult result = recipe(forged);
    assertNotEquals(0, result.exitCode(), result::toString);
    assertTrue(result.stdout().contains("Signature Verification Failure"), result::toString);
  }

  private ProcessResult recipe(String signature) throws Exception {
    Files.write(dir.resolve("spare-01"), DOCUMENT);
    Files.writeString(dir.resolve("spare-01.sig"), signature, StandardCharsets.US_ASCII);
    Files.writeString(dir.resolve(KEY_FILE), block("pem", "PUBLIC KEY"), StandardCharsets.US_ASCII);
    String script = block("sh", "# verify by hand");
    return Processes.run(
        List.of("bash", "-euo", "pipefail", "-c", script),
        Map.of("PATH", System.getenv("PATH"), "LC_ALL", "C"),
        dir);
  }
}
