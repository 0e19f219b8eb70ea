#!/bin/bash
# Writes through sponge, as moreutils-based collectors do.
echo "ntp_offset_seconds 0.001" | sponge /var/lib/node_exporter/ntp.prom
