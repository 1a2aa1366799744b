#!/usr/bin/env bash
# deploy/collectd/local.sh -- feeds this host's load, CPU, memory, root disk
# and network metrics into the local Graphite (deploy/graphite/local.sh), with
# a real collector: collectd from Debian 12's own packages.
#
# Usage: deploy/collectd/local.sh start|stop|status
#
#   start   Installs collectd-core with apt when it is missing, writes its own
#           config under the state dir, starts collectd with it, waits
#           (bounded) until collectd has connected to carbon's plaintext port
#           and prints exactly one line on stdout:
#               collectd: sending servers.<host>.* to 127.0.0.1:2003
#           Progress goes to stderr. Idempotent: when our collectd already
#           runs, it only prints that line. Fails fast when carbon does not
#           accept connections (start deploy/graphite/local.sh first); on
#           timeout it prints the tail of the log to stderr and exits non-zero.
#   stop    Stops our collectd (fine when nothing runs).
#   status  Prints running/stopped and whether it is connected to carbon;
#           exits 0 when running, 3 otherwise.
#
# Nothing under /etc/collectd is read or changed, and the Debian service
# (collectd.service, /etc/init.d/collectd) is never started or enabled: only
# collectd-core is installed (the "collectd" package would add
# /etc/collectd/collectd.conf, and with it a running Debian service), and the
# daemon runs as
#   collectd -C <state dir>/conf/collectd.conf -P <state dir>/run/collectd.pid
# collectd listens on nothing; it only connects out to carbon on 127.0.0.1.
#
# Environment overrides (defaults in brackets):
#   OPSROOM_COLLECTD_HOME          state dir: config, log, pid file
#                                  [/tmp/opsroom-collectd]
#   OPSROOM_COLLECTD_HOST          the host's name in the metric paths, one
#                                  path component: letters, digits, _ and -
#                                  [the short hostname, lower-cased, other
#                                  characters replaced by _]
#   OPSROOM_COLLECTD_CARBON_PORT   carbon plaintext line receiver on 127.0.0.1
#                                  [$OPSROOM_GRAPHITE_LINE_PORT, else 2003]
#   OPSROOM_COLLECTD_INTERVAL      seconds between readings [10] (carbon's
#                                  finest retention in deploy/graphite is 10s)
#   OPSROOM_COLLECTD_START_TIMEOUT seconds start waits for the connection to
#                                  carbon [40]
#
# Metric paths (write_graphite: Prefix "servers.", SeparateInstances true,
# AlwaysAppendDS false, StoreRates true), verified against the local Graphite:
# see deploy/collectd/METRICS.md, e.g.
#   servers.<host>.load.load.shortterm          1-minute load average
#   servers.<host>.cpu.percent.{user,system,idle,wait,...}
#   servers.<host>.memory.percent.used          memory used, percent
#   servers.<host>.df.root.percent_bytes.used   root filesystem used, percent
#
# Layout of the state dir:
#   conf/collectd.conf   rewritten on every start that starts collectd
#   log/collectd.log     collectd's log (logfile plugin)
#   log/collectd.out     collectd's stdout/stderr before it daemonizes
#   run/collectd.pid     the pid file
#   data/                collectd's BaseDir (no plugin writes there)
set -euo pipefail

readonly BIND=127.0.0.1
readonly COLLECTD=/usr/sbin/collectd
readonly PLUGIN_DIR=/usr/lib/collectd
readonly TYPES_DB=/usr/share/collectd/types.db
readonly PACKAGES_REQUIRED=(collectd-core)
readonly PREFIX=servers.

default_host() {
  local name
  name=$(uname -n 2>/dev/null || hostname 2>/dev/null || true)
  name=${name%%.*}
  name=$(printf '%s' "$name" | tr '[:upper:]' '[:lower:]' | tr -c 'a-z0-9_-' '_')
  printf '%s\n' "${name:-localhost}"
}

STATE_DIR=${OPSROOM_COLLECTD_HOME:-/tmp/opsroom-collectd}
HOST_NAME=${OPSROOM_COLLECTD_HOST:-$(default_host)}
CARBON_PORT=${OPSROOM_COLLECTD_CARBON_PORT:-${OPSROOM_GRAPHITE_LINE_PORT:-2003}}
INTERVAL=${OPSROOM_COLLECTD_INTERVAL:-10}
START_TIMEOUT=${OPSROOM_COLLECTD_START_TIMEOUT:-40}

