package io.aami.report;

/**
 * Where aami's documentation is published, for links in machine formats (SARIF helpUri). SARIF
 * needs absolute URIs; the build sets the base with the {@code aami.docs.url} property of the pom.
 */
final class DocsLocation {
  static final String VALIDATE = base() + "VALIDATE.md";

  private DocsLocation() {}

  private static String base() {
    java.util.Properties props = new java.util.Properties();
    try (java.io.InputStream in =
        DocsLocation.class.getResourceAsStream("/io/aami/version.properties")) {
      if (in != null) {
        props.load(in);
      }
    } catch (java.io.IOException e) {
      // Falls through to the default below: a link is not worth failing a report for.
    }
    String url = props.getProperty("docs", "");
    return url.startsWith("https://") ? (url.endsWith("/") ? url : url + "/") : DEFAULT;
  }

  static final String DEFAULT = "https://github.com/aami/aami/blob/main/docs/";
}
