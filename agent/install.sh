#!/usr/bin/env bash
# Installs the aami node agent on this machine: dynamic-check.sh, its systemd service and timer, an
# example configuration and a dedicated system user. Idempotent: re-running upgrades the script and
# units and never overwrites /etc/aami/agent.conf. See docs/AGENT.md.
set -euo pipefail

readonly PROG=install.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly here
readonly DEFAULT_USER=aami-agent
readonly DEFAULT_TEXTFILE_DIR=/var/lib/node_exporter/textfile
readonly UNIT=aami-dynamic-check

usage() {
  cat <<'EOF'
Usage: install.sh [--user NAME] [--textfile-dir DIR] [--no-start] [--destdir DIR]

Installs, as root:
  /usr/local/lib/aami/dynamic-check.sh
  /etc/systemd/system/aami-dynamic-check.service and .timer (every minute)
  /etc/aami/agent.conf.example, and /etc/aami/agent.conf when it does not exist yet
  /usr/local/share/doc/aami/AGENT.md
and creates the system user the checks run as, then enables the timer once AAMI_BASE_URL is set.

Options:
  --user NAME          run checks as NAME instead of aami-agent (e.g. root, for checks that need it)
  --textfile-dir DIR   node_exporter's textfile directory (default /var/lib/node_exporter/textfile)
  --no-start           install only; do not enable or start the timer
  --destdir DIR        stage the files under DIR (packaging, tests): no user, no systemctl, no chown
  -h, --help           show this help
EOF
}

die() {
  printf '%s: error: %s\n' "$PROG" "$1" >&2
  exit "${2:-1}"
}
note() { printf '%s: %s\n' "$PROG" "$1" >&2; }

user=$DEFAULT_USER
textfile_dir=$DEFAULT_TEXTFILE_DIR
start=1
destdir=""
while (($#)); do
  case $1 in
    -h | --help)
      usage
      exit 0
      ;;
    --user | --textfile-dir | --destdir)
      (($# >= 2)) || die "$1 needs a value" 2
      case $1 in
        --user) user=$2 ;;
        --textfile-dir) textfile_dir=$2 ;;
        --destdir) destdir=$2 ;;
      esac
      shift
      ;;
    --no-start) start=0 ;;
    *) die "unknown argument '$1' (see --help)" 2 ;;
  esac
  shift
done
[[ $user =~ ^[a-z_][a-z0-9_-]*$ ]] || die "invalid user name '$user'" 2
[[ $textfile_dir == /* ]] || die "--textfile-dir must be an absolute path" 2
[[ -z $destdir || $destdir == /* ]] || die "--destdir must be an absolute path" 2

live=1
[[ -n $destdir ]] && live=0
if ((live)) && ((EUID != 0)); then
  die "run as root (or use --destdir to stage the files)" 2
fi

missing=()
for tool in bash curl jq awk flock sha256sum timeout; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  message="missing ${missing[*]}; install them first (Debian/Ubuntu: apt-get install curl jq util-linux coreutils)"
  if ((live)); then die "$message"; fi
  note "warning: $message"
fi

install -d -m 0755 "$destdir/usr/local/lib/aami" "$destdir/etc/systemd/system" "$destdir/etc/aami" \
  "$destdir/usr/local/share/doc/aami"
install -m 0755 "$here/dynamic-check.sh" "$destdir/usr/local/lib/aami/dynamic-check.sh"
install -m 0644 "$here/$UNIT.service" "$here/$UNIT.timer" "$destdir/etc/systemd/system/"
install -m 0644 "$here/agent.conf.example" "$destdir/etc/aami/agent.conf.example"
if [[ -f $here/../docs/AGENT.md ]]; then
  install -m 0644 "$here/../docs/AGENT.md" "$destdir/usr/local/share/doc/aami/AGENT.md"
fi

conf=$destdir/etc/aami/agent.conf
if [[ ! -e $conf ]]; then
  install -m 0640 "$here/agent.conf.example" "$conf"
  note "created $conf from the example; set AAMI_BASE_URL (and AAMI_TARGET_ID) there"
fi

# Only what differs from the shipped unit goes into a drop-in, so upgrades keep the hardening.
dropin_dir=$destdir/etc/systemd/system/$UNIT.service.d
dropin=$dropin_dir/install.conf
if [[ $user != "$DEFAULT_USER" || $textfile_dir != "$DEFAULT_TEXTFILE_DIR" ]]; then
  install -d -m 0755 "$dropin_dir"
  {
    printf '# Written by agent/install.sh; re-run it rather than editing this file.\n[Service]\n'
    if [[ $user != "$DEFAULT_USER" ]]; then printf 'User=%s\nGroup=%s\n' "$user" "$user"; fi
    if [[ $user == root ]]; then
      # Root with the shipped empty bounding set could not even bypass file permissions.
      printf 'CapabilityBoundingSet=~\n'
    fi
    if [[ $textfile_dir != "$DEFAULT_TEXTFILE_DIR" ]]; then
      printf 'Environment=AAMI_TEXTFILE_DIR=%s\nReadWritePaths=-%s\n' "$textfile_dir" "$textfile_dir"
    fi
  } >"$dropin"
  chmod 0644 "$dropin"
else
  rm -f "$dropin"
fi

if ((!live)); then
  note "staged under $destdir"
  exit 0
fi

if [[ $user != root ]] && ! id -u "$user" >/dev/null 2>&1; then
  useradd --system --user-group --home-dir /nonexistent --no-create-home \
    --shell /usr/sbin/nologin --comment "aami node agent" "$user"
  note "created system user $user"
fi
chgrp "$user" "$conf" 2>/dev/null || true

if [[ ! -d $textfile_dir ]]; then
  install -d -m 0755 -o "$user" -g "$user" "$textfile_dir"
  note "created $textfile_dir (point node_exporter's --collector.textfile.directory at it)"
elif command -v runuser >/dev/null 2>&1 && ! runuser -u "$user" -- test -w "$textfile_dir"; then
  note "warning: $user cannot write $textfile_dir; e.g. chgrp $user $textfile_dir && chmod g+w $textfile_dir"
fi

systemctl daemon-reload
if ((!start)); then
  note "installed; enable with: systemctl enable --now $UNIT.timer"
elif grep -Eq '^[[:space:]]*AAMI_BASE_URL[[:space:]]*=[[:space:]]*["'\'']?https://' "$conf" &&
  ! grep -Eq '^[[:space:]]*AAMI_BASE_URL[[:space:]]*=[[:space:]]*["'\'']?https://aami\.example\.com' "$conf"; then
  systemctl enable --now "$UNIT.timer"
  note "timer enabled; first run in about 30s (journalctl -u $UNIT.service)"
else
  note "installed; set AAMI_BASE_URL in $conf, then: systemctl enable --now $UNIT.timer"
fi
