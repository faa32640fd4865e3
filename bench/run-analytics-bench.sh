#!/usr/bin/env bash
# Admin analytics benchmark (not a test): seeds a year of usage into a fresh SQLite file and prints
# each /analytics route's latency over HTTP. Usage:
#   bench/run-analytics-bench.sh [model_usage-rows=1000000] [runs-per-route=10]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
mkdir -p bench/results
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Duser.timezone=UTC \
  -cp "target/classes:$(cat target/bench.classpath)" bench/AnalyticsBench.java "$@" | tee "bench/results/analytics-$(date +%Y%m%d-%H%M%S).txt"
