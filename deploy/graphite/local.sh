#!/usr/bin/env bash
# deploy/graphite/local.sh -- a real, throw-away Graphite on loopback, built
# from Debian 12's own packages, for Opsroom's integration tests and a local
# stack.
#
# Usage: deploy/graphite/local.sh start|stop|status
#
#   start   Installs graphite-carbon, graphite-web (and gunicorn) with apt when
#           missing, writes its own config under the state dir, starts
#           carbon-cache and graphite-web, waits (bounded) until both answer and
#           prints exactly one line on stdout:
#               Graphite: http://127.0.0.1:8085
#           Progress goes to stderr. Idempotent: when both already run and
#           answer, it only prints that line. On timeout it prints the tail of
#           the logs to stderr and exits non-zero.
#   stop    Stops both processes (fine when nothing runs).
#   status  Prints running/stopped for each; exits 0 when both run, 3 otherwise.
#
# Nothing under /etc/carbon, /etc/graphite or /var/lib/graphite is read or
# changed, and the Debian services (carbon-cache.service) are never started or
# enabled. Both daemons run as the calling user from files in the state dir.
#
# Environment overrides (defaults in brackets):
#   OPSROOM_GRAPHITE_HOME          state dir: config, whisper data, sqlite DB,
#                                  logs, pid files [/tmp/opsroom-graphite]
#   OPSROOM_GRAPHITE_LINE_PORT     carbon plaintext line receiver [2003]
#   OPSROOM_GRAPHITE_PICKLE_PORT   carbon pickle receiver [2004]
#   OPSROOM_GRAPHITE_QUERY_PORT    carbon cache query port (carbonlink) [7002]
#   OPSROOM_GRAPHITE_HTTP_PORT     graphite-web render API [8085]
#   OPSROOM_GRAPHITE_RETENTIONS    whisper retentions for every metric
#                                  [10s:1d,1m:30d] (carbon's units are the
#                                  single letters s m h d w y: "1min" fails)
#   OPSROOM_GRAPHITE_START_TIMEOUT seconds start waits for both to answer [60]
#   OPSROOM_GRAPHITE_WEB_SERVER    auto|gunicorn|runserver [auto: gunicorn when
#                                  Debian's python3-gunicorn is importable,
#                                  else Django's runserver --noreload]
# Everything binds to 127.0.0.1 only.
#
# Layout of the state dir:
#   conf/          carbon.conf, storage-schemas.conf, storage-aggregation.conf,
#                  webapp/opsroom_graphite_local_settings.py, secret_key
#   storage/       whisper/ (the .wsp files), graphite.db (sqlite), index
#   log/           carbon/ (carbon's own logs), webapp/ (graphite-web logs),
#                  carbon-cache.out, graphite-web.out (stdout/stderr)
#   run/           carbon-cache.pid, graphite-web.pid
#
# Graphite unit gotcha, both ways round:
#   render API (graphite-web): minutes are "min": from=-5min ("-5m" is an error)
#   storage-schemas.conf (carbon): minutes are "m": 1m:30d ("1min" is an error)
set -euo pipefail

readonly BIND=127.0.0.1
readonly PY=/usr/bin/python3   # Debian's python3: has Django and graphite-web.
readonly PACKAGES_REQUIRED=(graphite-carbon graphite-web)
readonly PACKAGES_OPTIONAL=(gunicorn)

STATE_DIR=${OPSROOM_GRAPHITE_HOME:-/tmp/opsroom-graphite}
LINE_PORT=${OPSROOM_GRAPHITE_LINE_PORT:-2003}
PICKLE_PORT=${OPSROOM_GRAPHITE_PICKLE_PORT:-2004}
QUERY_PORT=${OPSROOM_GRAPHITE_QUERY_PORT:-7002}
HTTP_PORT=${OPSROOM_GRAPHITE_HTTP_PORT:-8085}
RETENTIONS=${OPSROOM_GRAPHITE_RETENTIONS:-10s:1d,1m:30d}
START_TIMEOUT=${OPSROOM_GRAPHITE_START_TIMEOUT:-60}
WEB_SERVER=${OPSROOM_GRAPHITE_WEB_SERVER:-auto}

