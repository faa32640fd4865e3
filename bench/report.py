#!/usr/bin/python3
"""bench/run's table: the RESULT lines of every benchmark's output in one table, and the same as JSON.

    report.py <folder of outputs> <json file> <quick: true|false>
"""
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path


def results(folder):
    runs = [json.loads(l) for l in (folder / "runs.jsonl").read_text().splitlines() if l.strip()]
    rows = []
    for run in runs:
        found = []
        for line in (folder / f"{run['bench']}.txt").read_text(errors="replace").splitlines():
            if line.startswith("RESULT "):
                found.append(json.loads(line[len("RESULT "):]))
        if not found:
            found.append({"bench": run["bench"], "metric": f"{run['bench']}: no result (exit {run['exit']}, see {folder / (run['bench'] + '.txt')})",
                          "ours": None, "baseline": None, "unit": "", "target": "", "pass": False})
        elif run["exit"] != 0:
            for r in found:
                r["pass"] = False
                r["note"] = (r.get("note", "") + f"; the benchmark exited with {run['exit']}").lstrip("; ")
        for r in found:
            if r.get("ours") is not None and r.get("baseline") not in (None, 0) and "ratio" not in r:
                r["ratio"] = r["ours"] / r["baseline"]
        rows.extend(found)
    return runs, rows


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 10 else f"{v:,.1f}" if abs(v) < 1000 else f"{v:,.0f}"
    return f"{v:,}" if isinstance(v, int) else str(v)


def main():
    folder, json_file, quick = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "true"
    runs, rows = results(folder)
    header = ("metric", "ours", "baseline", "ratio", "target", "result")
    table = [header] + [(r["metric"], f"{fmt(r.get('ours'))} {r.get('unit', '')}".strip(),
                         f"{fmt(r.get('baseline'))} {r.get('unit', '') if r.get('baseline') is not None else ''}".strip(),
                         f"{r['ratio']:.2f}x" if r.get("ratio") is not None else "-", r.get("target", ""),
                         "-" if r.get("pass") is None else "PASS" if r["pass"] else "FAIL") for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for n, row in enumerate(table):
        print("  ".join(c.ljust(w) if i in (0, 4) else c.rjust(w) if i < 5 else c for i, (c, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    notes = [r for r in rows if r.get("note")]
    if notes:
        print()
        for r in notes:
            print(f"{r['metric']}: {r['note']}")
    machine = {"cpus": os.cpu_count(), "load_average_at_end": os.getloadavg(), "kernel": platform.release(),
               "java": subprocess.run([os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "java"), "-version"],
                                      capture_output=True, text=True).stderr.splitlines()[0:1],
               "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()}
    json_file.write_text(json.dumps({"date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "quick": quick,
                                     "machine": machine, "runs": runs, "results": rows}, indent=2) + "\n")
    print(f"\n{json_file} (outputs in {folder}/)")


if __name__ == "__main__":
    main()
