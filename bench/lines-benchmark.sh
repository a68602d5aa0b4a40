#!/usr/bin/env bash
# Issue-5 benchmark: line purchases and daily-limit consumes through the gateway, with exactness checks.
#   bench/lines-benchmark.sh [purchases] [workspaces] [consumes] [concurrency]   (defaults: 1000 20 20000 32)
# It builds the modules, starts the local stack in memory on offset ports (8580...) with a simulated
# carrier that answers after 1 s, runs LinesBenchmark against the gateway, and stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
purchases=${1:-1000}
workspaces=${2:-20}
consumes=${3:-20000}
concurrency=${4:-32}
offset=500
. bench/lib.sh
build_with_test_classpath
LINES_SIMULATOR_DELAY=1s start_stack $offset

java -Xmx512m \
  -cp "lines-service/target/test-classes:lines-service/target/classes:$(cat lines-service/target/bench.classpath)" \
  -Dbench.purchases="$purchases" \
  -Dbench.workspaces="$workspaces" \
  -Dbench.consumes="$consumes" \
  -Dbench.concurrency="$concurrency" \
  -Dbench.gateway=http://localhost:$((8080 + offset)) \
  -Dbench.issuer=http://localhost:$((8090 + offset)) \
  io.leadsuite.lines.bench.LinesBenchmark