log() { printf 'graphite-local: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

case $STATE_DIR in
  /*) ;;
  *) STATE_DIR="$(pwd)/$STATE_DIR" ;;
esac
while [[ $STATE_DIR == */ && $STATE_DIR != / ]]; do STATE_DIR=${STATE_DIR%/}; done
# The path is written verbatim into Python and carbon config files.
case $STATE_DIR in
  *[\'\"\\\$\`\ ]* | *$'\n'*) die "OPSROOM_GRAPHITE_HOME must not contain quotes, backslashes, \$, backticks or spaces: $STATE_DIR" ;;
esac
for _p in LINE_PORT PICKLE_PORT QUERY_PORT HTTP_PORT START_TIMEOUT; do
  [[ ${!_p} =~ ^[0-9]+$ ]] || die "$_p must be a number, got '${!_p}'"
done
_ret_def='[0-9]+[smhdwy]?:[0-9]+[smhdwy]?'
[[ $RETENTIONS =~ ^$_ret_def(,$_ret_def)*$ ]] \
  || die "OPSROOM_GRAPHITE_RETENTIONS must look like 10s:1d,1m:30d (units s m h d w y), got '$RETENTIONS'"

CONF_DIR=$STATE_DIR/conf
WEBCONF_DIR=$CONF_DIR/webapp
STORAGE_DIR=$STATE_DIR/storage
WHISPER_DIR=$STORAGE_DIR/whisper
LOG_DIR=$STATE_DIR/log
RUN_DIR=$STATE_DIR/run
CARBON_PID=$RUN_DIR/carbon-cache.pid
WEB_PID=$RUN_DIR/graphite-web.pid
CARBON_OUT=$LOG_DIR/carbon-cache.out
WEB_OUT=$LOG_DIR/graphite-web.out
SETTINGS_MODULE=opsroom_graphite_local_settings
URL="http://$BIND:$HTTP_PORT"

# ---------------------------------------------------------------- packages --

pkg_installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing_packages() {
  local p
  for p in "$@"; do pkg_installed "$p" || printf '%s\n' "$p"; done
}

# Another apt/dpkg run (e.g. a provisioning install logging to /tmp/apt.log)
# may hold the locks: wait for it instead of failing.
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

ensure_packages() {
  local missing
  missing=$(missing_packages "${PACKAGES_REQUIRED[@]}" "${PACKAGES_OPTIONAL[@]}")
  [[ -z $missing ]] && return 0
  # shellcheck disable=SC2086
  set -- $missing
  [[ $(id -u) -eq 0 ]] || die "missing Debian packages ($*) and not root to install them"
  log "installing Debian packages: $*"
  if apt_lists_empty; then apt_run update || true; fi
  if ! apt_run install -y --no-install-recommends "$@"; then
    apt_run update || true
    apt_run install -y --no-install-recommends "$@" \
      || apt_run install -y --no-install-recommends \
           $(missing_packages "${PACKAGES_REQUIRED[@]}") || true
  fi
  missing=$(missing_packages "${PACKAGES_REQUIRED[@]}")
  [[ -z $missing ]] || die "could not install: $missing"
  [[ -x $PY ]] || die "$PY not found"
}

# ------------------------------------------------------------------ config --

write_config() {
  mkdir -p "$CONF_DIR" "$WEBCONF_DIR" "$WHISPER_DIR" "$STORAGE_DIR/lists" \
           "$LOG_DIR/carbon" "$LOG_DIR/webapp" "$RUN_DIR"

  cat >"$CONF_DIR/carbon.conf" <<EOF
# Generated by deploy/graphite/local.sh -- rewritten on every start.
[cache]
STORAGE_DIR = $STORAGE_DIR/
LOCAL_DATA_DIR = $WHISPER_DIR/
WHITELISTS_DIR = $STORAGE_DIR/lists/
CONF_DIR = $CONF_DIR/
LOG_DIR = $LOG_DIR/carbon/
PID_DIR = $RUN_DIR/
DATABASE = whisper
ENABLE_LOGROTATION = False
USER =

MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = inf
MAX_CREATES_PER_MINUTE = inf
MIN_TIMESTAMP_RESOLUTION = 1

LINE_RECEIVER_INTERFACE = $BIND
LINE_RECEIVER_PORT = $LINE_PORT
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = $BIND
PICKLE_RECEIVER_PORT = $PICKLE_PORT
PICKLE_RECEIVER_MAX_LENGTH = 1048576
USE_INSECURE_UNPICKLER = False
CACHE_QUERY_INTERFACE = $BIND
CACHE_QUERY_PORT = $QUERY_PORT

USE_FLOW_CONTROL = True
LOG_UPDATES = False
LOG_CREATES = True
LOG_CACHE_HITS = False
LOG_CACHE_QUEUE_SORTS = False
LOG_LISTENER_CONNECTIONS = False
CACHE_WRITE_STRATEGY = sorted
WHISPER_AUTOFLUSH = False
WHISPER_FALLOCATE_CREATE = True

# carbon reports its own health under carbon.agents.* every minute: the example alerts in
# alerts/graphite.yaml watch it. Tests use their own metric names, so these do not disturb them.
CARBON_METRIC_INTERVAL = 60

# Tagged series (name;tag=value) are registered in graphite-web's tag DB.
ENABLE_TAGS = True
GRAPHITE_URL = $URL
EOF

  cat >"$CONF_DIR/storage-schemas.conf" <<EOF
# Generated by deploy/graphite/local.sh -- rewritten on every start.
# Applies when a metric's whisper file is created; delete the state dir to
# re-create files with a changed retention.
[default]
pattern = .*
retentions = $RETENTIONS
EOF

  cat >"$CONF_DIR/storage-aggregation.conf" <<'EOF'
# Generated by deploy/graphite/local.sh -- rewritten on every start.
[default]
pattern = .*
xFilesFactor = 0
aggregationMethod = average
EOF

  if [[ ! -s $CONF_DIR/secret_key ]]; then
    (umask 077; "$PY" -c 'import secrets; print(secrets.token_hex(32))' >"$CONF_DIR/secret_key")
  fi

  cat >"$WEBCONF_DIR/$SETTINGS_MODULE.py" <<EOF
# Generated by deploy/graphite/local.sh -- rewritten on every start.
# Loaded by Debian's graphite/settings.py through
# GRAPHITE_SETTINGS_MODULE=$SETTINGS_MODULE with this folder on PYTHONPATH,
# instead of /etc/graphite/local_settings.py.
OPSROOM_LOCAL_SETTINGS = True

with open('$CONF_DIR/secret_key') as _f:
    SECRET_KEY = _f.read().strip()

ALLOWED_HOSTS = ['*']
TIME_ZONE = 'UTC'
DEBUG = False
LOG_ROTATION = False
LOG_RENDERING_PERFORMANCE = False
LOG_CACHE_PERFORMANCE = False
LOG_INFO_PERFORMANCE = False
DEFAULT_XFILES_FACTOR = 0

GRAPHITE_ROOT = '/usr/share/graphite-web'
STATIC_ROOT = '/usr/share/graphite-web/static'
CONF_DIR = '$WEBCONF_DIR'
STORAGE_DIR = '$STORAGE_DIR'
WHISPER_DIR = '$WHISPER_DIR/'
CERES_DIR = '$STORAGE_DIR/ceres/'
RRD_DIR = '$STORAGE_DIR/rrd/'
STANDARD_DIRS = ['$WHISPER_DIR/']
LOG_DIR = '$LOG_DIR/webapp'
INDEX_FILE = '$STORAGE_DIR/index'
WHITELIST_FILE = '$STORAGE_DIR/lists/whitelist'

DATABASES = {
    'default': {
        'NAME': '$STORAGE_DIR/graphite.db',
        'ENGINE': 'django.db.backends.sqlite3',
        'USER': '',
        'PASSWORD': '',
        'HOST': '',
        'PORT': '',
    }
}

# Ask our carbon-cache for points not yet flushed to whisper.
CARBONLINK_HOSTS = ['$BIND:$QUERY_PORT:a']
# Points not yet written to disk are read from carbon's cache. When that query times out,
# graphite-web answers from disk alone (older values) and skips the cache for a while: on a busy
# machine 1 s (the default) is too short and renders go stale.
CARBONLINK_TIMEOUT = 5.0
CARBONLINK_RETRY_DELAY = 2

# Only our local whisper files, no cluster.
CLUSTER_SERVERS = []
FUNCTION_PLUGINS = []
EOF
}

# Environment for every graphite-web / Django command. Debian's settings.py
# appends /etc/graphite to sys.path and imports GRAPHITE_SETTINGS_MODULE
# (default "local_settings" -> /etc/graphite/local_settings.py); we point it at
# our own, uniquely named module instead. Commands run from the state dir so
# that nothing in the caller's cwd (sys.path[0]) shadows graphite or django.
WEB_ENV=(env -u PYTHONHOME -u PYTHONSTARTUP -u VIRTUAL_ENV
         PYTHONPATH="$WEBCONF_DIR"
         DJANGO_SETTINGS_MODULE=graphite.settings
         GRAPHITE_SETTINGS_MODULE="$SETTINGS_MODULE"
         PYTHONDONTWRITEBYTECODE=1)
web_env() { (cd "$STATE_DIR" && exec "${WEB_ENV[@]}" "$@"); }

check_web_settings() {
  local out
  if ! out=$(web_env "$PY" -W ignore -c '
import sys
from django.conf import settings
import graphite.settings as s
ok = getattr(s, "OPSROOM_LOCAL_SETTINGS", False) and s.WHISPER_DIR == sys.argv[1]
print("WHISPER_DIR=%s DB=%s" % (s.WHISPER_DIR, s.DATABASES["default"]["NAME"]))
sys.exit(0 if ok else 1)
' "$WHISPER_DIR/" 2>&1); then
    log "$out"
    die "graphite-web did not load $WEBCONF_DIR/$SETTINGS_MODULE.py"
  fi
}

migrate_db() {
  local marker=$STORAGE_DIR/.migrated-$(dpkg-query -W -f='${Version}' graphite-web 2>/dev/null || echo unknown)
  [[ -f $marker && -s $STORAGE_DIR/graphite.db ]] && return 0
  log "creating graphite-web's sqlite DB ($STORAGE_DIR/graphite.db)"
  if ! web_env "$PY" -m django migrate --run-syncdb --noinput \
        --settings=graphite.settings >"$LOG_DIR/migrate.log" 2>&1; then
    tail -n 40 "$LOG_DIR/migrate.log" >&2
    die "django migrate failed (log: $LOG_DIR/migrate.log)"
  fi
  rm -f "$STORAGE_DIR"/.migrated-*
  touch "$marker"
}

# --------------------------------------------------------------- processes --

read_pid() { [[ -s $1 ]] && tr -dc '0-9' <"$1" || true; }

# A pid counts as ours only if it is alive and its command line names our
# state dir (guards against a recycled pid after a reboot or crash, and
# against another instance whose state dir merely starts with ours).
pid_is_ours() {
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$STATE_DIR/"
}

carbon_pid() { local p; p=$(read_pid "$CARBON_PID"); pid_is_ours "$p" && echo "$p"; }
web_pid() { local p; p=$(read_pid "$WEB_PID"); pid_is_ours "$p" && echo "$p"; }

tcp_open() { (exec 3<>"/dev/tcp/$BIND/$1") 2>/dev/null; }

web_answers() {
  curl -fsS -o /dev/null --max-time 5 "$URL/render?target=test&format=json" 2>/dev/null
}

healthy() {
  [[ -n $(carbon_pid) && -n $(web_pid) ]] && tcp_open "$LINE_PORT" && web_answers
}

# Kill what is left of a process group we started (gunicorn workers whose
# master died), but only processes whose command line names our state dir.
reap_group() {
  local pgid=$1 pid
  [[ -n $pgid ]] || return 0
  for pid in $(pgrep -g "$pgid" 2>/dev/null || true); do
    if pid_is_ours "$pid"; then
      log "killing leftover pid $pid of process group $pgid"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

port_must_be_free() {
  local port=$1 what=$2 i
  # A just-stopped instance may hold the port for a moment: wait up to 5 s.
  for ((i = 0; i < 25; i++)); do
    tcp_open "$port" || return 0
    sleep 0.2
  done
  if tcp_open "$port"; then
    log "port $BIND:$port (for $what) is already taken by another process:"
    ss -ltnp "sport = :$port" >&2 2>/dev/null || true
    die "free port $port or set the matching OPSROOM_GRAPHITE_*_PORT"
  fi
}

# Before starting anything: the ports of whatever is not running yet must be
# free, so a clash fails fast and leaves nothing half started.
preflight_ports() {
  if [[ -z $(carbon_pid) ]]; then
    port_must_be_free "$LINE_PORT" "carbon line receiver"
    port_must_be_free "$PICKLE_PORT" "carbon pickle receiver"
    port_must_be_free "$QUERY_PORT" "carbon cache query"
  fi
  if [[ -z $(web_pid) ]]; then
    reap_group "$(read_pid "$WEB_PID")"
    port_must_be_free "$HTTP_PORT" "graphite-web"
  fi
}

start_carbon() {
  [[ -n $(carbon_pid) ]] && return 0
  rm -f "$CARBON_PID"
  log "starting carbon-cache on $BIND:$LINE_PORT (pickle $PICKLE_PORT, query $QUERY_PORT)"
  # carbon-cache daemonizes itself (twistd) and writes the pid file.
  if ! env -u PYTHONHOME -u PYTHONPATH GRAPHITE_ROOT=/usr PYTHONWARNINGS=ignore \
      "$PY" /usr/bin/carbon-cache \
        --config="$CONF_DIR/carbon.conf" \
        --pidfile="$CARBON_PID" \
        --logdir="$LOG_DIR/carbon" \
        start >>"$CARBON_OUT" 2>&1 </dev/null; then
    tail -n 30 "$CARBON_OUT" >&2 || true
    die "carbon-cache failed to start (log: $CARBON_OUT)"
  fi
}

resolve_web_server() {
  case $WEB_SERVER in
    gunicorn|runserver) echo "$WEB_SERVER" ;;
    auto)
      if "$PY" -c 'import gunicorn' 2>/dev/null; then echo gunicorn; else echo runserver; fi ;;
    *) die "OPSROOM_GRAPHITE_WEB_SERVER must be auto, gunicorn or runserver" ;;
  esac
}

