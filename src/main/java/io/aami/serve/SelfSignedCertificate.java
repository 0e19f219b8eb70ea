package io.aami.serve;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Generates a short-lived self-signed EC certificate with the JDK's own {@code keytool}, so that no
 * internal JDK API and no external tool is needed.
 */
final class SelfSignedCertificate {
  static final int VALIDITY_DAYS = 30;
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  private SelfSignedCertificate() {}

  /**
   * Subject alternative names: localhost and the loopback addresses, plus a specific bind address.
   */
  static List<String> subjectAlternativeNames(InetAddress bindAddress) {
    Set<String> names = new LinkedHashSet<>(List.of("dns:localhost", "ip:127.0.0.1", "ip:::1"));
    if (!bindAddress.isAnyLocalAddress() && !bindAddress.isLoopbackAddress()) {
      names.add("ip:" + bindAddress.getHostAddress());
    }
    return new ArrayList<>(names);
  }

  static KeyMaterial generate(InetAddress bindAddress) throws ServeException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    if (!Files.isExecutable(keytool)) {
      throw new ServeException(
          "cannot generate a self-signed certificate: "
              + keytool
              + " not found; pass --tls-cert and --tls-key instead");
    }
    Path workDir = null;
    try {
      workDir = Files.createTempDirectory("aami-serve-tls-");
      Path keyStore = workDir.resolve("self-signed.p12");
      byte[] secret = new byte[16];
      new SecureRandom().nextBytes(secret);
      String password = HexFormat.of().formatHex(secret);
      ProcessBuilder builder =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-noprompt",
                  "-alias",
                  "aami",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-sigalg",
                  "SHA256withECDSA",
                  "-dname",
                  "CN=localhost, O=aami serve (self-signed)",
                  "-ext",
                  "san=" + String.join(",", subjectAlternativeNames(bindAddress)),
                  "-validity",
                  Integer.toString(VALIDITY_DAYS),
                  "-keystore",
                  keyStore.toString(),
                  "-storetype",
                  "PKCS12",
                  "-storepass:env",
                  "AAMI_KEYSTORE_PASSWORD",
                  "-keypass:env",
                  "AAMI_KEYSTORE_PASSWORD")
              .redirectErrorStream(true);
      builder.environment().put("AAMI_KEYSTORE_PASSWORD", password);
      Process process = builder.start();
      process.getOutputStream().close();
      byte[] output;
      try (InputStream in = process.getInputStream()) {
        output = in.readAllBytes();
      }
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ServeException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + "s");
      }
      if (process.exitValue() != 0) {
        throw new ServeException(
            "keytool failed (exit "
                + process.exitValue()
                + "): "
                + new String(output, StandardCharsets.UTF_8).strip());
      }
      return load(keyStore, password.toCharArray());
    } catch (IOException e) {
      throw new ServeException(
          "cannot generate a self-signed certificate: " + IoErrors.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServeException("interrupted while generating a self-signed certificate", e);
    } finally {
      deleteQuietly(workDir);
    }
  }

  private static KeyMaterial load(Path keyStoreFile, char[] password) throws ServeException {
    try (InputStream in = Files.newInputStream(keyStoreFile)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      PrivateKey key = (PrivateKey) store.getKey("aami", password);
      List<X509Certificate> chain = new ArrayList<>();
      for (Certificate certificate : store.getCertificateChain("aami")) {
        chain.add((X509Certificate) certificate);
      }
      return new KeyMaterial(key, chain);
    } catch (IOException | GeneralSecurityException e) {
      throw new ServeException("cannot read the generated key store: " + e.getMessage(), e);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // A leftover key store stays in a 0700 temporary directory and protects a throwaway key.
    }
  }
}
