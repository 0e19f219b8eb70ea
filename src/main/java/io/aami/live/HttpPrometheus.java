package io.aami.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link PrometheusApi} over HTTP(S) with the JDK's client. Each request goes through the {@link
 * RequestGate} (concurrency limit and time budget) and times out after the smaller of the
 * per-request timeout and what is left of the budget. Queries are sent as a POST form so long
 * expressions never hit a URL length limit; the other endpoints are GETs.
 */
public final class HttpPrometheus implements PrometheusApi {
  /** What to connect to and how: {@code headers} already hold any credentials. */
  public record Connection(URI url, Duration timeout, Path caFile, Map<String, String> headers) {
    public Connection {
      headers = new TreeMap<>(headers);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Answers larger than this are refused rather than held in memory. */
  static final long MAX_BODY_BYTES = 64L << 20;

  private final Connection connection;
  private final RequestGate gate;
  private final HttpClient client;
  private final String base;

  public HttpPrometheus(Connection connection, RequestGate gate) throws PrometheusException {
    this.connection = connection;
    this.gate = gate;
    String url = connection.url().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .connectTimeout(connection.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // Daemon threads: a run that ends with requests still queued must not keep the JVM
            // alive.
            .executor(
                Executors.newCachedThreadPool(
                    r -> {
                      Thread t = new Thread(r, "prometheus-client");
                      t.setDaemon(true);
                      return t;
                    }));
    if (connection.caFile() != null) {
      builder.sslContext(trusting(connection.caFile()));
    }
    this.client = builder.build();
  }

  @Override
  public List<Sample> query(String promql) throws PrometheusException {
    JsonNode data = post("/api/v1/query", form("query", promql));
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    List<Sample> samples = new ArrayList<>();
    if (type.equals("vector")) {
      for (JsonNode element : result) {
        samples.add(new Sample(labels(element.path("metric")), number(element.path("value"))));
      }
    } else if (type.equals("scalar")) {
      samples.add(new Sample(Map.of(), number(result)));
    }
    return samples;
  }

  @Override
  public List<Map<String, String>> series(String match, Window window) throws PrometheusException {
    List<Map<String, String>> series = new ArrayList<>();
    for (JsonNode labels : get("/api/v1/series", matchAndWindow(match, window))) {
      series.add(labels(labels));
    }
    return series;
  }

  @Override
  public List<String> labelNames(String match, Window window) throws PrometheusException {
    return strings(get("/api/v1/labels", matchAndWindow(match, window)));
  }

  @Override
  public List<String> labelValues(String label, String match, Window window)
      throws PrometheusException {
    return strings(
        get(
            "/api/v1/label/" + URLEncoder.encode(label, StandardCharsets.UTF_8) + "/values",
            matchAndWindow(match, window)));
  }

  @Override
  public Map<String, String> metricTypes() throws PrometheusException {
    Map<String, String> types = new TreeMap<>();
    JsonNode data = get("/api/v1/metadata", "");
    for (Map.Entry<String, JsonNode> family : data.properties()) {
      // Targets may disagree; the first entry is what most of them say.
      JsonNode first = family.getValue().path(0);
      types.put(family.getKey(), first.path("type").asText("unknown"));
    }
    return types;
  }

  @Override
  public String configYaml() throws PrometheusException {
    return get("/api/v1/status/config", "").path("yaml").asText("");
  }

  @Override
  public Map<String, String> flags() throws PrometheusException {
    Map<String, String> flags = new TreeMap<>();
    get("/api/v1/status/flags", "")
        .properties()
        .forEach(e -> flags.put(e.getKey(), e.getValue().asText()));
    return flags;
  }

  @Override
  public BuildInfo buildInfo() throws PrometheusException {
    return new BuildInfo(get("/api/v1/status/buildinfo", "").path("version").asText(""));
  }

  private JsonNode get(String path, String query) throws PrometheusException {
    String uri = base + path + (query.isEmpty() ? "" : "?" + query);
    return send(path, timeout -> request(uri, timeout).GET().build());
  }

  private JsonNode post(String path, String form) throws PrometheusException {
    return send(
        path,
        timeout ->
            request(base + path, timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build());
  }

  private HttpRequest.Builder request(String uri, Duration timeout) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(uri))
            .timeout(timeout)
            .header("Accept", "application/json")
            .header("User-Agent", "aami-live-checks");
    connection.headers().forEach(builder::header);
    return builder;
  }

  private interface RequestFor {
    HttpRequest build(Duration timeout);
  }

  private JsonNode send(String path, RequestFor requestFor) throws PrometheusException {
    return gate.pass(
        left -> {
          Duration timeout = left.compareTo(connection.timeout()) < 0 ? left : connection.timeout();
          HttpResponse<InputStream> response;
          try {
            response =
                client.send(requestFor.build(timeout), HttpResponse.BodyHandlers.ofInputStream());
          } catch (HttpConnectTimeoutException e) {
            throw unavailable("connecting timed out after " + seconds(connection.timeout()));
          } catch (HttpTimeoutException e) {
            throw unavailable(path + " did not answer within " + seconds(timeout));
          } catch (ConnectException e) {
            throw unavailable("connection refused");
          } catch (SSLException e) {
            throw unavailable("TLS failed: " + e.getMessage());
          } catch (IOException e) {
            throw unavailable(
                path
                    + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
          } catch (IllegalArgumentException e) {
            throw unavailable("invalid URL " + connection.url() + ": " + e.getMessage());
          }
          return answer(path, response);
        });
  }

  private JsonNode answer(String path, HttpResponse<InputStream> response)
      throws PrometheusException {
    int status = response.statusCode();
    JsonNode body;
    try (InputStream in = response.body()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BODY_BYTES + 1));
      if (bytes.length > MAX_BODY_BYTES) {
        throw new PrometheusException(
            at() + path + " answered more than " + (MAX_BODY_BYTES >> 20) + " MiB", false);
      }
      body = bytes.length == 0 ? null : JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      body = null;
    } catch (IOException e) {
      throw unavailable(path + " failed while reading the answer: " + e.getMessage());
    }
    if (status == 401 || status == 403) {
      throw unavailable(path + " answered HTTP " + status + ": the credentials were refused");
    }
    if (body == null || !body.isObject()) {
      throw new PrometheusException(
          at()
              + path
              + " answered HTTP "
              + status
              + " without a Prometheus API"
              + " response; is the URL a Prometheus server?",
          status >= 300 || status < 200 || body == null);
    }
    if (!"success".equals(body.path("status").asText())) {
      String message =
          at()
              + path
              + " answered HTTP "
              + status
              + ": "
              + body.path("errorType").asText("error")
              + ": "
              + body.path("error").asText("");
      // 400 and 422 are about the question (bad_data, execution); the rest about the server.
      throw new PrometheusException(message, !(status == 400 || status == 422));
    }
    return body.path("data");
  }

