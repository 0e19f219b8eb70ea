#!/usr/bin/env bash
# Runs the ./aami launcher with its per-command JVM flags plus the heap cap in AAMI_JAVA_HEAP: the
# launcher's AAMI_JAVA_OPTS would replace its flags, and the benchmark measures those.
set -euo pipefail
launcher=$1; shift
AAMI_EXTRA_JAVA_OPTS="${AAMI_JAVA_HEAP:-}" exec "$launcher" "$@"
