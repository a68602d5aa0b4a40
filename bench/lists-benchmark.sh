#!/usr/bin/env bash
# Issue-4 benchmark: how long lists-service's lead counts take to become exact after a burst of lead changes.
#   bench/lists-benchmark.sh [changes] [leads] [lists]      (defaults: 100000 20000 5)
# It builds the modules, starts the local stack in memory on offset ports (8480...), creates the lists
# through the gateway, publishes the burst to the stack's Kafka as leads-service would (creates, moves,
# updates and deletes from 8 concurrent clients, each lead's events in order; see LeadEventSimulator),
# polls GET /api/lists through the gateway until every leadCount equals the true count, and stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
changes=${1:-100000}
leads=${2:-20000}
lists=${3:-5}
offset=400
. bench/lib.sh
build_with_test_classpath
start_stack $offset

java -Xmx1g \
  -cp "lists-service/target/test-classes:lists-service/target/classes:$(cat lists-service/target/bench.classpath)" \
  -Dbench.changes="$changes" \
  -Dbench.leads="$leads" \
  -Dbench.lists="$lists" \
  -Dbench.kafka=localhost:$((9092 + offset)) \
  -Dbench.gateway=http://localhost:$((8080 + offset)) \
  -Dbench.issuer=http://localhost:$((8090 + offset)) \
  io.leadsuite.lists.bench.ListsBenchmark 2>&1 | grep -E '^(burst|converged|counts|Exception|\s+at )'
