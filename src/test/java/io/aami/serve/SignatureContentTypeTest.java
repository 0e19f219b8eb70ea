package io.aami.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** aami serve sends signature files as text, and the documents beside them still as JSON. */
class SignatureContentTypeTest {
  @Test
  void signatureFilesAreTextAndTheirDocumentsJson() {
    assertEquals(
        "text/plain; charset=utf-8", ContentTypes.forPath("/api/v1/checks/target/db-01.sig"));
    assertEquals(
        "text/plain; charset=utf-8",
        ContentTypes.forPath("/api/v1/checks/target/hostname/db-01.example.com.sig"));
    assertEquals("text/plain; charset=utf-8", ContentTypes.forPath("/manifest.json.sig"));
    assertEquals("application/json", ContentTypes.forPath("/api/v1/checks/target/db-01"));
    assertEquals("application/json", ContentTypes.forPath("/manifest.json"));
  }
}
