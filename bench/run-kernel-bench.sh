#!/usr/bin/env bash
# Kernel benchmark (not a test): warm kernel vs in-process floor vs fresh python3, session
# start-up with and without the warm pool, RSS per idle kernel. Usage:
#   bench/run-kernel-bench.sh [warm-runs=500] [fresh-runs=10]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
./mvnw -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
mkdir -p bench/results
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -cp "target/classes:$(cat target/bench.classpath)" bench/KernelBench.java "$@" | tee "bench/results/kernel-$(date +%Y%m%d-%H%M%S).txt"
