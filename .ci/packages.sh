#!/usr/bin/env bash
# The release as users get it (docs/INSTALL.md, issue 19). Run by .ci/run, as root on Debian, after
# `mvn -Prelease verify` wrote target/dist/. In order:
#   1. SHA256SUMS verifies; a second build of the same commit, in a fresh clone, is byte-identical;
#   2. the action's steps (ci/aami-action.sh) run the dist jar, pinned as `aami init` pins it, and
#      refuse the jar with one changed byte;
#   3. lintian reports no errors for either package;
#   4. apt-get installs both; the installed aami validates and renders the example repository;
#   5. the installed agent runs once as its system user (systemctl where systemd runs, else the unit's
#      ExecStart under runuser) against `aami serve`, and its textfile output is checked;
#   6. the agent package is installed again over a running agent: cache, config and metrics stay;
#   7. remove keeps the documented state, purge removes it; only the documented files remain.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
version=$(sed -n 's/^version=//p' target/classes/io/aami/version.properties)
dist=$root/target/dist
work=$(mktemp -d)
serve_pid="" loop_pid=""
cleanup() {
  for pid in $loop_pid $serve_pid; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "packages: FAILED: $*" >&2
  exit 1
}
step() { echo "packages: $*"; }

step "1. dist files of $version"
expected_files="SHA256SUMS aami-$version.cdx.json aami-$version.jar aami-agent_${version}_all.deb aami_${version}_all.deb"
[[ $(cd "$dist" && find . -mindepth 1 -printf '%P\n' | LC_ALL=C sort | tr '\n' ' ') == "$expected_files " ]] ||
  fail "target/dist holds $(ls "$dist"), not $expected_files"
(cd "$dist" && sha256sum -c SHA256SUMS)
grep -q '"name" : "picocli"' "$dist/aami-$version.cdx.json" || fail "the SBOM does not list picocli"

step "1. a second build of $(git rev-parse --short HEAD) in a fresh clone is byte-identical"
# A fresh clone (another path, no target/) of the commit; run on a work tree with uncommitted
# changes, the two builds differ in exactly those.
git clone -q "$root" "$work/clone"
(cd "$work/clone" && mvn -B -ntp -q -Prelease -DskipTests package >"$work/second-build.log" 2>&1) ||
  { cat "$work/second-build.log"; fail "second build"; }
