package io.aami.agent;

import io.aami.serve.ServeException;
import io.aami.serve.ServeRequest;
import io.aami.serve.SiteServer;
import io.aami.serve.TlsChoice;
import io.aami.testsupport.ProcessResult;
import io.aami.testsupport.Processes;
import io.aami.testsupport.TestCertificates;
import io.aami.testsupport.Tools;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One node and one server: a site served by {@code aami serve}'s server on 127.0.0.1 with an
 * openssl certificate, and {@code agent/dynamic-check.sh} run as a real process with its own
 * textfile and cache directories. Nothing is simulated.
 */
final class AgentHarness implements AutoCloseable {
  static final Path SCRIPT = Tools.projectDir().resolve("agent/dynamic-check.sh");

  final TestSite site;
  final Path textfileDir;
  final Path cacheDir;
  final Path work;
  final Path emptyConfig;
  final List<String> accessLog = new CopyOnWriteArrayList<>();
  private final TestCertificates.Pair certificate;
  private final TlsChoice tls;
  private SiteServer server;
  private String baseUrl;

  private AgentHarness(Path dir, TestCertificates.Pair certificate, TlsChoice tls)
      throws IOException {
    this.site = new TestSite(Files.createDirectories(dir.resolve("site")));
    this.textfileDir = Files.createDirectories(dir.resolve("textfile"));
    this.cacheDir = dir.resolve("cache");
    this.work = Files.createDirectories(dir.resolve("work"));
    this.emptyConfig = Files.writeString(dir.resolve("agent.conf"), "");
    this.certificate = certificate;
    this.tls = tls;
  }

  /** Skips the calling test with a clear message when the agent's tools are missing. */
  static void assumeAgentTools() {
    Tools.assumeOnPath("bash", "curl", "jq", "flock", "sha256sum", "timeout");
  }

  static AgentHarness https(Path dir, TestCertificates.Pair certificate) throws Exception {
    assumeAgentTools();
    AgentHarness harness =
        new AgentHarness(
            dir,
            certificate,
            new TlsChoice.PemFiles(certificate.certificate(), certificate.privateKey()));
    harness.startServer();
    return harness;
  }

  static AgentHarness plainHttp(Path dir, TestCertificates.Pair certificate) throws Exception {
    assumeAgentTools();
    AgentHarness harness = new AgentHarness(dir, certificate, new TlsChoice.PlainHttp());
    harness.startServer();
    return harness;
  }

  void startServer() throws ServeException {
    server =
        SiteServer.start(
            new ServeRequest(site.root(), InetAddress.getLoopbackAddress(), 0, tls),
            accessLog::add);
    String url = server.url().toString();
    baseUrl = url.substring(0, url.length() - 1);
  }

  void stopServer() {
    if (server != null) {
      server.stop(Duration.ZERO);
      server = null;
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  /** The environment of a node configured for {@link Checks#TARGET}; tests override entries. */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", System.getenv("PATH"));
    env.put("AAMI_BASE_URL", baseUrl);
    env.put("AAMI_TARGET_ID", Checks.TARGET);
    env.put("AAMI_TEXTFILE_DIR", textfileDir.toString());
    env.put("AAMI_CACHE_DIR", cacheDir.toString());
    env.put("AAMI_CA_FILE", certificate.certificate().toString());
    env.put("AAMI_AGENT_CONFIG", emptyConfig.toString());
    return env;
  }

  ProcessResult runOnce(String... extraArgs) throws Exception {
    return run(environment(), prepend("--once", extraArgs));
  }

  ProcessResult run(Map<String, String> environment, String... args) throws Exception {
    return Processes.finish(start(environment, args));
  }

  Process start(Map<String, String> environment, String... args) throws IOException {
    return launch(List.of("bash", SCRIPT.toString()), environment, args);
  }

  /**
   * As {@link #start}, with HUP, INT and TERM at their default handling, as systemd or a terminal
   * starts the agent: a test runner started in the background ignores INT for its children, and
   * bash cannot trap a signal it was started with ignored ({@code env --default-signal}, coreutils
   * 8.31).
   */
  Process startWithDefaultSignals(Map<String, String> environment, String... args)
      throws IOException {
    return launch(
        List.of("env", "--default-signal=HUP,INT,TERM", "bash", SCRIPT.toString()),
        environment,
        args);
  }

  private Process launch(List<String> agent, Map<String, String> environment, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(agent);
    command.addAll(List.of(args));
    return Processes.start(command, environment, work);
  }

  static String[] prepend(String first, String... rest) {
    String[] all = new String[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  Path published(String checkName) {
    return textfileDir.resolve("aami_check_" + checkName + ".prom");
  }

  Path agentMetricsFile() {
    return textfileDir.resolve("aami_agent.prom");
  }

  /** The samples of aami_agent.prom, keyed by series (name plus labels as written). */
  Map<String, String> agentMetrics() throws IOException {
    Map<String, String> samples = new LinkedHashMap<>();
    for (String line : Files.readAllLines(agentMetricsFile())) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), line.substring(space + 1));
      }
    }
    return samples;
  }

  /** The files currently in the textfile directory, with their content. */
  Map<String, String> textfiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> list = Files.list(textfileDir)) {
      for (Path file : list.toList()) {
        files.put(file.getFileName().toString(), Files.readString(file));
      }
    }
    return files;
  }

  /** The file names in the script cache. */
  List<String> cachedScripts() throws IOException {
    Path dir = cacheDir.resolve("checks");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  long accessLogCount(String fragment) {
    return accessLog.stream().filter(line -> line.contains(fragment)).count();
  }

  @Override
  public void close() {
    stopServer();
  }

  /**
   * Holds the agent's lock from another process, as a concurrent run would, until closed; returns
   * once the lock is held.
   */
  LockHolder holdLock() throws Exception {
    Files.createDirectories(cacheDir);
    Path ready = work.resolve("holder-ready");
    Process holder =
        Processes.start(
            List.of(
                "flock",
                cacheDir.resolve("agent.lock").toString(),
                "sh",
                "-c",
                "touch '" + ready + "'; sleep 120"),
            Map.of("PATH", System.getenv("PATH")),
            work);
    LockHolder holding = new LockHolder(holder);
    try {
      Processes.waitUntil(() -> Files.exists(ready));
    } catch (Exception | Error e) {
      holding.close();
      throw e;
    }
    return holding;
  }

  /** The process holding the agent's lock; closing it ends the process and its children. */
  record LockHolder(Process process) implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      process.waitFor();
    }
  }
}
