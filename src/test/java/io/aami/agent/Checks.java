package io.aami.agent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The check scripts the agent tests publish; each one's observable effect is what tests assert. */
final class Checks {
  static final String TARGET = "gpu-node-01";
  static final String HOSTNAME = "gpu-node-01.example.com";

  /** The seed's mount check: reads CONFIG with jq, one gauge per configured mount point. */
  static final String MOUNT_POINTS_SCRIPT =
      """
      #!/usr/bin/env bash
      set -euo pipefail
      mount_points=$(echo "$CONFIG" | jq -r '.mount_points[]')
      echo "# HELP mount_check Mount point accessibility (1=ok, 0=fail)"
      echo "# TYPE mount_check gauge"
      for mp in $mount_points; do
          if mountpoint -q "$mp" 2>/dev/null && [ -w "$mp" ]; then
              echo "mount_check{path=\\"$mp\\"} 1"
          else
              echo "mount_check{path=\\"$mp\\"} 0"
          fi
      done
      """;

  /** The gpu-cluster group's mount points from the seed (none exist on a test machine: all 0). */
  static final List<String> GPU_CLUSTER_MOUNTS =
      List.of("/mnt/models", "/mnt/scratch", "/mnt/datasets");

  static final String MOUNT_POINTS_OUTPUT =
      """
      # HELP mount_check Mount point accessibility (1=ok, 0=fail)
      # TYPE mount_check gauge
      mount_check{path="/mnt/models"} 0
      mount_check{path="/mnt/scratch"} 0
      mount_check{path="/mnt/datasets"} 0
      """;

  /** Python, reading the config from stdin and insisting it equals CONFIG; logs to stderr. */
  static final String GPU_COUNT_SCRIPT =
      """
      import json, os, sys
      config = json.load(sys.stdin)
      if config != json.loads(os.environ["CONFIG"]):
          sys.exit("stdin and CONFIG differ")
      print("config read from stdin", file=sys.stderr)
      print("# HELP gpu_count_expected GPUs this node should have.")
      print("# TYPE gpu_count_expected gauge")
      print(f'gpu_count_expected{{model="{config["model"]}"}} {config["count"]}')
      """;

  static final String GPU_COUNT_OUTPUT =
      """
      # HELP gpu_count_expected GPUs this node should have.
      # TYPE gpu_count_expected gauge
      gpu_count_expected{model="H100"} 8
      """;

  private Checks() {}

  static ObjectNode mountPoints() {
    return TestSite.check(
        "mount-points",
        "bash",
        MOUNT_POINTS_SCRIPT,
        Map.of("mount_points", GPU_CLUSTER_MOUNTS),
        30);
  }

  static ObjectNode gpuCount() {
    return TestSite.check(
        "gpu-count", "python", GPU_COUNT_SCRIPT, Map.of("model", "H100", "count", 8), 30);
  }

  /** A POSIX sh check that leaves a marker file behind, to prove whether it ran. */
  static ObjectNode touching(String name, Path marker) {
    return TestSite.check(name, "sh", touchScript(marker), Map.of(), 30);
  }

  static String touchScript(Path marker) {
    return "touch '" + marker + "'\necho 'marker_touched 1'\n";
  }

  /** A bash check printing fixed text (valid metrics or not). */
  static ObjectNode printing(String name, String output) {
    return TestSite.check(
        name, "bash", "printf '%s' '" + output.replace("'", "'\\''") + "'\n", Map.of(), 30);
  }
}
