package io.aami.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a repository of a few thousand alert rules in the shapes public rule collections use,
 * converted into direct AlertRules the way {@code aami import} would: kube-prometheus style rules
 * (apiserver, kubelet, kube-state-metrics), mixin rules with {@code keep_firing_for} and {@code {{
 * range query }}} annotations, awesome-prometheus-alerts style rules whose names carry spaces,
 * dashes and parentheses, heartbeat alerts ({@code vector(1)}) and {@code absent()} rules. Written
 * here from those shapes, not copied; deterministic (no randomness, no clock).
 *
 * <p>The few findings that remain on purpose carry a reasoned {@code # aami-disable} comment, so
 * the repository passes {@code validate --strict}: one check declares its metrics, and a handful of
 * rules read it over a short range on purpose.
 */
public final class RuleCorpus {
  /** Systems in the style of exporter rule collections: metric prefix and a readable name. */
  private static final String[][] EXPORTERS = {
    {"haproxy", "HAProxy"},
    {"cassandra", "Cassandra"},
    {"elasticsearch", "Elasticsearch"},
    {"redis", "Redis"},
    {"mysql", "MySQL"},
    {"pg", "PostgreSQL"},
    {"rabbitmq", "RabbitMQ"},
    {"nginx", "Nginx"},
    {"mongodb", "MongoDB"},
    {"kafka", "Kafka"},
    {"consul", "Consul"},
    {"etcd", "Etcd"},
    {"coredns", "CoreDNS"},
    {"minio", "MinIO"},
    {"loki", "Loki"},
    {"cert_manager", "Cert-manager"},
    {"apiserver", "Kube API"},
    {"kubelet", "Kubelet"},
    {"kube_deployment", "Kube deployment"},
    {"jvm", "JVM"}
  };

  private RuleCorpus() {}

  /** Writes the repository under {@code root}; returns the number of alert rules written. */
  public static int write(Path root, int groups, int rulesPerGroup) {
    file(
        root,
        "aami.yaml",
        """
        # Rules converted from public collections read exporters aami does not run.
        external_metrics: ["*"]
        validate:
          severity:
            alert/no-condition: error
        """);
    StringBuilder groupDocs = new StringBuilder();
    StringBuilder targets = new StringBuilder();
    for (int g = 0; g < groups; g++) {
      String id = "cluster-" + g;
      groupDocs
          .append(g == 0 ? "" : "---\n")
          .append("apiVersion: aami/v1\nkind: Group\nid: ")
          .append(id)
          .append("\nname: ")
          .append(id)
          .append('\n');
      targets
          .append(g == 0 ? "" : "---\n")
          .append("apiVersion: aami/v1\nkind: Target\nid: node-")
          .append(g)
          .append("\nhostname: node-")
          .append(g)
          .append(".example.internal\naddress: node-")
          .append(g)
          .append(".example.internal:9100\ngroups: [")
          .append(id)
          .append("]\n");
    }
    file(root, "inventory/groups.yaml", groupDocs.toString());
    file(root, "inventory/targets.yaml", targets.toString());
    file(
        root,
        "templates/check-mounts.yaml",
        """
        apiVersion: aami/v1
        kind: ScriptTemplate
        name: check-mounts
        version: 1.0.0
        language: bash
        script_content: |
          #!/usr/bin/env bash
          # aami-disable alert/no-condition -- a comment inside a script is text, not a suppression
          echo "mount_check_errors_total 0"
        metrics:
          - name: mount_check_errors_total
            type: counter
            help: Mount points that could not be read since the agent started.
        default_config: {}
        """);
    file(
        root,
        "policies/scripts/mounts.yaml",
        """
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: mounts-everywhere
        scope: global
        template_id: check-mounts
        """);
    int written = 0;
    for (int g = 0; g < groups; g++) {
      List<String> docs = new ArrayList<>();
      for (int r = 0; r < rulesPerGroup; r++) {
        docs.add(rule("cluster-" + g, g, r));
        written++;
      }
      file(root, "policies/alerts/cluster-" + g + ".yaml", String.join("---\n", docs));
    }
    return written;
  }

  private static String rule(String group, int g, int r) {
    String[] exporter = EXPORTERS[(g * 7 + r) % EXPORTERS.length];
    String prefix = exporter[0];
    String system = exporter[1];
    String id = group + "-" + r;
    return switch (r % 12) {
      // awesome-prometheus-alerts: readable names with spaces and parentheses
      case 0 ->
          direct(
              id,
              group,
              system + " down (instance " + r + ")",
              "critical",
              "up{job=\"" + prefix + "\", " + "{{ .group_selector }}} == 0",
              "1m",
              null,
              "summary: \"" + system + " down on {{ $labels.instance }}\"");
      case 1 ->
          direct(
              id,
              group,
              system + "HighErrorRate(" + prefix + "-" + r + ")",
              "warning",
              "sum by (instance) (rate("
                  + prefix
                  + "_requests_total{code=~\"5..\", {{ .group_selector }}}[5m]))"
                  + " / sum by (instance) (rate("
                  + prefix
                  + "_requests_total{ {{ .group_selector }} }[5m])) > 0.05",
              "5m",
              null,
              "description: \"{{ $value | humanizePercentage }} of requests fail\"");
      // kube-prometheus style: CamelCase, runbook annotation, short ranges over scraped metrics
      case 2 ->
          direct(
              id,
              group,
              "KubeAPIErrorBudgetBurn" + r,
              "critical",
              "sum(rate(apiserver_request_total{code=~\"5..\"}[1m])) / sum(rate(apiserver_request_total[1m])) > (14.40 * 0.01)",
              "2m",
              null,
              "runbook_url: https://runbooks.example.internal/kube/apiserver-error-budget");
      case 3 ->
          direct(
              id,
              group,
              "KubeletTooManyPods-" + r,
              "info",
              "count by (node) (kubelet_running_pods{ {{ .group_selector }} }) > 95",
              "15m",
              null,
              "summary: Kubelet {{ $labels.node }} runs many pods");
      // mixins: keep_firing_for, and annotations that range over query results
      case 4 ->
          direct(
              id,
              group,
              "LokiRequestErrors" + r,
              "critical",
              "100 * sum(rate(loki_request_duration_seconds_count{status_code=~\"5..\"}[2m])) by (namespace, job)"
                  + " / sum(rate(loki_request_duration_seconds_count[2m])) by (namespace, job) > 10",
              "15m",
              "10m",
              "description: |\n      {{ range query \"topk(3, loki_ingester_memory_streams)\" }}"
                  + "{{ .Labels.instance }} holds {{ .Value }} streams\n      {{ end }}");
      case 5 ->
          direct(
              id,
              group,
              "CertManagerAbsent" + r,
              "critical",
              "absent(up{job=\"cert-manager\"})",
              "10m",
              "5m",
              "summary: Cert-manager has disappeared from target discovery");
      // heartbeat: fires always on purpose
      case 6 ->
          direct(
              id,
              group,
              "Watchdog " + r,
              "info",
              "vector(1)",
              null,
              null,
              "summary: An alert that should always be firing, to certify the pipeline works");
      // kube-state-metrics: the condition is the label value
      case 7 ->
          direct(
              id,
              group,
              "KubePodCrashLooping." + r,
              "warning",
              "max_over_time(kube_pod_container_status_waiting_reason{reason=\"CrashLoopBackOff\"}[5m]) >= 1",
              "15m",
              null,
              "summary: Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping");
      case 8 ->
          direct(
              id,
              group,
              "KubePodNotReady_" + r,
              "warning",
              "sum by (namespace, pod) (kube_pod_status_phase{phase=~\"Pending|Unknown|Failed\"})",
              "15m",
              null,
              "summary: Pod {{ $labels.pod }} has been in a non-ready state");
      // disk and JVM rules in the exporter style, with a template function pipeline
      case 9 ->
          direct(
              id,
              group,
              system + " disk almost full (" + r + ")",
              "warning",
              "(node_filesystem_avail_bytes{fstype!=\"tmpfs\"} / node_filesystem_size_bytes) * 100 < 10",
              "2m",
              null,
              "description: \"{{ $labels.mountpoint }} has {{ printf \\\"%.0f\\\" $value }}% left\"");
      // the node check's own metric, read over a range long enough
      case 10 ->
          direct(
              id,
              group,
              "MountCheckErrors" + r,
              "warning",
              "increase(mount_check_errors_total{ {{ .group_selector }} }[10m]) > 0",
              "5m",
              null,
              "summary: \"{{ $labels.instance }} cannot read a mount point\"");
      // ... and once per group over a short range on purpose, with a reason
      default ->
          r != 11
              ? direct(
                  id,
                  group,
                  system + " mount errors (" + r + ")",
                  "warning",
                  "sum by (instance) (increase(mount_check_errors_total{ {{ .group_selector }} }[15m])) > 3",
                  "10m",
                  null,
                  "summary: \"{{ $labels.instance }} keeps failing to read mount points\"")
              : "# aami-disable alert/range-too-short -- the agent runs this check every 15s on"
                  + " these nodes, the repository default interval is longer\n"
                  + direct(
                      id,
                      group,
                      "MountCheckErrorsFast" + r,
                      "critical",
                      "increase(mount_check_errors_total{ {{ .group_selector }} }[1m]) > 0",
                      null,
                      null,
                      "summary: Mount point errors right now");
    };
  }

  private static String direct(
      String id,
      String group,
      String name,
      String severity,
      String query,
      String forDuration,
      String keepFiringFor,
      String annotation) {
    StringBuilder doc =
        new StringBuilder("apiVersion: aami/v1\nkind: AlertRule\nid: ")
            .append(id)
            .append("\ngroup_id: ")
            .append(group)
            .append("\nname: ")
            .append(quote(name))
            .append("\nseverity: ")
            .append(severity)
            .append("\nquery_template: ")
            .append(quote(query))
            .append("\nconfig:\n");
    if (forDuration != null) {
      doc.append("  for_duration: ").append(forDuration).append('\n');
    }
    if (keepFiringFor != null) {
      doc.append("  keep_firing_for: ").append(keepFiringFor).append('\n');
    }
    doc.append("  labels:\n    team: platform\n  annotations:\n    ")
        .append(annotation)
        .append('\n');
    return doc.toString();
  }

  /** Single-quoted YAML: only the quote itself needs doubling. */
  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  private static void file(Path root, String path, String text) {
    try {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
