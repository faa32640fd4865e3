#!/usr/bin/python3
"""Server start time: launch to the first 200 of /health, plain `java -jar` (baseline) vs `./analyst` (ours).

Both start the same build on a fresh data directory and database, one after the other (alternating, so
that a change in the machine's load hits both), several times; the medians are compared. `./analyst` is
timed as a user runs it: its checks (JDK, Debian packages, build up to date) and then the JVM with the
AOT cache that `./analyst build` trained. Run `./analyst build` first (bench/run does).

    /usr/bin/python3 bench/start_time.py [--runs 5]

Prints one line per start and RESULT {json} lines for bench/run (bench/README.md).
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 3000


def java_home():
    out = subprocess.run(["bash", "-c", "source bench/jdk.sh && echo $JAVA_HOME"], cwd=ROOT, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=1) as r:
            return r.status == 200
    except OSError:
        return False


def start(command, env_extra, timeout_s=180):
    """Milliseconds from launch to the first 200 of /health."""
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="aa-start-"))
    env = dict(os.environ, PORT=str(port), DATA_DIR=str(data), DATABASE_URL="", AUTOANALYST_KERNEL_UID_BASE="1920000000",
               AUTOANALYST_KERNEL_WORKROOT=str(data / "kernels"), **env_extra)
    log = open(data / "server.log", "wb")
    t0 = time.monotonic()
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while not healthy(port):
            if proc.poll() is not None:
                raise SystemExit(f"{' '.join(command)} exited with {proc.returncode}; log: {data / 'server.log'}")
            if time.monotonic() - t0 > timeout_s:
                raise SystemExit(f"{' '.join(command)}: no healthy /health after {timeout_s} s")
            time.sleep(0.02)
        return (time.monotonic() - t0) * 1000
    finally:
        proc.terminate()
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(data, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    jar = ROOT / "target" / "auto-analyst.jar"
    if not jar.exists():
        raise SystemExit("target/auto-analyst.jar not found: run ./analyst build first")
    java = os.path.join(java_home(), "bin", "java")
    baseline_cmd = [java, "--enable-native-access=ALL-UNNAMED", "-Duser.timezone=UTC", "-jar", str(jar)]
    ours_cmd = ["./analyst"]
    cached = (ROOT / "target" / "app" / "auto-analyst.aot").exists()
    baseline, ours = [], []
    for i in range(args.runs):
        b = start(baseline_cmd, {})
        o = start(ours_cmd, {"JAVA_HOME": java_home()})
        baseline.append(b)
        ours.append(o)
        print(f"start {i + 1}: java -jar {b:7.0f} ms   ./analyst {o:7.0f} ms   (load average {os.getloadavg()[0]:.1f})", flush=True)
    b, o = statistics.median(baseline), statistics.median(ours)
    print(f"median: java -jar {b:.0f} ms, ./analyst {o:.0f} ms ({'with' if cached else 'WITHOUT'} the AOT cache), ratio {o / b:.2f}")
    print("RESULT " + json.dumps({"bench": "startup", "metric": f"server start to first /health 200 (median of {args.runs})",
                                  "ours": round(o), "baseline": round(b), "unit": "ms", "target": f"ours <= {TARGET_MS} ms",
                                  "pass": o <= TARGET_MS}))


if __name__ == "__main__":
    main()
