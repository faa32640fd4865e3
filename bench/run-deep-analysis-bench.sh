#!/usr/bin/env bash
# Deep-analysis benchmark: wall time of a run against a fake OpenAI server with fixed latency, compared with the
# critical path of its plan and with the same steps one after another. See bench/README.md.
# Usage: bench/run-deep-analysis-bench.sh [latency-ms=1000] [runs=3]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
latency="${1:-1000}"
runs="${2:-3}"
mkdir -p bench/results
./mvnw -B -q -o -Dui.skip=true test -Dtest=DeepAnalysisBench -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.deep=true -Dbench.latency-ms="$latency" -Dbench.runs="$runs"
grep -h "DEEP-ANALYSIS-BENCH" target/surefire-reports/io.autoanalyst.deepanalysis.DeepAnalysisBench-output.txt \
    | sed 's/^.*DEEP-ANALYSIS-BENCH //' | tee "bench/results/deep-analysis-$(date -u +%Y%m%dT%H%M%SZ).md"