start_web() {
  [[ -n $(web_pid) ]] && return 0
  rm -f "$WEB_PID"
  local server; server=$(resolve_web_server)
  local cmd
  if [[ $server == gunicorn ]]; then
    cmd=("$PY" -m gunicorn
         --bind "$BIND:$HTTP_PORT"
         --workers 2 --threads 4 --timeout 60
         --pythonpath "$WEBCONF_DIR"
         --name opsroom-graphite-web
         --access-logfile "$LOG_DIR/webapp/access.log"
         graphite.wsgi:application)
  else
    cmd=("$PY" -m django runserver --noreload
         --settings=graphite.settings --pythonpath="$WEBCONF_DIR"
         "$BIND:$HTTP_PORT")
  fi
  log "starting graphite-web ($server) on $URL"
  # Own session (setsid), so it is not killed with the caller's process group.
  # setsid does not fork here (the subshell is no process group leader), so $!
  # is the server's own pid after the execs.
  (cd "$STATE_DIR" && exec "${WEB_ENV[@]}" setsid "${cmd[@]}") \
    >>"$WEB_OUT" 2>&1 </dev/null &
  echo $! >"$WEB_PID"
}

show_logs() {
  local f
  for f in "$CARBON_OUT" "$LOG_DIR/carbon/console.log" "$WEB_OUT" \
           "$LOG_DIR/webapp/exception.log" "$LOG_DIR/webapp/info.log"; do
    [[ -s $f ]] || continue
    printf '\n==> %s <==\n' "$f" >&2
    tail -n 30 "$f" >&2
  done
}