log() { printf 'collectd-local: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case $STATE_DIR in
  /*) ;;
  *) STATE_DIR="$(pwd)/$STATE_DIR" ;;
esac
while [[ $STATE_DIR == */ && $STATE_DIR != / ]]; do STATE_DIR=${STATE_DIR%/}; done
# The path is written verbatim into collectd's config (double-quoted strings).
case $STATE_DIR in
  *[\'\"\\\$\`\ ]* | *$'\n'*) die "OPSROOM_COLLECTD_HOME must not contain quotes, backslashes, \$, backticks or spaces: $STATE_DIR" ;;
esac
# One Graphite path component: a dot would add levels, and the alert files
# reference servers.<host>.<plugin>... by position.
[[ $HOST_NAME =~ ^[A-Za-z0-9_-]+$ ]] \
  || die "OPSROOM_COLLECTD_HOST must be letters, digits, _ or - (no dots), got '$HOST_NAME'"
for _p in CARBON_PORT INTERVAL START_TIMEOUT; do
  [[ ${!_p} =~ ^[0-9]+$ ]] || die "$_p must be a number, got '${!_p}'"
done
(( INTERVAL > 0 )) || die "OPSROOM_COLLECTD_INTERVAL must be at least 1"

CONF_DIR=$STATE_DIR/conf
LOG_DIR=$STATE_DIR/log
RUN_DIR=$STATE_DIR/run
DATA_DIR=$STATE_DIR/data
CONF=$CONF_DIR/collectd.conf
PID_FILE=$RUN_DIR/collectd.pid
LOG_FILE=$LOG_DIR/collectd.log
OUT_FILE=$LOG_DIR/collectd.out
RESULT="collectd: sending $PREFIX$HOST_NAME.* to $BIND:$CARBON_PORT"

# ---------------------------------------------------------------- packages --

pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing_packages() {
  local p
  for p in "$@"; do pkg_installed "$p" || printf '%s\n' "$p"; done
}

# Another apt/dpkg run (e.g. a provisioning install logging to /tmp/apt.log,
# or deploy/graphite/local.sh) may hold the locks: wait for it instead of
# failing.
wait_for_apt_locks() {
  local waited=0 limit=900
  while fuser /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock \
              /var/lib/apt/lists/lock /var/cache/apt/archives/lock >/dev/null 2>&1; do
    if (( waited == 0 )); then
      log "another apt/dpkg run holds the lock; waiting (see /tmp/apt.log if it exists)"
    fi
    (( waited >= limit )) && die "apt/dpkg lock still held after ${limit}s"
    sleep 3; waited=$((waited + 3))
  done
}

apt_run() {
  local attempt
  for attempt in 1 2 3 4 5; do
    wait_for_apt_locks
    if DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 "$@" >&2; then
      return 0
    fi
    log "apt-get $1 failed (attempt $attempt); retrying"
    sleep 5
  done
  return 1
}

apt_lists_empty() {
  ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null
}

# collectd-core carries /usr/sbin/collectd, types.db and every plugin used
# here (cpu, load, memory, df, interface, logfile, write_graphite) with no
# extra library. It ships no /etc/collectd/collectd.conf, so its postinst
# finds the Debian service "disabled, no configuration" and starts nothing.
ensure_packages() {
  local missing
  missing=$(missing_packages "${PACKAGES_REQUIRED[@]}")
  if [[ -n $missing ]]; then
    # shellcheck disable=SC2086
    set -- $missing
    [[ $(id -u) -eq 0 ]] || die "missing Debian packages ($*) and not root to install them"
    log "installing Debian packages: $* (without recommends: no Debian service config)"
    if apt_lists_empty; then apt_run update || true; fi
    if ! apt_run install -y --no-install-recommends "$@"; then
      apt_run update || true
      apt_run install -y --no-install-recommends "$@" || true
    fi
    missing=$(missing_packages "${PACKAGES_REQUIRED[@]}")
    [[ -z $missing ]] || die "could not install: $missing"
  fi
  [[ -x $COLLECTD ]] || die "$COLLECTD not found (package collectd-core)"
  [[ -r $TYPES_DB ]] || die "$TYPES_DB not found (package collectd-core)"
  local p
  for p in logfile cpu load memory df interface write_graphite; do
    [[ -r $PLUGIN_DIR/$p.so ]] || die "plugin $PLUGIN_DIR/$p.so not found (package collectd-core)"
  done
}

# ------------------------------------------------------------------ config --

# Writes the config to "$1".
render_config() {
  cat >"$1" <<EOF
# Generated by deploy/collectd/local.sh -- rewritten on every start that
# starts collectd. Not /etc/collectd: run with
#   $COLLECTD -C $CONF -P $PID_FILE
Hostname "$HOST_NAME"
FQDNLookup false
BaseDir "$DATA_DIR"
PIDFile "$PID_FILE"
PluginDir "$PLUGIN_DIR"
TypesDB "$TYPES_DB"
Interval $INTERVAL
ReadThreads 2
WriteThreads 1
AutoLoadPlugin false
CollectInternalStats false

# First, so that every later message (config errors too) lands in our log.
LoadPlugin logfile
<Plugin logfile>
  LogLevel info
  File "$LOG_FILE"
  Timestamp true
  PrintSeverity true
</Plugin>

# servers.<host>.cpu.percent.<state>: all CPUs together, percent.
LoadPlugin cpu
<Plugin cpu>
  ReportByCpu false
  ReportByState true
  ValuesPercentage true
  ReportNumCpu true
</Plugin>

# servers.<host>.load.load.{shortterm,midterm,longterm}
LoadPlugin load
<Plugin load>
  ReportRelative false
</Plugin>

# servers.<host>.memory.memory.<kind> (bytes) and .memory.percent.<kind>
LoadPlugin memory
<Plugin memory>
  ValuesAbsolute true
  ValuesPercentage true
</Plugin>

# servers.<host>.df.root.df_complex.<kind> (bytes) and
# .df.root.percent_bytes.<kind>: the root filesystem only.
LoadPlugin df
<Plugin df>
  MountPoint "/"
  IgnoreSelected false
  ReportByDevice false
  ReportInodes false
  ValuesAbsolute true
  ValuesPercentage true
</Plugin>

# servers.<host>.interface.<if>.if_{octets,packets,errors,dropped}.{rx,tx}
# (per second), every interface but loopback and virtual ones.
LoadPlugin interface
<Plugin interface>
  Interface "lo"
  Interface "/^veth/"
  Interface "/^ifb[0-9]+\$/"
  Interface "/^docker/"
  Interface "/^br-/"
  IgnoreSelected true
  ReportInactive false
</Plugin>

# Flush every interval: without it a reading waits in the 1428-byte send
# buffer until the next ones fill it.
<LoadPlugin write_graphite>
  FlushInterval $INTERVAL
</LoadPlugin>
<Plugin write_graphite>
  <Node "opsroom-local">
    Host "$BIND"
    Port "$CARBON_PORT"
    Protocol "tcp"
    ReconnectInterval 0
    LogSendErrors true
    Prefix "$PREFIX"
    Postfix ""
    EscapeCharacter "_"
    StoreRates true
    SeparateInstances true
    AlwaysAppendDS false
    PreserveSeparator false
    DropDuplicateFields false
    UseTags false
  </Node>
</Plugin>
EOF
}

write_config() {
  mkdir -p "$CONF_DIR" "$LOG_DIR" "$RUN_DIR" "$DATA_DIR"
  render_config "$CONF.tmp"
  local out
  if ! out=$("$COLLECTD" -t -C "$CONF.tmp" 2>&1); then
    log "$out"
    [[ -s $LOG_FILE ]] && tail -n 20 "$LOG_FILE" >&2
    die "collectd rejects the generated config ($CONF.tmp)"
  fi
  mv -f "$CONF.tmp" "$CONF"
}

# When collectd already runs, say so if the settings asked for now differ from
# the ones it was started with; start does not restart it.
warn_if_config_differs() {
  [[ -s $CONF ]] || return 0
  mkdir -p "$CONF_DIR"
  render_config "$CONF.check"
  if ! cmp -s "$CONF" "$CONF.check"; then
    log "WARNING: collectd runs with the settings of $CONF, which differ from the ones asked for now; '$0 stop' first to change them"
  fi
  rm -f "$CONF.check"
}

# --------------------------------------------------------------- processes --

read_pid() { if [[ -s $1 ]]; then tr -dc '0-9' <"$1"; fi; }

# A pid counts as ours only if it is alive and its command line names our
# state dir (guards against a recycled pid, and against the Debian service or
# another instance whose state dir merely starts with ours).
pid_is_ours() {
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$STATE_DIR/"
}

collectd_pid() { local p; p=$(read_pid "$PID_FILE"); pid_is_ours "$p" && echo "$p"; }

# A setting of the config collectd was started with (first match of
# '<indent>Key "value"' or '<indent>Key value'), for status and a repeated
# start: what runs wins over what the environment asks for now.
running_setting() {
  [[ -s $CONF ]] || return 1
  sed -nE "s/^[[:space:]]*$1[[:space:]]+\"?([^\" ]+)\"?[[:space:]]*\$/\1/p" "$CONF" | head -n 1
}

use_running_settings() {
  local v
  v=$(running_setting Hostname || true); [[ -n $v ]] && HOST_NAME=$v
  v=$(running_setting Port || true); [[ -n $v ]] && CARBON_PORT=$v
  v=$(running_setting Interval || true); [[ -n $v ]] && INTERVAL=$v
  RESULT="collectd: sending $PREFIX$HOST_NAME.* to $BIND:$CARBON_PORT"
}

tcp_open() { (exec 3<>"/dev/tcp/$BIND/$1") 2>/dev/null; }

# Whether process $1 holds an established TCP connection to carbon.
connected_to_carbon() {
  local pid=$1
  ss -Htnp state established "dst $BIND:$CARBON_PORT" 2>/dev/null | grep -q "pid=$pid,"
}

show_logs() {
  local f
  for f in "$OUT_FILE" "$LOG_FILE"; do
    [[ -s $f ]] || continue
    printf '\n==> %s <==\n' "$f" >&2
    tail -n 30 "$f" >&2
  done
}

start_collectd() {
  rm -f "$PID_FILE"
  log "starting collectd ($PREFIX$HOST_NAME.* every ${INTERVAL}s to $BIND:$CARBON_PORT)"
  # collectd daemonizes itself (the parent exits once the child is forked)
  # and the child writes the pid file. Its own session, so that it outlives
  # the caller's process group.
  if ! (cd "$STATE_DIR" && exec setsid "$COLLECTD" -C "$CONF" -P "$PID_FILE") \
        >>"$OUT_FILE" 2>&1 </dev/null; then
    show_logs
    die "collectd failed to start (logs: $LOG_DIR)"
  fi
}

wait_connected() {
  local start=$SECONDS pid='' seen=''
  while (( SECONDS - start < START_TIMEOUT )); do
    pid=$(collectd_pid || true)
    if [[ -n $pid ]]; then
      seen=1
      if connected_to_carbon "$pid"; then
        log "collectd (pid $pid) is connected to carbon on $BIND:$CARBON_PORT"
        return 0
      fi
    elif [[ -n $seen ]] || (( SECONDS - start > 10 )); then
      log "collectd is not running"; show_logs; return 1
    fi
    sleep 0.5
  done
  log "timed out after ${START_TIMEOUT}s waiting for collectd to connect to carbon on $BIND:$CARBON_PORT"
  show_logs
  return 1
}

# Alive and not a zombie waiting to be reaped by whoever adopted it.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  local state
  state=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$1/stat" 2>/dev/null || true)
  [[ $state != Z ]]
}

