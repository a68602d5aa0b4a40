#!/usr/bin/env bash
# Starts the whole suite on embedded defaults: Kafka (KRaft), the MongoDB-compatible store, a local JWT
# issuer and the six services as separate processes. Ctrl-C stops everything. Options: --help.
set -euo pipefail
cd "$(dirname "$0")"

build=true
args=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --help|-h) build=false; args+=("$arg") ;;
    *) args+=("$arg") ;;
  esac
done

if $build; then
  echo "Building (./mvnw package -DskipTests; --no-build skips this)..."
  ./mvnw -q -B -Dstyle.color=never package -DskipTests
fi

exec java -Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
  -jar local-stack/target/local-stack.jar "${args[@]+"${args[@]}"}"
