#!/usr/bin/env bash
# Load figures: runs the load test (64 sessions x upload + 2 chat turns, offline analyst; @Tag("load")) with Maven
# and turns its "[load]" line into RESULT lines. The test itself asserts that nothing is lost; this script
# reports its timings. Usage: bench/run-load-bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/jdk.sh
status=0
./mvnw -B -q -o -Dui.skip=true test -Dtest=ConcurrentSessionsLoadTest -Dsurefire.failIfNoSpecifiedTests=false >/dev/null || status=$?
report=target/surefire-reports/io.autoanalyst.chat.ConcurrentSessionsLoadTest-output.txt
line=$(grep -h '^\[load\]' "$report" 2>/dev/null | tail -1 || true)
echo "${line:-[load] no result line (see $report)}"
LOAD_LINE="$line" STATUS="$status" /usr/bin/python3 - <<'PY'
import json, os, re
line, ok = os.environ["LOAD_LINE"], os.environ["STATUS"] == "0"
m = re.search(r"(\d+) sessions .* in ([\d.]+) s; turns p50 (\d+) ms, p99 (\d+) ms, max (\d+) ms; /health p50 (\d+) ms, p99 (\d+) ms", line)
def result(metric, ours, unit, target, passed, note=""):
    print("RESULT " + json.dumps({"bench": "load", "metric": metric, "ours": ours, "baseline": None, "unit": unit,
                                  "target": target, "pass": passed, "note": note}))
if not m:
    result("load: 64 sessions x (upload + 2 turns)", None, "s", "every turn completes", False, "no [load] line: the test failed to run")
else:
    n, wall, t50, t99, tmax, h50, h99 = m.groups()
    result(f"load: {n} sessions x (upload + 2 turns), every turn completes", float(wall), "s", "test passes (nothing lost)", ok,
           f"turns p50 {t50} ms, p99 {t99} ms, max {tmax} ms")
    result(f"load: /health p99 during {n} sessions", int(h99), "ms", "< 200 ms", int(h99) < 200, f"p50 {h50} ms")
PY
exit "$status"
