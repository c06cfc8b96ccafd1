# Shared steps of the benchmark scripts (sourced by every bench/run-*-bench.sh, after it sets PSQL and DB).

# wait_quiet [MAX_LOAD]: another benchmark on this 2-core machine pollutes the figures (and ours theirs), so this waits,
# at most 10 minutes, until no other benchmark's load generator runs and, when MAX_LOAD is given, the 1-minute load
# average is at most MAX_LOAD. It looks for load generators, not for other benchmark scripts: those wait for ours in
# turn, and two scripts each waiting for the other would both give up after 10 minutes and run at once. Call it before
# starting a load generator of one's own. BENCH_NO_WAIT=1 skips it.
wait_quiet() {
  [ "${BENCH_NO_WAIT:-0}" = 1 ] && return 0
  local max="${1:-}" waited=0 others
  while others=$(pgrep -fa 'pgbench|wrk|SearchBench|CheckoutBench|WebhookBench|bench/realtime/client' || true) \
      && [ -n "$others" ] \
      || { [ -n "$max" ] && awk -v max="$max" '{ exit !($1 > max) }' /proc/loadavg \
           && others="1-minute load $(cut -d' ' -f1 /proc/loadavg) > $max"; }; do
    if [ "$waited" -ge 600 ]; then
      echo "still not quiet after 10 min; measuring anyway (figures may be polluted): $others" >&2
      return 0
    fi
    echo "waiting for a quiet machine: $(echo "$others" | head -1 | cut -c1-120)" >&2
    sleep 30
    waited=$((waited + 30))
  done
}

# require_tools TOOL...: exits with a message if one is not on the PATH
require_tools() {
  local tool
  for tool in "$@"; do
    command -v "$tool" > /dev/null || { echo "missing $tool" >&2; exit 1; }
  done
}

# recreate_database: drops and creates $DB through "${PSQL[@]}"
recreate_database() {
  "${PSQL[@]}" -d postgres -c "drop database if exists $DB with (force)"
  "${PSQL[@]}" -d postgres -c "create database $DB"
}

# build_application: compiles the server offline and sets CLASSPATH_APP (its classes and runtime dependencies)
build_application() {
  ./mvnw -q -B -o -DskipTests compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -Dmdep.includeScope=runtime
  CLASSPATH_APP="target/classes:$(cat target/classpath.txt)"
}

# The server started in the background stores its pid in SERVER_PID; it is stopped on exit, or by stop_server.
SERVER_PID=""
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2> /dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2> /dev/null || true
  fi
  SERVER_PID=""
}
trap stop_server EXIT
