# shellcheck shell=bash
# The JVM flags aami runs with, chosen per command. Sourced by ./aami in a checkout and by
# /usr/bin/aami from the Debian package, so both start the same JVM (measurements in bench/RESULTS.md).
#
# aami_java_options JAR ARCHIVE ARGS... sets the array java_opts. Commands that run for seconds use
# the C1-only JIT and the serial collector: on a small machine C2's compiler threads cost more CPU
# than they save (heavy 10k-node render: 8.8 s of CPU with C1, 15.7 s with C2). C2 would compile
# SHA-256 to the CPU's SHA instructions, but a render hashes only new or changed files (the previous
# manifest vouches for the rest), so hashing is off the hot path. serve runs for days: full JIT.
# ARCHIVE is the class-data archive made for JAR; it is used unless it is missing or older than the
# jar (the JVM would reject it). AAMI_JAVA_OPTS replaces these flags (space-separated), e.g.
# AAMI_JAVA_OPTS="-Xmx2g"; AAMI_EXTRA_JAVA_OPTS is added to them.
aami_java_options() {
  local jar=$1 archive=$2 command="" arg default_opts
  shift 2
  for arg in "$@"; do
    case $arg in -*) ;; *) command=$arg; break ;; esac
  done
  case $command in
    serve) default_opts="-XX:+UseSerialGC" ;;
    *) default_opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
  esac
  if [ -f "$archive" ] && [ ! "$jar" -nt "$archive" ]; then
    default_opts="$default_opts -XX:SharedArchiveFile=$archive -Xlog:cds=off -Xlog:cds+dynamic=off"
  fi
  # shellcheck disable=SC2034 # the caller's array
  read -r -a java_opts <<< "${AAMI_JAVA_OPTS:-$default_opts} ${AAMI_EXTRA_JAVA_OPTS:-}"
}
