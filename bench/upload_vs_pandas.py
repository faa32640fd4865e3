#!/usr/bin/env python3
"""Upload + profile of a ~100 MB CSV: the server's Java path against pandas, in the same run.

Standard library only (it drives /usr/bin/python3 with pandas as the baseline, and curl for the
upload). Run from the project root after building the jar:

    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
    ./mvnw -q -B -DskipTests package
    /usr/bin/python3 bench/upload_vs_pandas.py [--rows 1000000] [--runs 3]

Java path   = POST /upload_dataframe of the file (multipart, streamed by curl) until the response:
              spool, sniff, structure check, DuckDB read and typing, profile, rows committed. Wall
              time seen by the client. The kernel's CSV copy is written after the response; the
              script waits for it before the next run and prints that time too.
Baseline    = pandas.read_csv(file) + df.describe(include='all') in an already-running Python with
              pandas imported (import time not counted).
Heap        = the server's jvm.memory.used{area=heap}, sampled every 50 ms during --runs more
              uploads (not timed: the sampler's requests cost the server CPU).
Each side runs --runs times after one warm-up; medians are compared.
"""
import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JAR = ROOT / "target" / "auto-analyst.jar"
ADMIN_KEY = "bench-admin-key"
PANDAS_PYTHON = "/usr/bin/python3"