if ! diff -r "$dist" "$work/clone/target/dist"; then
  (cd "$work/clone/target/dist" && sha256sum ./*)
  fail "two builds of one commit differ"
fi
echo "packages: identical: $(find "$dist" -type f | wc -l) files"
rm -rf "$work/clone"

step "2. the action's steps run the pinned dist jar and refuse a changed byte"
jar_sha=$(sha256sum "$dist/aami-$version.jar" | cut -d' ' -f1)
java -jar "$dist/aami-$version.jar" init "$work/fleet" >"$work/init.out"
grep -qx "  AAMI_VERSION: \"$version\"" "$work/fleet/.github/workflows/aami.yml" || fail "init did not pin $version"
grep -qx "  AAMI_SHA256: \"$jar_sha\"" "$work/fleet/.github/workflows/aami.yml" || fail "init did not pin the jar's sha256"
grep -qx "  AAMI_SHA256: \"$jar_sha\"" "$work/fleet/.gitlab-ci.yml" || fail "init did not pin the jar's sha256 for GitLab"
action() {
  AAMI_VERSION=$version AAMI_SHA256=$jar_sha AAMI_JAR_URL=file://$1 AAMI_CACHE_DIR=$work/action-cache \
    AAMI_COMMAND=validate AAMI_ARGS="--strict --repo $work/fleet" AAMI_OUTPUT=$work/action.out \
    bash ci/aami-action.sh
}
cp "$dist/aami-$version.jar" "$work/changed.jar"
printf '\x01' | dd of="$work/changed.jar" bs=1 seek=1000 conv=notrunc status=none
cmp -s "$dist/aami-$version.jar" "$work/changed.jar" && fail "the copy did not change"
status=0
action "$work/changed.jar" 2>"$work/action.err" || status=$?
[[ $status == 3 ]] || fail "a changed jar was not refused (exit $status)"
grep -q "refusing to run it" "$work/action.err" || fail "no refusal message: $(cat "$work/action.err")"
[[ ! -e $work/action.out ]] || fail "the changed jar ran"
action "$dist/aami-$version.jar"
action "$dist/aami-$version.jar" 2>"$work/action.err"
grep -q "using the cached aami-$version.jar" "$work/action.err" || fail "the second run did not use the cache"

step "3. lintian"
lintian --fail-on error --info --display-level '>=warning' "$dist/aami_${version}_all.deb" "$dist/aami-agent_${version}_all.deb"

step "4. apt-get install both packages"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$dist/aami_${version}_all.deb" "$dist/aami-agent_${version}_all.deb" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log"; fail "apt-get install"; }
[[ $(/usr/bin/aami --version) == "aami $version (commit "* ]] || fail "aami --version: $(/usr/bin/aami --version)"
[[ -s /var/cache/aami-cli/aami.jsa ]] || fail "postinst made no class-data archive"
# -Xshare:on: the JVM exits instead of silently running without the archive.
AAMI_EXTRA_JAVA_OPTS=-Xshare:on /usr/bin/aami --version >/dev/null || fail "the class-data archive does not map"
for page in aami aami-validate aami-render aami-alert-rule-create; do
  zcat "/usr/share/man/man1/$page.1.gz" | grep -q '^\.TH "' || fail "man page $page"
done
bash -c 'source /usr/share/bash-completion/completions/aami && complete -p aami' >/dev/null || fail "bash completion"
grep -q '^#compdef aami' /usr/share/zsh/vendor-completions/_aami || fail "zsh completion"
/usr/bin/aami validate --strict --repo "$root"
/usr/bin/aami render --repo "$root" --out "$work/site"
[[ $(/usr/lib/aami/dynamic-check.sh --version) == *" $version" ]] || fail "agent --version"
[[ $(stat -c '%U:%G %a' /etc/aami/agent.conf) == "root:aami-agent 640" ]] || fail "agent.conf ownership"
[[ $(stat -c '%U %a' /var/cache/aami) == "aami-agent 700" ]] || fail "cache directory"

step "5. the installed agent runs once as aami-agent against aami serve"
/usr/bin/aami serve --dir "$work/site" --tls-self-signed --port 0 --ca-out /etc/aami/ca.pem \
  >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 100); do [[ -s $work/serve.out ]] && break; sleep 0.2; done
url=$(sed -n 1p "$work/serve.out")
[[ $url == https://* ]] || { cat "$work/serve.err"; fail "aami serve did not start"; }
chmod 0644 /etc/aami/ca.pem
# The one line a node needs (AAMI_BASE_URL), plus what this machine lacks: a CA and a matching hostname.
sed -i "s|^AAMI_BASE_URL=.*|AAMI_BASE_URL=$url|" /etc/aami/agent.conf
printf 'AAMI_CA_FILE=/etc/aami/ca.pem\nAAMI_TARGET_ID=gpu-node-01\n' >>/etc/aami/agent.conf
unit=/lib/systemd/system/aami-dynamic-check.service
exec_start=$(sed -n 's/^ExecStart=//p' "$unit")
exec_condition=$(sed -n 's/^ExecCondition=//p' "$unit.d/unconfigured.conf")
textfile=/var/lib/node_exporter/textfile
if [[ -d /run/systemd/system ]]; then
  systemctl start aami-dynamic-check.service || true
else
  # systemd is not PID 1 here: run what the unit runs, as the unit's user, umask and condition.
  [[ $(sed -n 's/^User=//p' "$unit") == aami-agent ]] || fail "the unit's user"
  runuser -u aami-agent -- sh -c "$exec_condition" || fail "ExecCondition skipped a configured agent"
  status=0
  runuser -u aami-agent -- sh -c "umask 0022; exec $exec_start" || status=$?
  [[ $status == 0 || $status == 1 ]] || fail "the agent exited $status"
fi
grep -qx "aami_agent_info{version=\"$version\"} 1" "$textfile/aami_agent.prom" || fail "aami_agent_info"
ls "$textfile"/aami_check_*.prom >/dev/null || fail "no check metrics"
grep -q '^aami_check_success{' "$textfile"/aami_check_*.prom "$textfile/aami_agent.prom" ||
  fail "no aami_check_success"
[[ $(stat -c %U "$textfile/aami_agent.prom") == aami-agent ]] || fail "metrics not written by aami-agent"
echo "packages: agent wrote $(find "$textfile" -mindepth 1 -printf '%P ')"

step "6. installing the agent package again over a running agent"
cache_before=$(cd /var/cache/aami && find . -type f | sort | xargs sha256sum)
runuser -u aami-agent -- env AAMI_INTERVAL=1 /usr/lib/aami/dynamic-check.sh >"$work/loop.log" 2>&1 &
loop_pid=$!
sleep 2
before=$(stat -c %Y "$textfile/aami_agent.prom")
gaps=0
( while kill -0 "$loop_pid" 2>/dev/null; do [[ -f $textfile/aami_agent.prom ]] || echo gap; sleep 0.05; done ) >"$work/gaps" &
watch_pid=$!
dpkg -i "$dist/aami-agent_${version}_all.deb" >"$work/upgrade.log" 2>&1 || { cat "$work/upgrade.log"; fail "upgrade"; }
sleep 3
kill -0 "$loop_pid" || fail "the running agent died during the upgrade"
[[ $(stat -c %Y "$textfile/aami_agent.prom") -gt $before ]] || fail "the agent stopped publishing after the upgrade"
kill "$loop_pid"; wait "$loop_pid" 2>/dev/null || true; loop_pid=""
wait "$watch_pid" || true
gaps=$(grep -c gap "$work/gaps" || true)
[[ $gaps == 0 ]] || fail "aami_agent.prom was missing $gaps times during the upgrade"
grep -q "^AAMI_TARGET_ID=gpu-node-01" /etc/aami/agent.conf || fail "the upgrade changed agent.conf"
cache_after=$(cd /var/cache/aami && find . -type f | sort | xargs sha256sum)
[[ -n $cache_before ]] || fail "the cache was empty"
# The loop may have refreshed the list; what must hold is that every file survived.
for file in $(echo "$cache_before" | awk '{print $2}'); do
  [[ -f /var/cache/aami/$file ]] || fail "the upgrade lost the cached $file"
done
echo "packages: cache kept ($(echo "$cache_after" | wc -l) files), no gap in aami_agent.prom"

kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true; serve_pid=""

step "7. remove keeps the agent's state"
apt-get remove -y -qq aami aami-agent >"$work/remove.log" 2>&1 || { cat "$work/remove.log"; fail "remove"; }
for gone in /usr/bin/aami /usr/share/aami /var/cache/aami-cli /usr/lib/aami /usr/share/man/man1/aami.1.gz \
  /usr/share/bash-completion/completions/aami /usr/share/zsh/vendor-completions/_aami \
  /lib/systemd/system/aami-dynamic-check.service /lib/systemd/system/aami-dynamic-check.timer; do
  [[ ! -e $gone ]] || fail "$gone is left after remove"
done
for kept in /etc/aami/agent.conf /var/cache/aami "$textfile/aami_agent.prom"; do
  [[ -e $kept ]] || fail "remove deleted $kept"
done
getent passwd aami-agent >/dev/null || fail "remove deleted the user"

step "7. purge removes it"
apt-get purge -y -qq aami aami-agent >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "purge"; }
for gone in /etc/aami/agent.conf /var/cache/aami "$textfile/aami_agent.prom"; do
  [[ ! -e $gone ]] || fail "$gone is left after purge"
done
left=$(find "$textfile" -mindepth 1 -name '*aami*' -printf '%P ' 2>/dev/null || true)
[[ -z $left ]] || fail "purge left $left in $textfile"
# What remains by design (docs/INSTALL.md): the user, and /etc/aami/ca.pem, which this script added.
getent passwd aami-agent >/dev/null || fail "purge deleted the user (documented to stay)"
[[ $(ls -A /etc/aami) == ca.pem ]] || fail "/etc/aami holds $(ls -A /etc/aami)"
dpkg-query -W -f='${db:Status-Abbrev}' aami 2>/dev/null | grep -q '^i' && fail "aami still installed"
rm -rf /etc/aami
deluser --quiet --system aami-agent >/dev/null 2>&1 || true
echo "packages: all checks passed"
