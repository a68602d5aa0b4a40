#!/usr/bin/env bash
# The CSV import benchmark: generates a CSV of ROWS leads (10 columns, 2 custom), measures the store's ceiling
# (the same rows inserted raw with insertMany, batches of 1000), imports the file end to end through the
# gateway (upload to completed), then measures how long after completed every LeadCreated is on
# leads.lead-changes.v1 and the list's leadCount is exact, the CPU time and the peak heap of each process.
#   bench/import-benchmark.sh [rows] [store]      (defaults: 1000000, persistent)
# store=persistent is the default run's store (./run-local.sh: H2 file, launcher heap 512m as there);
# store=memory is --in-memory. It builds the modules, starts the local stack on offset ports (8580...), runs
# io.leadsuite.imports.bench.ImportBenchmark against it, and stops the stack.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-1000000}
store=${2:-persistent}
offset=500
. bench/lib.sh
build_with_test_classpath
LAUNCHER_HEAP=${LAUNCHER_HEAP:-512m} start_stack $offset "$store"

java -Xmx1g \
  -cp "import-worker/target/test-classes:$(cat import-worker/target/bench.classpath)" \
  -Dbench.rows="$rows" \
  -Dbench.gateway=http://localhost:$((8080 + offset)) \
  -Dbench.issuer=http://localhost:$((8090 + offset)) \
  -Dbench.mongo=mongodb://localhost:$((27017 + offset)) \
  -Dbench.kafka=localhost:$((9092 + offset)) \
  io.leadsuite.imports.bench.ImportBenchmark 2>&1 | grep --line-buffered -E '^(file|ceiling|upload|progress|import|ratio|cpu|delay|heap) |Exception|Caused by'
