#!/usr/bin/env bash
# The search benchmark: GET /api/v1/products through the real server against 1 000 000 products, and the same SQL
# straight against PostgreSQL with pgbench (the floor), for six query shapes and their mix; prints the table.
#
#   bench/run-search-bench.sh                 # everything; the first run loads the catalogue (~7 min)
#   BENCH_DURATION=10 bench/run-search-bench.sh
#
# Environment (defaults):
#   BENCH_DURATION (20)    seconds per measurement (each shape twice: server, then SQL)
#   BENCH_CLIENTS (32)     concurrent HTTP clients (wrk connections)
#   BENCH_POOL (4)         the server's database connections (Hikari pool), and pgbench's clients unless
#   BENCH_SQL_CLIENTS      says otherwise: the floor runs the SQL with the concurrency the server gives PostgreSQL
#   BENCH_PRODUCTS (1000000), BENCH_SELLERS (3000)
#   BENCH_PGPORT (55432)   the dedicated cluster of bench/bench-postgres.sh, started if needed; set
#   BENCH_EXTERNAL_PG=1    to use an already running server on 127.0.0.1:$BENCH_PGPORT instead (e.g. 5432)
#   BENCH_DB (bench), BENCH_PORT (18080, the server's HTTP port)
# Needs: JDK 17, wrk (apt-get install -y wrk), pgbench and psql (PostgreSQL 15 client), python3.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${BENCH_DURATION:-20}"
CLIENTS="${BENCH_CLIENTS:-32}"
POOL="${BENCH_POOL:-4}"
SQL_CLIENTS="${BENCH_SQL_CLIENTS:-$POOL}"
THREADS=$(( CLIENTS < 2 ? 1 : 2 ))
SQL_THREADS=$(( SQL_CLIENTS < 2 ? 1 : 2 ))
PRODUCTS="${BENCH_PRODUCTS:-1000000}"
SELLERS="${BENCH_SELLERS:-3000}"
PGPORT="${BENCH_PGPORT:-55432}"
DB="${BENCH_DB:-bench}"
HTTP_PORT="${BENCH_PORT:-18080}"
OUT="target/bench/$(date +%Y%m%d-%H%M%S)"
PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -X -q -A -t)
SHAPES=(keyword keyword_category keyword_price_sort category_newest typo broad_price)
mkdir -p "$OUT"

# shellcheck source=bench/lib.sh
source bench/lib.sh
require_tools wrk pgbench psql python3 java javac curl

echo "== PostgreSQL"
if [ "${BENCH_EXTERNAL_PG:-0}" != 1 ]; then
  bench/bench-postgres.sh start
fi
if [ "$("${PSQL[@]}" -d postgres -c "select count(*) from pg_database where datname = '$DB'")" = 0 ]; then
  "${PSQL[@]}" -d postgres -c "create database $DB"
fi

echo "== build"
build_application
mkdir -p target/bench-classes
javac -nowarn -cp "$CLASSPATH_APP" -d target/bench-classes \
  bench/src/com/betanet/marketplace/catalog/search/BenchPrep.java

echo "== server (the demo profile loads $PRODUCTS products into an empty database first)"
java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "$CLASSPATH_APP" com.betanet.marketplace.MarketplaceApplication \
  --spring.profiles.active=demo \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/$DB" --spring.datasource.username=postgres \
  --server.port="$HTTP_PORT" --spring.datasource.hikari.maximum-pool-size="$POOL" \
  --marketplace.demo.products="$PRODUCTS" --marketplace.demo.sellers="$SELLERS" \
  --marketplace.demo.pictures=0 --marketplace.demo.span=730d \
  --marketplace.data-dir="$OUT/server-data" --marketplace.jwt.key-dir="$OUT/server-data" \
  --marketplace.media.dir="$OUT/server-data/media" --logging.level.root=warn \
  --logging.level.com.betanet.marketplace.catalog=info > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
until curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2> /dev/null || { echo "server died, see $OUT/server.log" >&2; exit 1; }
  sleep 5
done
# the seeder runs right after start-up; wait until it is done (it logs "Demo catalogue")
until grep -q "Demo catalogue" "$OUT/server.log"; do
  kill -0 "$SERVER_PID" 2> /dev/null || { echo "server died, see $OUT/server.log" >&2; exit 1; }
  sleep 5
done
ACTIVE=$("${PSQL[@]}" -d "$DB" -c "select count(*) from products where status = 'ACTIVE'")
echo "catalogue: $("${PSQL[@]}" -d "$DB" -c "select count(*) from products") products, $ACTIVE active"

echo "== requests, pgbench scripts and EXPLAIN (ANALYZE, BUFFERS) of every request"
java -cp "target/bench-classes:$CLASSPATH_APP" com.betanet.marketplace.catalog.search.BenchPrep \
  "jdbc:postgresql://127.0.0.1:$PGPORT/$DB" bench/shapes.txt "$OUT" bench/explain
if grep -l "Seq Scan on products" bench/explain/*.txt; then
  echo "a plan reads the product table sequentially (above)" >&2
  exit 1
fi

wrk_run() { # name, requests file
  wrk -t "$THREADS" -c "$CLIENTS" -d "${DURATION}s" --timeout 10s -s bench/wrk/requests.lua \
    "http://127.0.0.1:$HTTP_PORT" -- "$2" > "$OUT/wrk-$1.txt"
  grep RESULT "$OUT/wrk-$1.txt"
}
pgbench_run() { # name, scripts...
  local name=$1
  shift
  local args=()
  for script in "$@"; do args+=(-f "$script@1"); done
  mkdir -p "$OUT/pgbench-$name"
  (cd "$OUT/pgbench-$name" && pgbench -h 127.0.0.1 -p "$PGPORT" -U postgres -n -M simple -c "$SQL_CLIENTS" -j "$SQL_THREADS" \
    -T "$DURATION" -l "${args[@]}" "$DB") > "$OUT/pgbench-$name.txt" 2>&1
  grep -E "^tps" "$OUT/pgbench-$name.txt"
}

wait_quiet 5
echo "== warm-up (server and database)"
cat "$OUT"/requests/*.txt > "$OUT/requests/all.txt"
wrk -t "$THREADS" -c "$CLIENTS" -d 15s -s bench/wrk/requests.lua "http://127.0.0.1:$HTTP_PORT" \
  -- "$OUT/requests/all.txt" > /dev/null

ALL_SCRIPTS=()
for shape in "${SHAPES[@]}"; do
  echo "== $shape"
  scripts=("$PWD/$OUT"/pgbench/"$shape"-*.sql)
  ALL_SCRIPTS+=("${scripts[@]}")
  pgbench_run "$shape" "${scripts[@]}"
  wrk_run "$shape" "$PWD/$OUT/requests/$shape.txt"
done
echo "== mix (all six shapes)"
pgbench_run mix "${ALL_SCRIPTS[@]}"
wrk_run mix "$PWD/$OUT/requests/all.txt"

printf '%s\n' "${SHAPES[@]}" mix | python3 -c 'import json,sys; print(json.dumps([l.strip() for l in sys.stdin]))' \
  > "$OUT/shapes.json"
echo
echo "$PRODUCTS products ($ACTIVE active); $CLIENTS HTTP clients, $POOL database connections in the server;" \
  "pgbench $SQL_CLIENTS clients; ${DURATION}s per measurement; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 bench/summarise.py "$OUT"
echo "raw results in $OUT"
