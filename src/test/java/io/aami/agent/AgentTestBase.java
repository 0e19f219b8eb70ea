package io.aami.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aami.testsupport.TestCertificates;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * One node per test: the real agent against a real HTTPS server on 127.0.0.1, with one EC
 * certificate per test class (generating it is the slow part).
 */
abstract class AgentTestBase {
  @TempDir static Path certificates;
  static TestCertificates.Pair certificate;

  @TempDir Path dir;
  AgentHarness node;

  @BeforeAll
  static void certificate() throws Exception {
    certificate = TestCertificates.generate(certificates, "server", TestCertificates.KeyType.EC);
  }

  @BeforeEach
  void startNode() throws Exception {
    node = AgentHarness.https(dir, certificate);
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  /** Publishes {@code checks} as the test target's check list (by id and by hostname). */
  void publish(ObjectNode... checks) throws Exception {
    node.site.publish(Checks.TARGET, Checks.HOSTNAME, List.of(checks));
  }
}