  private PrometheusException unavailable(String what) {
    return new PrometheusException(at() + what, true);
  }

  private String at() {
    return "Prometheus at " + connection.url() + ": ";
  }

  private static String form(String key, String value) {
    return key + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String matchAndWindow(String match, Window window) {
    Map<String, String> params = new LinkedHashMap<>();
    if (match != null) {
      params.put("match[]", match);
    }
    if (window != null) {
      params.put("start", seconds(window.start().toEpochMilli()));
      params.put("end", seconds(window.end().toEpochMilli()));
    }
    StringBuilder sb = new StringBuilder();
    params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(form(k, v)));
    return sb.toString();
  }

  private static String seconds(long epochMillis) {
    return epochMillis / 1000 + "." + String.format("%03d", epochMillis % 1000);
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + "s"
        : duration.toMillis() + "ms";
  }

  private static Map<String, String> labels(JsonNode object) {
    Map<String, String> labels = new TreeMap<>();
    object.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  /** A sample's {@code [timestamp, "value"]}; values are strings so NaN and ±Inf survive JSON. */
  private static double number(JsonNode pair) {
    String text = pair.path(1).asText("NaN");
    return switch (text) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          yield Double.NaN;
        }
      }
    };
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private static SSLContext trusting(Path caFile) throws PrometheusException {
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new PrometheusException("ca_file " + caFile + " holds no PEM certificate", true);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new PrometheusException(
          "ca_file " + caFile + " cannot be read as PEM certificates: " + e.getMessage(), true);
    }
  }
}
