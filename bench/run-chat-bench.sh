#!/usr/bin/env bash
# Chat-turn server overhead with an instant fake model, at 1, 8 and 64 concurrent sessions. See bench/README.md.
# Usage: bench/run-chat-bench.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
./mvnw -q -B -Dui.skip=true compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
mkdir -p bench/results
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Duser.timezone=UTC -Djdk.virtualThreadScheduler.parallelism=16 \
  -cp "target/classes:$(cat target/bench.classpath)" bench/ChatTurnBench.java "$@" | tee "bench/results/chat-$(date -u +%Y%m%dT%H%M%SZ).txt"