stop_collectd() {
  local pid
  pid=$(read_pid "$PID_FILE")
  if ! pid_is_ours "$pid"; then
    rm -f "$PID_FILE"; log "collectd: not running"; return 0
  fi
  log "collectd: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    alive "$pid" || break
    sleep 0.2
  done
  if alive "$pid"; then
    log "collectd: still alive after 20s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
}

# ---------------------------------------------------------------- commands --

cmd_start() {
  local pid
  if pid=$(collectd_pid); then
    log "already running (pid $pid, state dir $STATE_DIR)"
    warn_if_config_differs
    use_running_settings
    echo "$RESULT"
    return 0
  fi
  if ! tcp_open "$CARBON_PORT"; then
    die "carbon does not accept connections on $BIND:$CARBON_PORT: run deploy/graphite/local.sh start first (or set OPSROOM_COLLECTD_CARBON_PORT)"
  fi
  ensure_packages
  write_config
  start_collectd
  if ! wait_connected; then
    die "collectd did not connect to carbon; logs are in $LOG_DIR ('$0 stop' cleans up)"
  fi
  log "config: $CONF  log: $LOG_FILE"
  echo "$RESULT"
}

cmd_stop() {
  stop_collectd
}

cmd_status() {
  local pid conn
  if pid=$(collectd_pid); then
    use_running_settings
    if connected_to_carbon "$pid"; then conn=connected; else conn="not connected"; fi
    echo "collectd: running (pid $pid, $PREFIX$HOST_NAME.* every ${INTERVAL}s to $BIND:$CARBON_PORT, $conn)"
    echo "state dir: $STATE_DIR"
    return 0
  fi
  echo "collectd: stopped"
  echo "state dir: $STATE_DIR"
  return 3
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
