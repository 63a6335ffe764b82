#!/usr/bin/env bash
# CTest fixture (see tests/CMakeLists.txt): a throw-away PostgreSQL cluster for the
# integration and end-to-end tests.
#
#   pg_cluster.sh start DIR                 fresh cluster in DIR; writes DIR/url and DIR/port
#   pg_cluster.sh start-replica DIR PRIMARY a hot standby of the cluster in PRIMARY, in DIR;
#                                           writes DIR/url and DIR/port
#   pg_cluster.sh start-lone-standby DIR    a fresh cluster in DIR started as a standby of no
#                                           primary (read-only, another cluster's system
#                                           identifier); writes DIR/url and DIR/port
#   pg_cluster.sh stop DIR                  stops it and deletes DIR
#   pg_cluster.sh stop-replica DIR PRIMARY  stops the standby in DIR, deletes DIR and drops its
#                                           replication slot on PRIMARY (if that still runs)
#
# Works as root (CI): the PostgreSQL binaries then run as the postgres user.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../../deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"

usage() {
  echo "usage: $0 start DIR | start-replica DIR PRIMARY_DIR | start-lone-standby DIR | stop DIR |" \
    "stop-replica DIR PRIMARY_DIR" >&2
  exit 2
}

(($# >= 2)) || usage
command=$1
dir=$2

case "$command" in
  start)
    # Never reuse a cluster: a run that crashed or was interrupted may have left one
    # behind, running or not, with data from that run.
    pg_remove "$dir"
    # Durability is worthless for test data; turning it off makes the tests much faster.
    # The tests open many connections in parallel, hence max_connections.
    pg_start_on_free_port "$dir" 56000 \
      fsync=off synchronous_commit=off full_page_writes=off max_connections=200
    port="$(pg_port "$dir")"
    printf 'postgresql://postgres@127.0.0.1:%s/postgres\n' "$port" | pg_record "$dir" url
    log "test database URL: $(cat "$dir/url")"
    ;;
  start-replica)
    (($# == 3)) || usage
    # As the primary's: a standby needs max_connections at least the primary's.
    pg_start_standby_on_free_port "$dir" "$(pg_port "$3")" 56300 \
      fsync=off synchronous_commit=off full_page_writes=off max_connections=200
    port="$(pg_port "$dir")"
    printf 'postgresql://postgres@127.0.0.1:%s/postgres\n' "$port" | pg_record "$dir" url
    log "test replica URL: $(cat "$dir/url")"
    ;;
  start-lone-standby)
    # What a replica URL pointing at the wrong cluster finds: a server in recovery whose log
    # positions and data are not the primary's, such as another deployment's standby (with
    # the server's role, so that connecting succeeds). Made and shut down cleanly first, so
    # that in standby mode, with nothing to replay, it is consistent at once and takes
    # read-only connections.
    pg_remove "$dir"
    pg_start_on_free_port "$dir" 56400 fsync=off
    "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$(pg_port "$dir")" -U postgres -d postgres \
      -v ON_ERROR_STOP=1 -c 'CREATE ROLE disposal_app NOLOGIN'
    pg_stop "$dir"
    as_pg_owner touch "$(pg_home "$dir")/data/standby.signal"
    pg_start_on_free_port "$dir" 56400 fsync=off
    port="$(pg_port "$dir")"
    printf 'postgresql://postgres@127.0.0.1:%s/postgres\n' "$port" | pg_record "$dir" url
    log "test lone standby URL: $(cat "$dir/url")"
    ;;
  stop)
    pg_remove "$dir"
    ;;
  stop-replica)
    (($# == 3)) || usage
    pg_remove "$dir"
    # The slot would keep the primary's log for a standby that is gone: the rest of the run's
    # log, since the standby is stopped once the replica tests are done.
    if [[ -f "$3/port" ]] && pg_running "$3"; then
      # From standard input: psql interpolates variables there, not in -c commands.
      "$PG_BIN/psql" -X -q -h 127.0.0.1 -p "$(pg_port "$3")" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -v slot="$STANDBY_SLOT_NAME" >/dev/null <<'SQL'
SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = :'slot';
SQL
    fi
    ;;
  *)
    usage
    ;;
esac
