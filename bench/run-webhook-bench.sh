#!/usr/bin/env bash
# The webhook-intake benchmark of issue 5 (bench/webhooks/README.md), through the real server on localhost and against
# PostgreSQL directly:
#   (a) BENCH_EVENTS distinct events (odd payments: Daraja STK success callbacks, even: signed Stripe
#       payment_intent.succeeded events), each delivered BENCH_COPIES times, shuffled, from BENCH_SENDERS concurrent
#       senders, after one unmeasured delivery for each of BENCH_WARMUP_EVENTS other payments
#   (b) checks, once the server's inbox worker has applied every recorded event (the wait is reported): each payment
#       SUCCEEDED once, one inbox row per event, one PAYMENT transfer per payment, each escrow credited once, trial
#       balance zero; then the wait until ordering's listener has confirmed every checkout
#   (c) floor: the same intake in plain SQL with pgbench (bench/webhooks/floor.sql), same clients, as long as (a) took
#
#   bench/run-webhook-bench.sh
#   BENCH_EVENTS=2000 bench/run-webhook-bench.sh
#
# Environment (defaults): BENCH_EVENTS (10000), BENCH_COPIES (3), BENCH_SENDERS (50), BENCH_WARMUP_EVENTS (2000),
#   BENCH_PGHOST/BENCH_PGPORT (127.0.0.1/5432, user postgres, trust auth), BENCH_DB (bench_webhooks, dropped and
#   re-created), BENCH_PORT (18096, or the next free port), BENCH_POOL (Hikari pool size, 10), BENCH_TOMCAT_THREADS (200), BENCH_JFR=1 to record a JFR profile of the
#   server during (a), BENCH_MAX_LOAD (6: wait while the 1-minute load average is above it), BENCH_NO_WAIT=1 to skip waiting for
#   other benchmarks on this machine.
# Needs: JDK 17, psql and pgbench (PostgreSQL 15 client), a PostgreSQL server, curl, unzip.
set -euo pipefail
cd "$(dirname "$0")/.."

EVENTS="${BENCH_EVENTS:-10000}"
COPIES="${BENCH_COPIES:-3}"
SENDERS="${BENCH_SENDERS:-50}"
WARM="${BENCH_WARMUP_EVENTS:-2000}"
PGHOST="${BENCH_PGHOST:-127.0.0.1}"
PGPORT="${BENCH_PGPORT:-5432}"
DB="${BENCH_DB:-bench_webhooks}"
HTTP_PORT="${BENCH_PORT:-18096}"
POOL="${BENCH_POOL:-10}"
OUT="target/bench-webhooks/$(date +%Y%m%d-%H%M%S)"
PSQL=(psql -h "$PGHOST" -p "$PGPORT" -U postgres -X -q -A -t -v ON_ERROR_STOP=1)
JDBC="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
mkdir -p "$OUT"
OUT_ABS="$(cd "$OUT" && pwd)"

# The providers are configured (so the real STK and Stripe webhooks answer) with dummy credentials; their APIs point
# at a closed local port because nothing here calls them: the payments are created in SQL.
export MARKETPLACE_MPESA_CALLBACK_SECRET="bench-mpesa-callback-secret-0f9c2d"
export MARKETPLACE_STRIPE_WEBHOOK_SECRET="whsec_bench0123456789abcdef"
export MARKETPLACE_MPESA_BASE_URL=http://127.0.0.1:9 MARKETPLACE_MPESA_CONSUMER_KEY=bench \
  MARKETPLACE_MPESA_CONSUMER_SECRET=bench MARKETPLACE_MPESA_SHORTCODE=174379 MARKETPLACE_MPESA_PASSKEY=bench
export MARKETPLACE_STRIPE_API_BASE=http://127.0.0.1:9 MARKETPLACE_STRIPE_SECRET_KEY=sk_test_bench
export BENCH_ADMIN_EMAIL=admin@bench.local BENCH_ADMIN_PASSWORD=bench-admin-password

# shellcheck source=bench/lib.sh
. bench/lib.sh
require_tools psql pgbench java javac curl unzip ss

load() { cut -d' ' -f1 /proc/loadavg; }

wait_quiet "${BENCH_MAX_LOAD:-6}"
echo "== database $DB on $PGHOST:$PGPORT (load $(load))"
recreate_database

echo "== build"
build_application
mkdir -p target/bench-webhook-classes
javac -nowarn --release 17 -d target/bench-webhook-classes bench/webhooks/src/WebhookBench.java
# Stripe events carry the API version of the SDK the server uses (so the SDK deserialises them, as in production)
STRIPE_JAR=$(tr ':' '\n' < target/classpath.txt | grep '/stripe-java-' | head -1)
STRIPE_API_VERSION=$(unzip -p "$STRIPE_JAR" com/stripe/ApiVersion.class | tr -c '[:print:]' '\n' \
  | grep -E '^20[0-9]{2}-[0-9]{2}-[0-9]{2}' | head -1)
