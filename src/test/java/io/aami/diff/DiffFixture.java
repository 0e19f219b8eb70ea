package io.aami.diff;

import io.aami.testing.GitRepo;
import java.util.ArrayList;
import java.util.List;

/**
 * A small fleet in git: gpu-cluster (gpu-node-01 … gpu-node-12) and storage (storage-01 … 03), a
 * global mount check with a gpu-cluster override, and a mount alert per group. {@link #change}
 * makes one commit with known effects that the tests assert item by item.
 */
final class DiffFixture {
  private DiffFixture() {}

  static final String TEMPLATE =
      """
      apiVersion: aami/v1
      kind: ScriptTemplate
      name: check-mounts
      script_type: mount
      language: bash
      version: 1.0.0
      timeout: 10s
      default_config:
        mount_points: [/data]
        options: {depth: 1, strict: false}
      script_content: |
        #!/bin/bash
        echo mounts
      """;

  static String policies(String gpuPaths, int gpuDepth) {
    return """
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: mount-global
        template_id: check-mounts
        scope: global
        ---
        apiVersion: aami/v1
        kind: ScriptPolicy
        id: mount-gpu
        template_id: check-mounts
        scope: group
        group_id: gpu-cluster
        config:
          mount_points: %s
          options: {depth: %d}
        """
        .formatted(gpuPaths, gpuDepth);
  }

  static final String ALERT_TEMPLATE =
      """
      apiVersion: aami/v1
      kind: AlertTemplate
      id: mount-down
      name: MountDown
      severity: critical
      query_template: 'mount_ok{group_id="{{ .group_id }}"} == 0'
      default_config:
        for_duration: 5m
      """;

  static String rules(String gpuFor) {
    return """
        apiVersion: aami/v1
        kind: AlertRule
        id: mount-gpu
        template_id: mount-down
        group_id: gpu-cluster
        config:
          for_duration: %s
        ---
        apiVersion: aami/v1
        kind: AlertRule
        id: mount-storage
        template_id: mount-down
        group_id: storage
        """
        .formatted(gpuFor);
  }

  static final String GROUPS =
      """
      apiVersion: aami/v1
      kind: Group
      id: gpu-cluster
      name: gpu-cluster
      ---
      apiVersion: aami/v1
      kind: Group
      id: storage
      name: storage
      """;

  static String targets(int gpuNodes, List<String> storageIds, List<String> movedToGpu) {
    List<String> docs = new ArrayList<>();
    for (int i = 1; i <= gpuNodes; i++) {
      docs.add(target("gpu-node-%02d".formatted(i), "gpu-cluster"));
    }
    for (String id : storageIds) {
      docs.add(target(id, movedToGpu.contains(id) ? "gpu-cluster" : "storage"));
    }
    return String.join("---\n", docs);
  }

  static String target(String id, String group) {
    return "apiVersion: aami/v1\nkind: Target\nid: "
        + id
        + "\nhostname: "
        + id
        + ".example.internal\n"
        + "address: "
        + id
        + ":9100\ngroups: ["
        + group
        + "]\n";
  }

  /** The base commit on main. */
  static String base(GitRepo repo) throws Exception {
    repo.file("templates/check-mounts.yaml", TEMPLATE)
        .file("templates/alerts/mount-down.yaml", ALERT_TEMPLATE)
        .file("policies/scripts/mounts.yaml", policies("[/data, /mnt/models]", 1))
        .file("policies/alerts/mount.yaml", rules("5m"))
        .file("inventory/groups.yaml", GROUPS)
        .file(
            "inventory/targets.yaml",
            targets(12, List.of("storage-01", "storage-02", "storage-03"), List.of()));
    return repo.commit("base");
  }

  /**
   * On top of {@link #base}: gpu-cluster's policy gains a path and depth 2; its alert waits 2m
   * instead of 5m; gpu-node-13 joins; storage-03 leaves the fleet; storage-02 moves to gpu-cluster.
   */
  static String change(GitRepo repo) throws Exception {
    repo.file("policies/scripts/mounts.yaml", policies("[/data, /mnt/models, /mnt/scratch]", 2))
        .file("policies/alerts/mount.yaml", rules("2m"))
        .file(
            "inventory/targets.yaml",
            targets(13, List.of("storage-01", "storage-02"), List.of("storage-02")));
    return repo.commit("change");
  }
}