wait_healthy() {
  local start=$SECONDS carbon_ok= web_ok= carbon_seen=
  while (( SECONDS - start < START_TIMEOUT )); do
    if [[ -n $(carbon_pid) ]]; then
      carbon_seen=1
    elif [[ -n $carbon_seen ]] || (( SECONDS - start > 15 )); then
      # twistd writes the pid file just after daemonizing; give it 15 s.
      log "carbon-cache is not running"; show_logs; return 1
    fi
    if [[ -z $(web_pid) ]]; then
      log "graphite-web exited during start-up"; show_logs; return 1
    fi
    if [[ -z $carbon_ok && -n $carbon_seen ]] && tcp_open "$LINE_PORT"; then
      carbon_ok=1; log "carbon-cache accepts on $BIND:$LINE_PORT"
    fi
    if [[ -z $web_ok ]] && web_answers; then
      web_ok=1; log "graphite-web answers on $URL/render"
    fi
    [[ -n $carbon_ok && -n $web_ok ]] && return 0
    sleep 0.5
  done
  log "timed out after ${START_TIMEOUT}s waiting for Graphite"
  show_logs
  return 1
}

stop_pid() {
  local name=$1 pidfile=$2 pid
  pid=$(read_pid "$pidfile")
  if ! pid_is_ours "$pid"; then
    reap_group "$pid"
    rm -f "$pidfile"; log "$name: not running"; return 0
  fi
  log "$name: stopping pid $pid"
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 100; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name: still alive after 20s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    # gunicorn/runserver run in their own session led by $pid: take workers too.
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# ---------------------------------------------------------------- commands --

cmd_start() {
  if healthy; then
    log "already running (state dir $STATE_DIR)"
    echo "Graphite: $URL"
    return 0
  fi
  ensure_packages
  write_config
  check_web_settings
  migrate_db
  preflight_ports
  start_carbon
  start_web
  if ! wait_healthy; then
    die "Graphite did not come up; logs are in $LOG_DIR (what did start is left running: '$0 stop' cleans up)"
  fi
  log "data: $WHISPER_DIR  logs: $LOG_DIR"
  echo "Graphite: $URL"
}

cmd_stop() {
  stop_pid graphite-web "$WEB_PID"
  stop_pid carbon-cache "$CARBON_PID"
}

cmd_status() {
  local rc=0 p
  if p=$(carbon_pid); then
    echo "carbon-cache: running (pid $p, line $BIND:$LINE_PORT, pickle $PICKLE_PORT, query $QUERY_PORT)"
  else
    echo "carbon-cache: stopped"; rc=3
  fi
  if p=$(web_pid); then
    echo "graphite-web: running (pid $p, $URL)"
  else
    echo "graphite-web: stopped"; rc=3
  fi
  echo "state dir: $STATE_DIR"
  return "$rc"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