echo "Stripe API version $STRIPE_API_VERSION"


JFR_OPTS=()
[ "${BENCH_JFR:-0}" = 1 ] && JFR_OPTS=("-XX:StartFlightRecording=filename=$OUT_ABS/server.jfr,settings=profile,dumponexit=true")
# other benchmarks on this machine use ports around here too: take the first free one
while ss -ltn | awk '{print $4}' | grep -q ":$HTTP_PORT\$"; do HTTP_PORT=$((HTTP_PORT + 1)); done
echo "== server on :$HTTP_PORT (Hikari pool $POOL)"
java -Xms512m -Xmx512m -XX:+UseParallelGC "${JFR_OPTS[@]}" -cp "$CLASSPATH_APP" \
  com.betanet.marketplace.MarketplaceApplication \
  --spring.datasource.url="$JDBC" --spring.datasource.username=postgres \
  --spring.datasource.hikari.maximum-pool-size="$POOL" \
  --server.port="$HTTP_PORT" --server.tomcat.threads.max="${BENCH_TOMCAT_THREADS:-200}" --server.tomcat.accept-count=1024 \
  --marketplace.admin.email="$BENCH_ADMIN_EMAIL" --marketplace.admin.password="$BENCH_ADMIN_PASSWORD" \
  --marketplace.data-dir="$OUT/server-data" --marketplace.jwt.key-dir="$OUT/server-data" \
  --marketplace.media.dir="$OUT/server-data/media" --logging.level.root=warn > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
until curl -fs "http://127.0.0.1:$HTTP_PORT/actuator/health/readiness" > /dev/null 2>&1; do
  kill -0 "$SERVER_PID" 2> /dev/null || { echo "server died, see $OUT/server.log" >&2; exit 1; }
  sleep 2
done

echo "== data: $EVENTS payments (+ $WARM for the warm-up), half M-Pesa, half Stripe"
"${PSQL[@]}" -d "$DB" -v n="$EVENTS" -v w="$WARM" -f bench/webhooks/seed.sql

echo "== (a) intake: $EVENTS events x $COPIES deliveries, shuffled, $SENDERS senders (load $(load))"
wait_quiet "${BENCH_MAX_LOAD:-6}"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
# CPU seconds used during (a): the server's JVM, and the whole machine (2 cores; the rest is PostgreSQL, the client
# and whatever else runs)
cpu_of() { awk '{ printf "%.1f", ($14 + $15) / 100 }' "/proc/$1/stat"; }
machine_cpu() { awk '/^cpu / { printf "%.1f", ($2 + $3 + $4 + $7 + $8) / 100 }' /proc/stat; }
SERVER_CPU_BEFORE=$(cpu_of "$SERVER_PID")
MACHINE_CPU_BEFORE=$(machine_cpu)
PHASE_START_MS=$(date +%s%3N)
# what the server's connections wait for, sampled twice a second during (a)
(while kill -0 "$SERVER_PID" 2> /dev/null; do
  "${PSQL[@]}" -d "$DB" -c "select coalesce(wait_event_type || ':' || wait_event, 'CPU') || ' ' || state
           || case when wait_event_type = 'Lock' then ' (' || left(regexp_replace(query, '\s+', ' ', 'g'), 30) || ')'
                   else '' end
    from pg_stat_activity where datname = '$DB' and application_name not like 'psql%'
      and state <> 'idle'" 2> /dev/null
  sleep 0.5
done) > "$OUT/wait-samples.log" &
SAMPLER_PID=$!
java -Xmx512m -cp target/bench-webhook-classes WebhookBench "http://127.0.0.1:$HTTP_PORT" \
  "$MARKETPLACE_MPESA_CALLBACK_SECRET" "$MARKETPLACE_STRIPE_WEBHOOK_SECRET" "$STRIPE_API_VERSION" \
  "$EVENTS" "$WARM" "$COPIES" "$SENDERS" | tee "$OUT/intake.txt"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
