#!/usr/bin/env bash
# Measures the local stack: wall time until every readiness probe is UP, and the resident memory of each
# process when ready and after a burst of authenticated requests through the gateway.
#   bench/stack-startup.sh [runs] [requests]      (defaults: 3 runs, 2000 requests of which half are writes)
# Run it from a built tree (./mvnw package -DskipTests) on an otherwise idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
requests=${2:-2000}
offset=300   # ports 8380..., so a running stack on the default ports is left alone
gateway=$((8080 + offset)); issuer=$((8090 + offset))

rss_table() {
  for pid in $(pgrep -f 'local-stack.jar|target/.*\.jar' || true); do
    name=$(tr '\0' ' ' < /proc/$pid/cmdline | grep -o '[a-z-]*\.jar' | head -1)
    printf '    %-26s %5d MB\n' "$name" $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 ))
  done
}

for run in $(seq 1 "$runs"); do
  out=$(mktemp)
  # One user sends every request: lift the per-user rate limit for the run (children inherit it).
  GATEWAY_RATE_LIMIT_CAPACITY=1000000 java -Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar local-stack/target/local-stack.jar \
    --in-memory --port-offset=$offset --data-dir="$(mktemp -d)" > "$out" 2>&1 &
  launcher=$!
  until grep -q 'Ready in\|did not start' "$out"; do sleep 0.5; done
  echo "run $run: $(grep -o 'Ready in [0-9.]* s' "$out")"
  echo "  resident memory when ready:"; rss_table
  if [ "$requests" -gt 0 ]; then
    token=$(curl -s "http://localhost:$issuer/token?userId=bench_$run")
    started=$(date +%s.%N)
    codes=$(seq "$requests" | xargs -P 8 -I{} sh -c '
      if [ $(({} % 2)) -eq 0 ]; then
        curl -s -o /dev/null -w "%{http_code}\n" -H "Authorization: Bearer '"$token"'" -H "Content-Type: application/json" \
          -d "{\"firstName\":\"B\",\"lastName\":\"{}\",\"email\":\"b{}@example.com\",\"phone\":\"+1 555 0100\"}" \
          http://localhost:'"$gateway"'/api/leads
      else
        curl -s -o /dev/null -w "%{http_code}\n" -H "Authorization: Bearer '"$token"'" "http://localhost:'"$gateway"'/api/leads?limit=20"
      fi' | sort | uniq -c | tr -s " " | tr "\n" ";")
    echo "  $requests requests (8 concurrent curl clients) in $(echo "$(date +%s.%N) - $started" | bc) s, status counts:$codes"
    echo "  resident memory after:"
    rss_table
  fi
  kill -TERM "$launcher"; wait "$launcher" || true
  rm -f "$out"
done
