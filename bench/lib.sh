# Shared by the benchmark scripts (sourced, not run): builds the modules with the test classpath of each
# module in target/bench.classpath, and starts the local stack in memory on offset ports, stopping it when
# the calling script exits.

# build_with_test_classpath: ./mvnw package, plus each module's test classpath for running a benchmark main.
build_with_test_classpath() {
  ./mvnw -q -B -Dstyle.color=never package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench.classpath
}

# start_stack OFFSET [STORE]: starts the stack on ports 8080+OFFSET... with the in-memory store, or with
# STORE=persistent the default run's store (H2 file in a temporary data directory); LAUNCHER_HEAP sizes the
# launcher, which holds Kafka and the store (default 1g). Returns once every service is ready.
start_stack() {
  local offset=$1 store=${2:-memory}
  local mode=--in-memory
  [ "$store" = persistent ] && mode=
  stack_out=$(mktemp)
  stack_data=$(mktemp -d)
  # One benchmark user sends every request: lift the per-user rate limit (the services inherit it).
  GATEWAY_RATE_LIMIT_CAPACITY=1000000 java -Xms64m -Xmx"${LAUNCHER_HEAP:-1g}" -XX:+UseSerialGC \
    -jar local-stack/target/local-stack.jar $mode --port-offset="$offset" --data-dir="$stack_data" \
    > "$stack_out" 2>&1 &
  stack_pid=$!
  trap 'kill -TERM $stack_pid 2>/dev/null; wait $stack_pid 2>/dev/null || true; rm -rf "$stack_out" "$stack_data"' EXIT
  until grep -q 'Ready in\|did not start' "$stack_out"; do sleep 1; done
  grep 'Ready in' "$stack_out" || { cat "$stack_out"; exit 1; }
}
