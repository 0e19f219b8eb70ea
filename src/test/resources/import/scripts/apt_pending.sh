#!/bin/sh
# Classic textfile-collector script: writes its own .prom file and renames it into place.
TEXTFILE_COLLECTOR_DIR=${TEXTFILE_COLLECTOR_DIR:-/var/lib/node_exporter/textfile_collector}
tmp="$TEXTFILE_COLLECTOR_DIR/apt.prom.$$"
echo "# TYPE apt_upgrades_pending gauge" > "$tmp"
echo "apt_upgrades_pending{origin=\"security\"} 0" >> "$tmp"
mv "$tmp" "$TEXTFILE_COLLECTOR_DIR/apt.prom"