def make_csv(path, rows):
    """~100 bytes a row: id, ISO datetime, ints, a category, money, a decimal, a boolean, a gappy int, a code."""
    rng = random.Random(7)
    countries = ["DE", "FR", "US", "BR", "JP", "IN", "GB", "ES"]
    with open(path, "w", encoding="utf-8", newline="") as out:
        out.write("id,event_time,user_id,country,device,amount,quantity,score,is_active,session_seconds,code\n")
        lines = []
        for i in range(1, rows + 1):
            lines.append(
                f"{i},2024-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:{i % 59:02d}.{i % 1000:03d}Z,"
                f"{rng.randrange(1, 100000)},{countries[i % 8]},{'mobile' if i % 3 else 'desktop'},"
                f"{rng.randrange(100, 1000000) / 100:.2f},{rng.randrange(1, 17)},{rng.random() * 1000:.6f},"
                f"{'true' if rng.random() < 0.7 else 'false'},{'' if rng.random() < 0.016 else rng.randrange(1, 7200)},"
                f"C{(i * 7919) % 1000003:x}\n")
            if len(lines) == 10000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_json(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def start_server(port, data_dir):
    java = Path(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")) / "bin" / "java"
    env = dict(os.environ, PORT=str(port), DATA_DIR=str(data_dir), ADMIN_API_KEY=ADMIN_KEY,
               DATABASE_URL=f"sqlite:///{data_dir}/bench.db")
    log = open(data_dir / "server.log", "w")
    process = subprocess.Popen([str(java), "--enable-native-access=ALL-UNNAMED", "-Duser.timezone=UTC", "-jar", str(JAR)],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
    for _ in range(240):
        try:
            get_json(f"http://127.0.0.1:{port}/health")
            return process
        except Exception:
            time.sleep(0.25)
    process.kill()
    raise SystemExit("server did not start; see " + str(data_dir / "server.log"))


BENCH_STARTED_MS = int(time.time() * 1000)


def bench_session(name):
    """A session id the server accepts (auto_<epoch-ms>_<base36>); the name is findable in the log."""
    return f"auto_{BENCH_STARTED_MS}_bench{name}"


def upload(port, path, session):
    started = time.perf_counter()
    result = subprocess.run(["curl", "-sS", "-o", "-", "-w", "\n%{http_code}", "-H", f"X-Session-ID: {session}",
                             "-F", f"file=@{path};filename=bench.csv", "-F", "name=bench",
                             f"http://127.0.0.1:{port}/upload_dataframe"], capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - started
    body, status = result.stdout.rsplit("\n", 1)
    if status != "200":
        raise SystemExit(f"upload failed: {status} {body[:500]}")
    return elapsed, json.loads(body)


def wait_for_kernel_copy(port, session, started):
    """The upload answers before the kernel's copy is written; wait for it so runs do not overlap."""
    while True:
        datasets = get_json(f"http://127.0.0.1:{port}/api/datasets", {"X-Session-ID": session})["datasets"]
        if all(d["size_bytes"] > 0 for d in datasets):
            return time.perf_counter() - started
        time.sleep(0.02)


def heap_used(port):
    data = get_json(f"http://127.0.0.1:{port}/actuator/metrics/jvm.memory.used?tag=area:heap",
                    {"X-Admin-API-Key": ADMIN_KEY})
    return data["measurements"][0]["value"]


def java_side(port, path, runs):
    """Timed uploads undisturbed, then as many uploads again with the heap sampled every 50 ms (the
    sampler's requests cost the server CPU, so those uploads are not timed)."""
    warmup_started = time.perf_counter()
    upload(port, path, bench_session("warmup"))
    wait_for_kernel_copy(port, bench_session("warmup"), warmup_started)
    times, peaks, baselines, copied = [], [], [], []
    for run in range(runs):
        started = time.perf_counter()
        elapsed, body = upload(port, path, bench_session(f"run{run:03d}"))
        copied.append(wait_for_kernel_copy(port, bench_session(f"run{run:03d}"), started))
        assert body["rows"] > 0
        times.append(elapsed)
    for run in range(runs):
        baseline = heap_used(port)
        peak = [baseline]
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                try:
                    peak[0] = max(peak[0], heap_used(port))
                except Exception:
                    pass
                stop.wait(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        started = time.perf_counter()
        upload(port, path, bench_session(f"heap{run:03d}"))
        wait_for_kernel_copy(port, bench_session(f"heap{run:03d}"), started)
        stop.set()
        sampler.join()
        peaks.append(peak[0])
        baselines.append(baseline)
    return times, baselines, peaks, body, copied


PANDAS_CODE = r"""
import sys, time, json
import pandas as pd
path, runs = sys.argv[1], int(sys.argv[2])
def once():
    t = time.perf_counter()
    df = pd.read_csv(path)
    d = df.describe(include='all')
    return time.perf_counter() - t, df.shape
once()  # warm-up: page cache and pandas' first-call costs, as the Java side gets
times = []
for _ in range(runs):
    elapsed, shape = once()
    times.append(elapsed)
print(json.dumps({"times": times, "shape": shape}))
"""


def pandas_side(path, runs):
    result = subprocess.run([PANDAS_PYTHON, "-c", PANDAS_CODE, str(path), str(runs)], capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not JAR.exists():
        raise SystemExit(f"{JAR} not found: build it first (./mvnw -q -B -DskipTests package)")
    work = Path(tempfile.mkdtemp(prefix="aa-bench-"))
    try:
        csv_path = work / "big.csv"
        make_csv(csv_path, args.rows)
        size = csv_path.stat().st_size
        port = free_port()
        server = start_server(port, work)
        try:
            times, baselines, peaks, body, copied = java_side(port, csv_path, args.runs)
        except BaseException:
            print("server log (last 40 lines):\n" + "\n".join(
                (work / "server.log").read_text(errors="replace").splitlines()[-40:]), file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait(30)
        phases = [line.split("] ", 1)[-1].strip() for line in (work / "server.log").read_text(errors="replace").splitlines()
                  if "_benchrun" in line and ("Ingested a " in line or "Read a CSV" in line or "Stored " in line
                                                       or "did not hold" in line)]
        pandas = pandas_side(csv_path, args.runs)
        java_median = statistics.median(times)
        pandas_median = statistics.median(pandas["times"])
        mib = 1024 * 1024
        print(f"file: {csv_path.name}, {size / mib:.1f} MiB, {args.rows} rows, {len(body['columns'])} columns")
        print(f"java upload+profile (HTTP, median of {args.runs}): {java_median:.2f} s   runs: "
              + ", ".join(f"{t:.2f}" for t in times))
        print(f"pandas read_csv+describe (median of {args.runs}): {pandas_median:.2f} s   runs: "
              + ", ".join(f"{t:.2f}" for t in pandas["times"]))
        print(f"ratio pandas/java: {pandas_median / java_median:.2f}x  (target >= 4x)")
        # machine-readable line for bench/run (bench/README.md)
        print("RESULT " + json.dumps({"bench": "upload", "metric": f"upload+profile {size / mib:.0f} MiB CSV vs pandas read_csv+describe",
                                      "ours": round(java_median * 1000, 1), "baseline": round(pandas_median * 1000, 1), "unit": "ms",
                                      "target": "pandas/ours >= 4", "pass": pandas_median / java_median >= 4,
                                      "ratio": round(pandas_median / java_median, 3)}))
        print(f"until the kernel copy was also written (not waited for by the upload): median "
              f"{statistics.median(copied):.2f} s   runs: " + ", ".join(f"{t:.2f}" for t in copied))
        print("server heap during upload (used, MiB): " + "; ".join(
            f"before {b / mib:.0f} peak {p / mib:.0f}" for b, p in zip(baselines, peaks)))
        print("server phase timings of the timed uploads:")
        for line in phases:
            print("  " + line)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
