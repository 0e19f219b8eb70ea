#!/usr/bin/env bash
# Runs, as an unprivileged user, the tests that skip as root because root reads any file and really
# installs the agent: CI runs as root, so without this they would never run. Called by .ci/run after
# `mvn verify` (it reuses the compiled classes and the resolved dependencies); as a non-root user it
# has nothing to add and says so. Fails when any of these tests is skipped or fails.
set -euo pipefail
cd "$(dirname "$0")/.."

tests='HostileInputTest#unreadableFileIsAnIoDiagnostic'
tests+=',SpecialFilesTest#anUnlistableDirectoryIsReportedWithoutAJavaExceptionName+anUnreadableScriptFileErrorSaysWhy'
tests+=',AgentPackagingTest#installWithoutRootOrDestdirRefuses'

if [ "$(id -u)" -ne 0 ]; then
  echo "unprivileged tests: not root, so mvn verify already ran them"
  exit 0
fi

user=nobody
group=$(id -gn "$user")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"
# A copy of the checkout (with target/) the user owns, and the local Maven repository hard-linked:
# only its directories change owner, so that Maven may write its bookkeeping files there.
cp -a . "$work/project"
rm -rf "$work/project/target/surefire-reports"
chown -R "$user:$group" "$work/project"
repo="${MAVEN_REPO:-$HOME/.m2/repository}"
cp -al "$repo" "$work/m2" 2>/dev/null || { rm -rf "$work/m2"; cp -a "$repo" "$work/m2"; }  # another file system: copy
find "$work/m2" -type d -exec chown "$user:$group" {} +

setpriv --reuid="$user" --regid="$group" --clear-groups -- \
  env HOME="$work" mvn -B -ntp -o -q -f "$work/project/pom.xml" -Dmaven.repo.local="$work/m2" \
  surefire:test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false

read -r ran skipped < <(cat "$work"/project/target/surefire-reports/*.txt | awk '
  /^Tests run:/ { gsub(",", ""); run += $3; skipped += $9 } END { print run + 0, skipped + 0 }')
if [ "$ran" -ne 4 ] || [ "$skipped" -ne 0 ]; then
  echo "unprivileged tests: expected 4 run and none skipped, got $ran run and $skipped skipped" >&2
  exit 1
fi
echo "unprivileged tests: 4 passed, none skipped"
