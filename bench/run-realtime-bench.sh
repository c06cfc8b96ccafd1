#!/usr/bin/env bash
# The real-time benchmark of issue 6, in one run against the real server on localhost (see bench/realtime/README.md):
#   (1) BENCH_CONNECTIONS authenticated STOMP connections in a 1 GiB heap: heap after GC and RSS per connection
#   (2) BENCH_RATE order status changes a second to random connected buyers: commit → frame latency, nothing lost
#   (3) a topic with BENCH_FANOUT_SUBSCRIBERS subscribers at BENCH_FANOUT_RATE messages a second, against a bare
#       Node `ws` broadcast of the same size, rate and audience measured in the same run: once while the connections
#       of (1) are still open, once after they closed
#
#   bench/run-realtime-bench.sh
#   BENCH_CONNECTIONS=2000 BENCH_RATE=200 bench/run-realtime-bench.sh     # a quick smoke run
#
# Environment (defaults): BENCH_CONNECTIONS (10000), BENCH_RATE (1000), BENCH_FANOUT_SUBSCRIBERS (1000),
#   BENCH_FANOUT_RATE (10), BENCH_FANOUT_SECONDS (20), BENCH_PGHOST/BENCH_PGPORT (127.0.0.1/5432, user postgres,
#   trust auth), BENCH_DB (bench_realtime, dropped and re-created), BENCH_PORT (18095), BENCH_CONTROL_PORT (18096),
#   BENCH_BARE_PORT (18097), BENCH_POOL (Hikari pool, 20), BENCH_HEAP (1g), BENCH_OFFER_DEFLATE (1: clients offer
#   permessage-deflate as browsers do), BENCH_GC_OPTS (-XX:MaxGCPauseMillis=20), BENCH_JAVA_OPTS (more server JVM
#   options), BENCH_MAX_LOAD (5: wait while the 1-minute load average is above it), BENCH_NO_WAIT=1 to skip waiting
#   for a quiet machine.
# Needs: JDK 17 (java, javac, jcmd), Node.js 20 with npm, psql and pgbench, openssl, a PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."

CONNECTIONS="${BENCH_CONNECTIONS:-10000}"
PGHOST="${BENCH_PGHOST:-127.0.0.1}"
PGPORT="${BENCH_PGPORT:-5432}"
DB="${BENCH_DB:-bench_realtime}"
HTTP_PORT="${BENCH_PORT:-18095}"
CONTROL_PORT="${BENCH_CONTROL_PORT:-18096}"
POOL="${BENCH_POOL:-20}"
HEAP="${BENCH_HEAP:-1g}"
OUT="target/bench-realtime/$(date +%Y%m%d-%H%M%S)"
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U postgres -X -q -A -t -v ON_ERROR_STOP=1)
mkdir -p "$OUT"

# shellcheck source=bench/lib.sh
. bench/lib.sh
require_tools psql pgbench java javac jcmd node npm openssl curl
# one descriptor per connection in the server and in the client, plus the JVM's own
if [ "$(ulimit -n)" -lt $((CONNECTIONS + 3000)) ]; then
  ulimit -n $((CONNECTIONS + 3000)) 2> /dev/null || {
    echo "ulimit -n is $(ulimit -n); need $((CONNECTIONS + 3000)) open files" >&2
    exit 1
  }
fi


echo "== database $DB on $PGHOST:$PGPORT"
recreate_database

echo "== build"
build_application
rm -rf target/bench-realtime-classes && mkdir -p target/bench-realtime-classes
javac -nowarn -cp "$CLASSPATH_APP" -d target/bench-realtime-classes \
  $(find bench/realtime/src -name '*.java')
(cd bench/realtime && { [ -d node_modules ] || npm ci --no-audit --no-fund --silent; })

# The server signs with this key, the client mints the same tokens (claims of identity.token.AccessTokens).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$OUT/jwt-key.pem" 2> /dev/null


# G1 with a 20 ms pause goal, as README recommends for nodes holding many WebSocket connections: the connections'
# state fills ~2/3 of the 1 GiB heap, and the default 200 ms goal let young collections pause 20–60 ms
GC_OPTS="${BENCH_GC_OPTS:--XX:MaxGCPauseMillis=20}"
echo "== server on :$HTTP_PORT (heap $HEAP, $GC_OPTS, Hikari pool $POOL, profile bench)"
MARKETPLACE_JWT_PRIVATE_KEY="$(cat "$OUT/jwt-key.pem")" \
  SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME=postgres \
  SPRING_PROFILES_ACTIVE=bench \
  java -Xmx"$HEAP" $GC_OPTS ${BENCH_JAVA_OPTS:-} -Xlog:gc:file="$OUT/gc.log" \
  -cp "$CLASSPATH_APP:target/bench-realtime-classes" com.betanet.marketplace.MarketplaceApplication \
  --server.port="$HTTP_PORT" --bench.control-port="$CONTROL_PORT" \
  --spring.datasource.hikari.maximum-pool-size="$POOL" \
  --server.tomcat.max-connections=$((CONNECTIONS + 2000)) \
  --marketplace.data-dir="$OUT/server-data" --marketplace.media.dir="$OUT/server-data/media" \
  --logging.level.root=warn > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
until curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2> /dev/null || { echo "server died, see $OUT/server.log" >&2; exit 1; }
  sleep 2
done

