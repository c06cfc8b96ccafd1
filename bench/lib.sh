# Shared steps of the benchmark scripts (sourced by bench/run-checkout-bench.sh, run-webhook-bench.sh and
# run-realtime-bench.sh, after they set PSQL and DB).

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
