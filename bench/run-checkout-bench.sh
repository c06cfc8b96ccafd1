#!/usr/bin/env bash
# The checkout benchmark of issue 4, through the real server on localhost and against PostgreSQL directly:
#   (a) contention: BENCH_RACERS buyers race for the last BENCH_UNITS units of one product
#   (b) throughput: BENCH_CLIENTS buyers check out distinct products (3 lines, 2 sellers) for BENCH_SECONDS
#   (c) floor: the same checkout's SQL with pgbench (bench/checkout/checkout.sql), same clients and duration
#
#   bench/run-checkout-bench.sh
#   BENCH_SECONDS=10 BENCH_CLIENTS=16 bench/run-checkout-bench.sh
#
# Environment (defaults): BENCH_RACERS (500), BENCH_UNITS (10), BENCH_CLIENTS (32), BENCH_WARMUP (5 s),
#   BENCH_SECONDS (15), BENCH_CART (sql: the generator refills a cart with one INSERT between checkouts; api: three
#   POST /cart/items), BENCH_PGHOST/BENCH_PGPORT (127.0.0.1/5432, user postgres, trust auth), BENCH_DB
#   (bench_checkout, dropped and re-created), BENCH_PORT (18090), BENCH_POOL (Hikari pool size, 10),
#   BENCH_NO_WAIT=1 to skip waiting for other benchmarks on this machine, BENCH_SERVER_OPTS (extra JVM options of
#   the server, e.g. "-XX:StartFlightRecording=filename=target/checkout.jfr,settings=profile" to profile it).
# Needs: JDK 17, psql and pgbench (PostgreSQL 15 client), a PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."

RACERS="${BENCH_RACERS:-500}"
UNITS="${BENCH_UNITS:-10}"
CLIENTS="${BENCH_CLIENTS:-32}"
WARMUP="${BENCH_WARMUP:-5}"
SECONDS_RUN="${BENCH_SECONDS:-15}"
CART="${BENCH_CART:-sql}"
PGHOST="${BENCH_PGHOST:-127.0.0.1}"
PGPORT="${BENCH_PGPORT:-5432}"
DB="${BENCH_DB:-bench_checkout}"
HTTP_PORT="${BENCH_PORT:-18090}"
POOL="${BENCH_POOL:-10}"
OUT="target/bench-checkout/$(date +%Y%m%d-%H%M%S)"
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U postgres -X -q -A -t -v ON_ERROR_STOP=1)
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
export BENCH_ADMIN_EMAIL=admin@bench.local BENCH_ADMIN_PASSWORD=bench-admin-password
mkdir -p "$OUT"

# shellcheck source=bench/lib.sh
. bench/lib.sh
require_tools psql pgbench java javac curl


wait_quiet # the set-up (500 Argon2 registrations) is heavy too
echo "== database $DB on $PGHOST:$PGPORT"
recreate_database

echo "== build"
build_application
mkdir -p target/bench-checkout-classes
javac -nowarn -cp "$CLASSPATH_APP" -d target/bench-checkout-classes bench/checkout/src/CheckoutBench.java
BENCH_CP="$CLASSPATH_APP:target/bench-checkout-classes"


echo "== server on :$HTTP_PORT (Hikari pool $POOL)"
# shellcheck disable=SC2086 # BENCH_SERVER_OPTS is a list of JVM options
java -Xms512m -Xmx512m -XX:+UseParallelGC ${BENCH_SERVER_OPTS:-} -cp "$CLASSPATH_APP" com.betanet.marketplace.MarketplaceApplication \
  --spring.datasource.url="$JDBC" --spring.datasource.username=postgres \
  --spring.datasource.hikari.maximum-pool-size="$POOL" \
  --server.port="$HTTP_PORT" --server.tomcat.threads.max=200 --server.tomcat.accept-count=1024 \
  --marketplace.admin.email="$BENCH_ADMIN_EMAIL" --marketplace.admin.password="$BENCH_ADMIN_PASSWORD" \
  --marketplace.ordering.max-open-checkouts=1000000 \
  --marketplace.data-dir="$OUT/server-data" --marketplace.jwt.key-dir="$OUT/server-data" \
  --marketplace.media.dir="$OUT/server-data/media" --logging.level.root=warn > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
until curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2> /dev/null || { echo "server died, see $OUT/server.log" >&2; exit 1; }
  sleep 2
done

echo "== (a) contention: $RACERS buyers, $UNITS units"
wait_quiet
java -Xmx512m -cp "$BENCH_CP" CheckoutBench contention "http://127.0.0.1:$HTTP_PORT" "$JDBC" "$RACERS" "$UNITS" \
  | tee "$OUT/contention.txt"

echo "== (b) throughput: $CLIENTS buyers, ${WARMUP}s warm-up + ${SECONDS_RUN}s, cart refill: $CART"
wait_quiet
java -Xmx512m -cp "$BENCH_CP" CheckoutBench throughput "http://127.0.0.1:$HTTP_PORT" "$JDBC" \
  "$CLIENTS" "$WARMUP" "$SECONDS_RUN" "$CART" | tee "$OUT/throughput.txt"
stop_server

echo "== (c) floor: bench/checkout/checkout.sql with pgbench, $CLIENTS clients, ${SECONDS_RUN}s"
wait_quiet
pgbench -h "$PGHOST" -p "$PGPORT" -U postgres -n -M prepared -c "$CLIENTS" -j 2 -T "$SECONDS_RUN" -P 5 \
  -f bench/checkout/checkout.sql "$DB" 2>&1 | tee "$OUT/floor.txt"

value() { grep -h "^$1=" "$OUT"/*.txt | head -1 | cut -d= -f2-; }
app=$(value throughput.per_second)
floor=$(grep -h "^tps = " "$OUT/floor.txt" | head -1 | awk '{printf "%.0f", $3}')
floor_latency=$(grep -h "^latency average" "$OUT/floor.txt" | awk '{print $4}')
echo
echo "| measurement | result |"
echo "|---|---|"
echo "| contention: $RACERS buyers, $UNITS units | replies $(value contention.replies); units in orders $(value contention.units_in_orders); $(value contention.on_hand); wall $(value contention.wall_ms) ms |"
echo "| throughput: $CLIENTS buyers, 3 lines / 2 sellers, ${SECONDS_RUN}s | $app checkouts/s; p50 $(value throughput.p50_ms) ms, p95 $(value throughput.p95_ms) ms, p99 $(value throughput.p99_ms) ms, max $(value throughput.max_ms) ms; failures $(value throughput.failures) |"
echo "| floor: same SQL via pgbench, $CLIENTS clients | $floor checkouts/s (latency avg $floor_latency ms) |"
if [ -n "$app" ] && [ -n "$floor" ] && [ "$floor" != 0 ]; then
  echo "| app / floor | $(awk -v a="$app" -v f="$floor" 'BEGIN { printf "%.2f", a / f }') |"
fi
echo "(raw output in $OUT)"