echo "== data: $CONNECTIONS buyers with one CONFIRMED order each, 100 sellers, one fan-out order"
"${PSQL[@]}" -d "$DB" -v buyers="$CONNECTIONS" -v warmup="${BENCH_WARMUP_USERS:-1000}" -v sellers=100 -f bench/realtime/seed.sql
"${PSQL[@]}" -d "$DB" -F, -c "select u.id, u.email, o.id from users u join orders o on o.buyer_id = u.id
                               where u.email like 'bench-%' order by u.email" > "$OUT/users.csv"

# latencies on a shared 2-core machine mean little while something else is busy
wait_quiet "${BENCH_MAX_LOAD:-5}"
echo "== load (1-min load average before: $(cut -d' ' -f1 /proc/loadavg))"
BENCH_SERVER_PID="$SERVER_PID" BENCH_KEY_FILE="$OUT/jwt-key.pem" BENCH_USERS_FILE="$OUT/users.csv" BENCH_OUT="$OUT" \
  BENCH_WS_URL="ws://127.0.0.1:$HTTP_PORT/ws" BENCH_CONTROL_URL="http://127.0.0.1:$CONTROL_PORT" \
  BENCH_CONNECTIONS="$CONNECTIONS" BENCH_OFFER_DEFLATE="${BENCH_OFFER_DEFLATE:-1}" \
  node --max-old-space-size=4096 bench/realtime/client.mjs | tee "$OUT/results.txt"
echo "load_average_after=$(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"
stop_server

# The floor: the database work of one change and its delivery (floor.sql) with pgbench, the machine otherwise idle,
# as many clients as the driver has workers.
echo "== floor: floor.sql with pgbench, 16 clients, ${BENCH_FLOOR_SECONDS:-15} s"
"${PSQL[@]}" -d "$DB" -c "create table bench_floor_orders as
    select row_number() over (order by o.id)::int as n, o.id from orders o join users u on u.id = o.buyer_id
     where u.email like 'bench-buyer-%'; create unique index on bench_floor_orders (n); analyze bench_floor_orders"
pgbench -h "$PGHOST" -p "$PGPORT" -U postgres -n -M prepared -c 16 -j 2 -T "${BENCH_FLOOR_SECONDS:-15}" \
  -D orders="$CONNECTIONS" -f bench/realtime/floor.sql "$DB" > "$OUT/floor.txt" 2>&1
echo "floor.changes_per_second=$(awk '/^tps/ { printf "%.0f", $3 }' "$OUT/floor.txt")" | tee -a "$OUT/results.txt"
echo "floor.latency_average_ms=$(awk '/^latency average/ { print $4 }' "$OUT/floor.txt")" | tee -a "$OUT/results.txt"

value() { grep -h "^$1=" "$OUT/results.txt" | head -1 | cut -d= -f2-; }
check() { awk -v v="$1" -v g="$2" 'BEGIN { print (v + 0 <= g + 0) ? "✔" : "✘" }'; }
heap=$(value connections.heap_after_gc_mb)
p99=$(value orders.commit_to_frame_p99_ms)
ratio() { awk -v f="$(value "$1.p99_ms")" -v b="$(value "$2.p99_ms")" 'BEGIN { printf "%.2f", f / b }'; }
ratio=$(ratio fanout bare)
ratio_alone=$(ratio fanout_alone bare_alone)
echo
echo "| measurement | result | goal |"
echo "|---|---|---|"
echo "| $(value connections.open) STOMP connections (failed $(value connections.failed)), -Xmx$HEAP $GC_OPTS | heap after GC $heap MB ($(value connections.heap_per_connection_kb) KB/connection over the idle baseline of $(value baseline.heap_after_gc_mb) MB); RSS $(value connections.rss_mb) MB ($(value connections.rss_per_connection_kb) KB/connection) | fits in 1 GiB $(check "$heap" 1024) |"
echo "| order events, $(value orders.commits_per_second) commits/s to random buyers | commit → frame $(value orders.commit_to_frame); missing 3 s after the last commit: $(value orders.missing) of $(value orders.committed) | p99 ≤ 50 ms $(check "$p99" 50), none missing $(check "$(value orders.missing)" 0) |"
echo "| floor: the database work of a change and its delivery, pgbench alone on the machine | $(value floor.changes_per_second) changes/s (app / floor $(awk -v a="$(value orders.commits_per_second)" -v f="$(value floor.changes_per_second)" 'BEGIN { printf "%.2f", a / f }')) | |"
echo "| fan-out, $(value fanout.subscribers) subscribers × $(value fanout.sent) frames, $CONNECTIONS idle connections open | STOMP $(value fanout.latency); received $(value fanout.received)/$(value fanout.expected) | |"
echo "| bare ws broadcast, same audience | $(value bare.latency); received $(value bare.received)/$(value bare.expected) | |"
echo "| fan-out p99 / bare p99, idle connections open | $ratio | ≤ 1.5 $(check "$ratio" 1.5) |"
echo "| fan-out, $(value fanout_alone.subscribers) subscribers × $(value fanout_alone.sent) frames, nothing else connected | STOMP $(value fanout_alone.latency); received $(value fanout_alone.received)/$(value fanout_alone.expected) | |"
echo "| bare ws broadcast, same audience | $(value bare_alone.latency); received $(value bare_alone.received)/$(value bare_alone.expected) | |"
echo "| fan-out p99 / bare p99, nothing else connected | $ratio_alone | ≤ 1.5 $(check "$ratio_alone" 1.5) |"
echo "(raw output in $OUT)"
