#!/usr/bin/env bash
# CTest fixture (see tests/CMakeLists.txt): a throw-away PostgreSQL cluster for the
# integration and end-to-end tests.
#
#   pg_cluster.sh start DIR                 fresh cluster in DIR; writes DIR/url and DIR/port
#   pg_cluster.sh start-replica DIR PRIMARY a hot standby of the cluster in PRIMARY, in DIR;
#                                           writes DIR/url and DIR/port
#   pg_cluster.sh stop DIR                  stops it and deletes DIR
#
# Works as root (CI): the PostgreSQL binaries then run as the postgres user.
set -euo pipefail

# shellcheck source-path=SCRIPTDIR source=../../deploy/local/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../../deploy/local/lib.sh"

usage() {
  echo "usage: $0 start DIR | start-replica DIR PRIMARY_DIR | stop DIR" >&2
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
    printf 'postgresql://postgres@127.0.0.1:%s/postgres\n' "$port" >"$dir/url"
    log "test database URL: $(cat "$dir/url")"
    ;;
  start-replica)
    (($# == 3)) || usage
    # As the primary's: a standby needs max_connections at least the primary's.
    pg_start_standby_on_free_port "$dir" "$(pg_port "$3")" 56300 \
      fsync=off synchronous_commit=off full_page_writes=off max_connections=200
    port="$(pg_port "$dir")"
    printf 'postgresql://postgres@127.0.0.1:%s/postgres\n' "$port" >"$dir/url"
    log "test replica URL: $(cat "$dir/url")"
    ;;
  stop)
    pg_remove "$dir"
    ;;
  *)
    usage
    ;;
esac
