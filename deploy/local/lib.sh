# shellcheck shell=bash
# Functions shared by deploy/local/{run,stop,test,bench-*} and tests/support/pg_cluster.sh.
# Meant to be sourced by scripts running under `set -euo pipefail`.
#
# The variables defined here are used by the scripts that source this file:
# shellcheck disable=SC2034

# Resolve the repository root from this file's location so the scripts work from any
# working directory and in a clone at any path.
DISPOSAL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

# PostgreSQL 15 as packaged by Debian; overridable for other layouts.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

# Everything the build, the tests and the local stack need.
DISPOSAL_PACKAGES=(
  cmake make g++ pkg-config
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler
  libpqxx-dev libboost-dev libssl-dev libgoogle-perftools-dev
  googletest libgtest-dev
  libcli11-dev nlohmann-json3-dev libyaml-cpp-dev
  postgresql-15 ccache
  python3-grpcio
  # Named although other packages bring them: the server links Abseil itself, and the tests
  # make certificates with the openssl command.
  libabsl-dev openssl
)

repo_root() {
  printf '%s\n' "$DISPOSAL_ROOT"
}

log() {
  printf '[disposal] %s\n' "$*"
}

die() {
  printf '[disposal] error: %s\n' "$*" >&2
  exit 1
}

# Install whichever required Debian packages are missing. The package index is only
# refreshed when something has to be installed, so a ready machine pays nothing, and not
# at all when the caller has just refreshed it (DISPOSAL_PACKAGE_LISTS_FRESH=1).
ensure_packages() {
  local pkg missing=()
  for pkg in "${DISPOSAL_PACKAGES[@]}"; do
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]]; then
      missing+=("$pkg")
    fi
  done
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  if ((EUID != 0)); then
    die "missing packages: ${missing[*]} (install them with: sudo apt-get update && sudo apt-get install ${missing[*]})"
  fi
  log "installing missing packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [[ "${DISPOSAL_PACKAGE_LISTS_FRESH:-}" != 1 ]]; then
    apt-get update -qq
  fi
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run a command, showing its output only if it fails (or always when DISPOSAL_VERBOSE=1
# or in CI, where the full log is worth having). CMake's progress lines are dropped from
# the failure output so that the compiler errors stand out.
run_quietly() {
  local what=$1 output status=0
  shift
  if [[ "${DISPOSAL_VERBOSE:-}" == 1 || "${CI:-}" == true ]]; then
    "$@" || die "$what failed"
    return 0
  fi
  output="$(mktemp)"
  "$@" >"$output" 2>&1 || status=$?
  if ((status != 0)); then
    grep -Ev '^\[ *[0-9]+%\] (Building|Linking|Built|Generating|Running)|^(Consolidate compiler|Scanning dependencies)' \
      "$output" >&2 || true
    rm -f "$output"
    die "$what failed (exit $status)"
  fi
  rm -f "$output"
}

# Configure (first time, or whenever extra CMake arguments are given) and build into
# <repo>/build. Extra arguments are passed to the configure step, e.g. -DDISPOSAL_WERROR=ON.
# DISPOSAL_BUILD_TARGETS, when set, names the targets to build (space-separated) instead of all of them.
build() {
  local build_dir="$DISPOSAL_ROOT/build" started=$SECONDS
  local -a targets=()
  # shellcheck disable=SC2206 # target names hold no spaces or globs
  if [[ -n "${DISPOSAL_BUILD_TARGETS:-}" ]]; then targets=(--target $DISPOSAL_BUILD_TARGETS); fi
  if [[ ! -f "$build_dir/CMakeCache.txt" || $# -gt 0 ]]; then
    log "configuring CMake in build/"
    run_quietly "cmake configure" \
      cmake -S "$DISPOSAL_ROOT" -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
  fi
  log "building ${DISPOSAL_BUILD_TARGETS:-everything, tests included} (the first build of a clean clone" \
    "takes several minutes on 2 cores; later ones seconds)"
  run_quietly "build" cmake --build "$build_dir" -j2 "${targets[@]}"
  log "build ok ($((SECONDS - started)) s)"
}

# True if a TCP socket holds PORT: one listening on it, or (when ss is available) the local end
# of any connection, in any state. Ports from 32768 up are also handed out to outgoing
# connections, and a server cannot listen on one that a connection holds.
port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Htan "sport = :$port" 2>/dev/null)" ]]; then
    return 0
  fi
  timeout 1 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port" 2>/dev/null
}

# Print the first free TCP port at or above PREFERRED (looks at 200 ports at most).
free_port() {
  local port=$1
  local last=$((port + 200))
  while ((port < last)); do
    if ! port_in_use "$port"; then
      printf '%s\n' "$port"
      return 0
    fi
    port=$((port + 1))
  done
  die "no free TCP port between $1 and $last"
}

# Run a PostgreSQL binary as the cluster owner. initdb and postgres refuse to run as
# root, so root hands them to the postgres user; anyone else owns their cluster directly.
as_pg_owner() {
  if ((EUID == 0)); then
    # From /, so that a working directory postgres cannot enter causes no warning.
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# pg_write FILE [-a]: standard input into FILE (appended with -a), written as the postgres
# user when running as root: the cluster's folders are that user's, and root writing there
# would follow a link the postgres user planted (to /etc/shadow, say).
pg_write() {
  local file=$1 append=${2:-}
  if ((EUID == 0)); then
    # A file left by root (an older version wrote these as root), or a link, goes first:
    # removing a link removes the link, never what it points to.
    if [[ "$append" != -a ]]; then rm -f "$file"; fi
    if [[ "$append" == -a ]]; then
      (cd / && runuser -u postgres -- tee -a "$file" >/dev/null)
    else
      (cd / && runuser -u postgres -- tee "$file" >/dev/null)
    fi
  elif [[ "$append" == -a ]]; then
    cat >>"$file"
  else
    cat >"$file"
  fi
}

# pg_record DIR NAME: standard input into DIR/NAME, a record of DIR's cluster (its port, its
# URL): through pg_write where DIR is the postgres user's (it holds the cluster itself), as the
# caller where DIR is the caller's alone (the cluster lives elsewhere). Decided by who owns DIR,
# not by what DIR records, which the postgres user could write.
pg_record() {
  local dir=$1 name=$2
  if ((EUID == 0)) && [[ "$(stat -c %U "$dir")" == postgres ]]; then
    pg_write "$dir/$name"
  else
    cat >"$dir/$name"
  fi
}

# True if the postgres user can enter every folder on the way to DIR.
pg_can_reach() {
  local dir=$1 prefix="" part
  ((EUID == 0)) || return 0
  local -a parts
  IFS=/ read -r -a parts <<<"${dir#/}"
  for part in "${parts[@]}"; do
    prefix="$prefix/$part"
    (cd / && runuser -u postgres -- test -x "$prefix") || return 1
  done
}

# Where the cluster of DIR keeps its data, log and socket: DIR itself, unless pg_start had
# to put them elsewhere (see pg_choose_home).
pg_home() {
  local dir=$1 recorded expected
  if [[ ! -f "$dir/home" ]]; then
    printf '%s\n' "$dir"
    return 0
  fi
  # Only the one place pg_choose_home puts a cluster is taken: the record sits where the
  # postgres user may write, and what it names is deleted as root by pg_remove.
  recorded="$(cat "$dir/home")"
  expected="$(pg_home_elsewhere "$dir")"
  if [[ "$recorded" != "$expected" ]]; then
    die "$dir/home names $recorded, not $expected; remove that file if the cluster is not there"
  fi
  printf '%s\n' "$recorded"
}

# Decide pg_home for DIR. As root, PostgreSQL runs as the postgres user, which may be unable
# to enter DIR (a checkout under /root is the usual case); the cluster's files then go to a
# folder of their own under /var/tmp, named after DIR, and DIR records where.
pg_choose_home() {
  local dir=$1 home
  if pg_can_reach "$dir"; then
    rm -f "$dir/home"
    printf '%s\n' "$dir"
    return 0
  fi
  home="$(pg_home_elsewhere "$dir")"
  # DIR records its home; one DIR does not record is what an earlier DIR of that name left
  # when it was deleted (rm -rf .local, an interrupted test run): never reuse that.
  if [[ ! -f "$dir/home" ]]; then pg_discard_home "$home"; fi
  # The name is predictable: one made beforehand as a link (to /etc, say) is refused, never
  # handed to the postgres user. The folder is made by that user, never chown'd or chmod'd by
  # name here: in sticky /var/tmp it could swap its folder for a link in between.
  if [[ -L "$home" ]]; then die "$home is a symbolic link; remove it and try again"; fi
  if [[ ! -e "$home" ]]; then as_pg_owner mkdir -m 700 "$home"; fi
  if [[ -L "$home" || ! -d "$home" || "$(stat -c %U "$home")" != postgres ]]; then
    die "$home is not a folder of the postgres user's own; remove it and try again"
  fi
  printf '%s\n' "$home" >"$dir/home"
  log "the postgres user cannot enter $dir, so the cluster's files live in $home" >&2
  printf '%s\n' "$home"
}

# The folder under /var/tmp for DIR's cluster when the postgres user cannot enter DIR, named
# after DIR's absolute path (DIR may be gone).
pg_home_elsewhere() {
  printf '/var/tmp/disposal-postgres-%s\n' \
    "$(printf '%s' "$(realpath -m -s "$1")" | cksum | cut -d' ' -f1)"
}

# pg_discard_home HOME: stop a cluster whose files are in HOME (if one runs) and delete HOME.
pg_discard_home() {
  local home=$1
  [[ -e "$home" ]] || return 0
  if [[ -f "$home/data/PG_VERSION" ]]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$home/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$home"
}

# pg_remove DIR: stop the cluster of DIR and delete it, wherever its files are, also when DIR
# itself was deleted first.
pg_remove() {
  local dir=$1 home
  if [[ ! -d "$dir" ]]; then
    if ((EUID == 0)); then pg_discard_home "$(pg_home_elsewhere "$dir")"; fi
    return 0
  fi
  home="$(pg_home "$dir")"
  if pg_running "$dir"; then pg_stop "$dir"; fi
  if [[ "$home" != "$dir" ]]; then rm -rf "$home"; fi
  rm -rf "$dir"
}

# True if the cluster in DIR/data is running. A postmaster.pid naming a live process that is
# not this cluster (left by a machine or container restart) is said so, not taken as running.
pg_running() {
  local home port answer=0
  # pg_home dies on a record it cannot take; called inside `if`, that must still stop us.
  home="$(pg_home "$1")" || exit 1
  [[ -f "$home/data/PG_VERSION" ]] || return 1
  as_pg_owner "$PG_BIN/pg_ctl" -D "$home/data" status >/dev/null 2>&1 || return 1
  [[ -f "$1/port" ]] || return 0
  port="$(pg_port "$1")"
  # 0: accepting; 1: starting or stopping (running); 2: no answer.
  "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -t 5 || answer=$?
  if ((answer == 2)); then
    die "$home/data/postmaster.pid names a live process, but no PostgreSQL answers on" \
      "127.0.0.1:$port; if this cluster is not running, remove that file and try again"
  fi
  return 0
}

# The port recorded by the last pg_start of DIR.
pg_port() {
  local port
  if [[ -L "$1/port" ]]; then die "$1/port is a symbolic link; remove it and try again"; fi
  port="$(cat "$1/port")"
  if [[ ! "$port" =~ ^[0-9]{1,5}$ ]]; then die "$1/port does not hold a port number"; fi
  printf '%s\n' "$port"
}

# Quote a value for postgresql.conf: single quotes, embedded ones doubled.
pg_conf_quote() {
  printf "'%s'" "${1//\'/\'\'}"
}

# pg_start DIR PORT [NAME=VALUE ...]
# Start a private cluster with its data in DIR/data, its log in DIR/postgres.log and its
# socket in DIR/socket, listening on 127.0.0.1:PORT only. It is initialised on first use.
# Extra NAME=VALUE arguments are PostgreSQL settings (tests pass fsync=off and friends;
# without them PostgreSQL's durable defaults apply).
pg_start() {
  local dir=$1 port=$2
  shift 2
  local setting socket_dir home

  if pg_running "$dir"; then
    if [[ "$(pg_port "$dir" 2>/dev/null)" == "$port" ]]; then
      log "PostgreSQL in $dir is already running on port $port"
      return 0
    fi
    pg_stop "$dir"
  fi

  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  home="$(pg_choose_home "$dir")"
  if ((EUID == 0)); then chown -h postgres:postgres "$home"; fi

  if [[ ! -f "$home/data/PG_VERSION" ]]; then
    # A data folder without PG_VERSION is a half-finished initdb; start over.
    rm -rf "$home/data"
    log "initialising a PostgreSQL cluster in $home/data"
    local initdb_output
    if ! initdb_output="$(as_pg_owner "$PG_BIN/initdb" -D "$home/data" -U postgres -A trust \
      -E UTF8 --locale=C.UTF-8 2>&1)"; then
      printf '%s\n' "$initdb_output" >&2
      die "initdb failed"
    fi
    # Our settings live in their own file so that they are rewritten on every start
    # while postgresql.conf stays as initdb made it.
    printf "include_if_exists = 'disposal.conf'\n" | pg_write "$home/data/postgresql.conf" -a
  fi

  # Unix socket paths are limited to 107 bytes, "/.s.PGSQL.<port>" included; with a deep
  # checkout, do without the socket (every client here connects over TCP).
  socket_dir="$home/socket"
  if (($(printf '%s' "$socket_dir" | wc -c) + 16 > 107)); then
    socket_dir=""
  else
    as_pg_owner mkdir -p "$socket_dir"
  fi

  {
    echo "# Written by deploy/local/lib.sh (pg_start) on every start; edits are lost."
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = $(pg_conf_quote "$socket_dir")"
    for setting in "$@"; do
      echo "${setting%%=*} = $(pg_conf_quote "${setting#*=}")"
    done
  } | pg_write "$home/data/disposal.conf"
  # The server, running as postgres, appends to the log.
  as_pg_owner touch "$home/postgres.log"
  if ! as_pg_owner "$PG_BIN/pg_ctl" -D "$home/data" -l "$home/postgres.log" -w -t 60 start >/dev/null; then
    tail -n 20 "$home/postgres.log" >&2 || true
    die "PostgreSQL did not start (log: $home/postgres.log)"
  fi
  printf '%s\n' "$port" | pg_record "$dir" port
  log "PostgreSQL running on 127.0.0.1:$port (data: $home/data, log: $home/postgres.log)"
}

# pg_start_on_free_port DIR PREFERRED [NAME=VALUE ...]
# Like pg_start, on the first free port at or above PREFERRED. Another process may grab
# the port between the check and the start; in that case move on to the next port.
pg_start_on_free_port() {
  local dir=$1 port=$2 attempt
  shift 2
  local log log_lines
  for attempt in 1 2 3 4 5; do
    port="$(free_port "$port")"
    # The log keeps earlier starts: only what this attempt adds to it counts.
    log="$(pg_home "$dir")/postgres.log"
    log_lines=0
    if [[ -f "$log" ]]; then log_lines="$(wc -l <"$log")"; fi
    # pg_start dies on failure. Run it as a separate job and collect its status with
    # `wait`: that keeps `set -e` in force inside it, which an `if (...)` would disable.
    (pg_start "$dir" "$port" "$@") &
    if wait "$!"; then
      return 0
    fi
    log="$(pg_home "$dir")/postgres.log"
    if ! port_in_use "$port" && ! tail -n "+$((log_lines + 1))" "$log" 2>/dev/null | grep -q "could not bind"; then
      die "could not start PostgreSQL in $dir"
    fi
    log "port $port was taken meanwhile (attempt $attempt), trying the next one"
    port=$((port + 1))
  done
  die "could not start PostgreSQL in $dir"
}

# pg_start_standby_on_free_port DIR PRIMARY_PORT PREFERRED [NAME=VALUE ...]
# A streaming replica (hot standby) of the cluster on 127.0.0.1:PRIMARY_PORT, in DIR, copied
# afresh with pg_basebackup and started like pg_start_on_free_port. The primary must allow
# replication connections from 127.0.0.1 (initdb's trust defaults do).
#
# The standby streams through a physical replication slot (STANDBY_SLOT_NAME) so that the
# primary keeps every log segment the standby has not received: without one, a standby that
# falls more than max_wal_size behind (a busy primary, a slow machine) asks for a segment
# already recycled and never catches up again. The slot is made afresh; a standby that is
# gone for good should have it dropped (pg_drop_replication_slot) or the primary keeps its log.
STANDBY_SLOT_NAME=disposal_standby
pg_start_standby_on_free_port() {
  local dir=$1 primary_port=$2 preferred=$3 home
  shift 3
  local -a primary_psql=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$primary_port" -U postgres
    -d postgres -v ON_ERROR_STOP=1)
  pg_remove "$dir"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  home="$(pg_choose_home "$dir")"
  if ((EUID == 0)); then chown -h postgres:postgres "$home"; fi
  # A run whose folder was deleted under it may have left a copy (running or not) in a home
  # elsewhere; pg_basebackup needs an empty folder.
  if [[ -f "$home/data/PG_VERSION" ]]; then
    as_pg_owner "$PG_BIN/pg_ctl" -D "$home/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$home/data"
  # A slot left by an earlier standby of this primary would hold the log since then.
  "${primary_psql[@]}" -v slot="$STANDBY_SLOT_NAME" >/dev/null <<<"SELECT pg_drop_replication_slot(slot_name)
    FROM pg_replication_slots WHERE slot_name = :'slot'"
  log "copying the cluster on port $primary_port into $home/data (pg_basebackup)"
  local basebackup_output
  if ! basebackup_output="$(as_pg_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$primary_port" \
    -U postgres -D "$home/data" --write-recovery-conf --wal-method=stream --checkpoint=fast \
    --create-slot --slot="$STANDBY_SLOT_NAME" 2>&1)"; then
    printf '%s\n' "$basebackup_output" >&2
    die "pg_basebackup failed"
  fi
  pg_start_on_free_port "$dir" "$preferred" "$@"
}

# pg_stop DIR: stop the cluster in DIR if it runs (fast shutdown: sessions are cut,
# data is flushed), and say what happened.
pg_stop() {
  local dir=$1 home
  if ! pg_running "$dir"; then
    log "PostgreSQL in $dir is not running"
    return 0
  fi
  home="$(pg_home "$dir")"
  as_pg_owner "$PG_BIN/pg_ctl" -D "$home/data" -m fast -w -t 60 stop >/dev/null ||
    die "PostgreSQL in $dir did not stop (log: $home/postgres.log)"
  log "stopped PostgreSQL in $dir"
}

# pg_createdb PORT NAME: create database NAME on 127.0.0.1:PORT unless it exists.
pg_createdb() {
  local port=$1 name=$2
  local -a psql=("$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1)
  if [[ "$("${psql[@]}" -tA -v name="$name" <<<"select 1 from pg_database where datname = :'name'")" == 1 ]]; then
    return 0
  fi
  "${psql[@]}" -v name="$name" <<<'create database :"name"'
  log "created database $name"
}

# --- The local stack (deploy/local/run and stop) -------------------------------------
# All of its state lives in <repo>/.local (ignored by git); deleting it starts afresh.
LOCAL_DIR="$DISPOSAL_ROOT/.local"
LOCAL_PG_DIR="$LOCAL_DIR/postgres"
SERVER_PID_FILE="$LOCAL_DIR/server.pid"
SERVER_LOG="$LOCAL_DIR/server.log"
STACK_ENV="$LOCAL_DIR/stack.env"
SERVER_BIN="$DISPOSAL_ROOT/build/bin/disposal-server"
CTL_BIN="$DISPOSAL_ROOT/build/bin/disposalctl"

# True if PID is a live process. A zombie counts as gone: it has exited, and in a
# container without an init process nobody may ever reap it.
pid_alive() {
  local pid=$1 stat
  kill -0 "$pid" 2>/dev/null || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [[ "${stat:0:1}" != Z ]]
}

# Print the pid of the disposal-server started by deploy/local/run, if it still runs.
# The command line is checked so that a recycled pid is never mistaken for it.
server_pid() {
  local pid command_line
  [[ -f "$SERVER_PID_FILE" ]] || return 1
  pid="$(cat "$SERVER_PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  pid_alive "$pid" || return 1
  command_line="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  [[ "$command_line" == *disposal-server* ]] || return 1
  printf '%s\n' "$pid"
}

# Stop the local disposal-server: SIGTERM lets it drain in-flight calls and exit; if it
# is still there after 30 s it is killed. Says what happened either way.
server_stop() {
  local pid waited=0
  if ! pid="$(server_pid)"; then
    log "disposal-server is not running"
    rm -f "$SERVER_PID_FILE"
    return 0
  fi
  kill -TERM "$pid"
  while pid_alive "$pid" && ((waited < 300)); do
    sleep 0.1
    waited=$((waited + 1))
  done
  if pid_alive "$pid"; then
    kill -KILL "$pid" 2>/dev/null || true
    log "disposal-server (pid $pid) ignored SIGTERM for 30 s and was killed; see $SERVER_LOG"
  else
    log "stopped disposal-server (pid $pid) after $((waited / 10)).$((waited % 10)) s"
  fi
  rm -f "$SERVER_PID_FILE"
}

# Read one KEY=VALUE from .local/stack.env (empty if absent).
stack_env_get() {
  [[ -f "$STACK_ENV" ]] || return 0
  sed -n "s/^$1=//p" "$STACK_ENV" | tail -n 1
}

# Print the value of the top-level "id" field of the JSON document on stdin. A tiny
# scanner rather than a pattern match, so that nested objects with their own "id" and
# any formatting (compact or indented) are handled, without needing jq or python.
json_top_level_id() {
  awk '
    { text = text $0 "\n" }
    END {
      depth = 0; in_string = 0; key = ""; want_value = 0
      n = length(text)
      for (i = 1; i <= n; i++) {
        c = substr(text, i, 1)
        if (in_string) {
          if (c == "\\") { token = token c substr(text, i + 1, 1); i++ }
          else if (c == "\"") {
            in_string = 0
            if (want_value) { print token; exit }
            key = token
          } else token = token c
        } else if (c == "\"") { in_string = 1; token = "" }
        else if (c == "{" || c == "[") depth++
        else if (c == "}" || c == "]") depth--
        else if (c == ":") want_value = (depth == 1 && key == "id")
        else if (want_value && c ~ /[-0-9]/) {
          # A numeric id: take the digits that follow.
          match(substr(text, i), /^-?[0-9]+/)
          print substr(text, i, RLENGTH); exit
        } else if (c == ",") key = ""
      }
    }'
}