kill "$SAMPLER_PID" 2> /dev/null || true
{
  echo "cpu.server_s=$(awk -v a="$(cpu_of "$SERVER_PID")" -v b="$SERVER_CPU_BEFORE" 'BEGIN { printf "%.1f", a - b }')"
  echo "cpu.phase_s=$(awk -v a="$(date +%s%3N)" -v b="$PHASE_START_MS" 'BEGIN { printf "%.1f", (a - b) / 1000 }')"
  echo "cpu.machine_s=$(awk -v a="$(machine_cpu)" -v b="$MACHINE_CPU_BEFORE" 'BEGIN { printf "%.1f", a - b }')"
  echo "waits.top=$(sort "$OUT/wait-samples.log" | uniq -c | sort -rn | head -6 | awk '{ $1 = $1; print }' \
    | paste -sd ';' -)"
} | tee "$OUT/cpu.txt"
value() { grep -h "^$1=" "$OUT"/*.txt | head -1 | cut -d= -f2-; }
finished_ms=$(value webhooks.finished_at_epoch_ms)

echo "== (b) checks"
# the measured payments and their events, by provider reference / inbox id
BP="(select * from payments where provider_reference like 'ws\_CO\_bench\_%'
                                or provider_reference like 'pi\_bench\_%') bp"
q() { "${PSQL[@]}" -d "$DB" -c "$1"; }
# webhooks are answered once recorded; the server's inbox worker applies them right after
applied_s="not done in 600 s"
for _ in $(seq 1 1200); do
  if [ "$(q "select count(*) from payment_inbox where kind is not null and processed_at is null")" = 0 ]; then
    applied_s=$(awk -v a="$(date +%s%3N)" -v b="$finished_ms" 'BEGIN { printf "%.1f", (a - b) / 1000 }')
    break
  fi
  sleep 0.5
done
listeners_s="not done in 600 s"
for _ in $(seq 1 1200); do
  paid=$(q "select count(*) from checkouts c join $BP on bp.reference_id = c.id
            where c.status = 'PAID' and c.paid_by_payment_id = bp.id")
  if [ "$paid" = "$EVENTS" ]; then
    listeners_s=$(awk -v a="$(date +%s%3N)" -v b="$finished_ms" 'BEGIN { printf "%.1f", (a - b) / 1000 }')
    break
  fi
  sleep 0.5
done
{
  echo "check.payments_succeeded=$(q "select count(*) from $BP where bp.status = 'SUCCEEDED'")"
  echo "check.payments_not_succeeded=$(q "select count(*) from $BP where bp.status <> 'SUCCEEDED'")"
  echo "check.inbox_rows=$(q "select count(*) from payment_inbox
        where external_id like 'ws\_CO\_bench\_%' or external_id like 'evt\_bench\_%'")"
  echo "check.inbox_applied=$(q "select count(*) from payment_inbox
        where (external_id like 'ws\_CO\_bench\_%' or external_id like 'evt\_bench\_%') and outcome = 'SUCCEEDED'")"
  echo "check.payment_transfers=$(q "select count(*) || ' for ' || count(distinct t.reference_id) || ' payments, '
        || coalesce(sum(t.amount) = (select sum(amount) from $BP), false)::text
        from ledger_transfers t join $BP on bp.id = t.reference_id where t.code = 'PAYMENT'")"
  echo "check.escrows_credited_once=$(q "select count(*) from ledger_account_balances a
        join $BP on a.type = 'CHECKOUT_ESCROW' and a.owner = bp.reference_id::text
        where a.credits_posted = bp.amount and a.debits_posted = 0
          and a.debits_pending = (select coalesce(sum(amount), 0) from ledger_transfers t
                                   where t.debit_account_id = a.id and t.state = 'PENDING')")"
  echo "check.trial_balance=$(q "select string_agg(currency || ' debits ' || dp || ' credits ' || cp
        || ' pending ' || dq || '/' || cq || case when dp = cp and dq = cq then ' balanced' else ' UNBALANCED' end, '; ')
        from (select currency, sum(debits_posted) dp, sum(credits_posted) cp, sum(debits_pending) dq,
                     sum(credits_pending) cq from ledger_account_balances group by currency) s")"
  echo "check.checkouts_paid=$(q "select count(*) from checkouts c join $BP on bp.reference_id = c.id
        where c.status = 'PAID'")"
  echo "check.orders_confirmed=$(q "select count(*) from orders o join $BP on bp.reference_id = o.checkout_id
        where o.status = 'CONFIRMED'")"
  echo "check.inbox_applied_after_s=$applied_s"
  echo "check.listeners_done_after_s=$listeners_s"
  # the other listeners of the same events (real-time notifications of payer, buyer and seller) drain the outbox
  outbox_s="not empty after 600 s"
  for _ in $(seq 1 1200); do
    if [ "$(q "select count(*) from event_publication where completion_date is null")" = 0 ]; then
      outbox_s=$(awk -v a="$(date +%s%3N)" -v b="$finished_ms" 'BEGIN { printf "%.1f", (a - b) / 1000 }')
      break
    fi
    sleep 0.5
  done
  echo "check.outbox_empty_after_s=$outbox_s"
  echo "check.publications_incomplete=$(q "select count(*) from event_publication where completion_date is null")"
  echo "check.server_errors_logged=$(grep -c 'ERROR' "$OUT/server.log" || true)"
} | tee "$OUT/checks.txt"
stop_server

wall_ms=$(value webhooks.wall_ms)
FLOOR_SECONDS=$(( (wall_ms + 999) / 1000 ))
[ "$FLOOR_SECONDS" -lt 10 ] && FLOOR_SECONDS=10
# enough fresh events for 10 000 deliveries a second
LAPS=$(( FLOOR_SECONDS * 10000 / (EVENTS * COPIES) + 1 ))
echo "== (c) floor: bench/webhooks/floor.sql with pgbench, $SENDERS clients, ${FLOOR_SECONDS}s (load $(load))"
"${PSQL[@]}" -d "$DB" -v n="$EVENTS" -v copies="$COPIES" -v laps="$LAPS" -f bench/webhooks/floor-setup.sql
wait_quiet "${BENCH_MAX_LOAD:-6}"
mkdir -p "$OUT/floor-log"
(cd "$OUT/floor-log" && pgbench -h "$PGHOST" -p "$PGPORT" -U postgres -n -M prepared -c "$SENDERS" -j 2 \
  -T "$FLOOR_SECONDS" -P 5 -l -f "$OLDPWD/bench/webhooks/floor.sql" "$DB") 2>&1 | tee "$OUT/floor.txt"
floor=$(grep -h "^tps = " "$OUT/floor.txt" | head -1 | awk '{printf "%.0f", $3}')
# per-transaction log: column 3 is the latency in microseconds
read -r floor_p50 floor_p99 < <(cat "$OUT"/floor-log/pgbench_log.* | awk '{print $3}' | sort -n \
  | awk '{ v[NR] = $1 } END { printf "%.1f %.1f\n", v[int(NR * 0.5)] / 1000, v[int(NR * 0.99)] / 1000 }')
floor_check=$("${PSQL[@]}" -d "$DB" -c "select count(*) || ' inbox rows, ' || (select count(*) from floor.ledger_transfers)
  || ' transfers, balanced: ' || (select sum(debits_posted) = sum(credits_posted) from floor.ledger_accounts)
  from floor.payment_inbox")
rm -rf "$OUT/floor-log"

app=$(value webhooks.per_second)
echo
echo "load average (1/5/15 min) before / after (a): $LOAD_BEFORE / $LOAD_AFTER"
echo "CPU during (a) (warm-up included, $(value cpu.phase_s) s): server JVM $(value cpu.server_s) s, whole machine $(value cpu.machine_s) s of $(awk -v w="$(value cpu.phase_s)" 'BEGIN { printf "%.1f", 2 * w }') s"
echo "server connections' waits during (a) (samples): $(value waits.top)"
echo "| measurement | result |"
echo "|---|---|"
echo "| app: $EVENTS events x $COPIES, shuffled, $SENDERS senders | $app webhooks/s; p50 $(value webhooks.p50_ms) ms, p90 $(value webhooks.p90_ms) ms, p99 $(value webhooks.p99_ms) ms, max $(value webhooks.max_ms) ms; $(value webhooks.requests) requests in $(value webhooks.wall_ms) ms; statuses $(value webhooks.statuses) |"
echo "| checks | succeeded $(value check.payments_succeeded)/$EVENTS (others $(value check.payments_not_succeeded)); inbox rows $(value check.inbox_rows) (applied $(value check.inbox_applied)); PAYMENT transfers $(value check.payment_transfers); escrows credited once $(value check.escrows_credited_once); trial balance: $(value check.trial_balance) |"
echo "| inbox worker | every recorded event applied $(value check.inbox_applied_after_s) s after the last response |"
echo "| ordering listener | checkouts PAID $(value check.checkouts_paid), orders CONFIRMED $(value check.orders_confirmed), all done $(value check.listeners_done_after_s) s after the last response; whole outbox (all listeners) done after $(value check.outbox_empty_after_s) s |"
echo "| floor: floor.sql via pgbench, $SENDERS clients, ${FLOOR_SECONDS}s | $floor deliveries/s; p50 $floor_p50 ms, p99 $floor_p99 ms; $floor_check |"
if [ -n "$app" ] && [ -n "$floor" ] && [ "$floor" != 0 ]; then
  echo "| app / floor | $(awk -v a="$app" -v f="$floor" 'BEGIN { printf "%.2f", a / f }') |"
fi
p99=$(value webhooks.p99_ms)
goal=$(awk -v a="$app" -v p="$p99" 'BEGIN { print (a >= 1000 && p <= 100) ? "met" : "missed" }')
echo "goal (>= 1000 webhooks/s, p99 <= 100 ms): $goal"
echo "(raw output in $OUT)"
