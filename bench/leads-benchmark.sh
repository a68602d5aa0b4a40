#!/usr/bin/env bash
# Issue-3 benchmark: writes leads through the batch write path (the import path), then pages, searches and
# exports them through the gateway, printing throughput and latency percentiles.
#   bench/leads-benchmark.sh [leads] [phases]      (defaults: 100000, page,search,export; leads are always written)
# LEADSUITE_SERVICE_JAVA_OPTS adds JVM options to the services (e.g. -Xmx64m to show the export streams),
# LAUNCHER_HEAP sizes the launcher, which holds the in-memory store (default 1g), and BENCH_SEED=direct
# inserts the leads straight into the store (no events, no audit) for the export's million-lead memory check:
#   BENCH_SEED=direct LAUNCHER_HEAP=8g LEADSUITE_SERVICE_JAVA_OPTS=-Xmx64m bench/leads-benchmark.sh 1000000 export
# It builds the modules, starts the local stack in memory on offset ports (8480...), runs
# io.leadsuite.leads.bench.LeadsBenchmark against it, and stops the stack. Queries run on the embedded
# MongoDB-compatible store, which keeps no secondary indexes: read latencies are not those of real MongoDB.
set -euo pipefail
cd "$(dirname "$0")/.."
leads=${1:-100000}
phases=${2:-page,search,export}
offset=400
. bench/lib.sh
build_with_test_classpath
start_stack $offset

java -Xmx2g \
  -cp "leads-service/target/test-classes:leads-service/target/classes:$(cat leads-service/target/bench.classpath)" \
  -DMONGODB_URI=mongodb://localhost:$((27017 + offset)) \
  -Dspring.cloud.stream.kafka.binder.brokers=localhost:$((9092 + offset)) \
  -Dleadsuite.security.jwks-uri=http://localhost:$((8090 + offset))/.well-known/jwks.json \
  -Dleadsuite.security.issuer=http://localhost:$((8090 + offset)) \
  -Dlogging.structured.format.console= \
  -Dbench.leads="$leads" \
  -Dbench.phases="$phases" \
  -Dbench.seed="${BENCH_SEED:-writer}" \
  -Dbench.gateway=http://localhost:$((8080 + offset)) \
  -Dbench.issuer=http://localhost:$((8090 + offset)) \
  -Dbench.leadsService=http://localhost:$((8081 + offset)) \
  io.leadsuite.leads.bench.LeadsBenchmark 2>&1 | grep -v '^\s*$' | grep -E '^(batch|events|seeded|paging|search|export)'
