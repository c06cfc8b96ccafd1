#!/usr/bin/env bash
# A PostgreSQL 15 cluster for the search benchmark, from the machine's binaries, on its own port and data directory,
# sized like a production database for this catalogue (everything hot fits in shared_buffers). Nothing else uses it,
# so a benchmark run is not disturbed by (and does not disturb) other databases on the machine.
#
#   bench/bench-postgres.sh start | stop | status
#
# Environment: BENCH_PGPORT (55432), BENCH_PGDATA (/var/tmp/betanet-bench-pg), PGBIN (/usr/lib/postgresql/15/bin).
set -euo pipefail
PORT="${BENCH_PGPORT:-55432}"
DATA="${BENCH_PGDATA:-/var/tmp/betanet-bench-pg}"
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-status}" in
  start)
    if [ ! -f "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$DATA"
      as_postgres "$PGBIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
      cat >> "$DATA/postgresql.conf" <<CONF
# search benchmark settings: a dedicated server sized for a 1.5 GB catalogue on a 2-core, 24 GB machine
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '/tmp'
max_connections = 100
shared_buffers = 2GB
effective_cache_size = 8GB
work_mem = 16MB
maintenance_work_mem = 512MB
random_page_cost = 1.1
effective_io_concurrency = 100
max_parallel_workers_per_gather = 0
jit = off
synchronous_commit = off
checkpoint_timeout = 15min
max_wal_size = 4GB
CONF
    fi
    if ! as_postgres "$PGBIN/pg_ctl" -D "$DATA" status > /dev/null 2>&1; then
      as_postgres "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w start > /dev/null
    fi
    echo "bench PostgreSQL on 127.0.0.1:$PORT ($DATA)"
    ;;
  stop)
    as_postgres "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop > /dev/null && echo "bench PostgreSQL stopped"
    ;;
  status)
    as_postgres "$PGBIN/pg_ctl" -D "$DATA" status
    ;;
esac
