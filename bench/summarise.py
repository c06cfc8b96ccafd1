#!/usr/bin/env python3
"""Reads the raw results of a search benchmark run and prints (and writes) the table: per shape, the server's p50/p99
and throughput, the direct-SQL floor's (pgbench, same statements), and the ratios."""
import glob, json, os, re, sys

out = sys.argv[1]
rows = []
for shape in json.load(open(os.path.join(out, "shapes.json"))):
    app = {}
    for line in open(os.path.join(out, f"wrk-{shape}.txt")):
        if line.startswith("RESULT "):
            app = {k: float(v) for k, v in (pair.split("=") for pair in line.split()[1:])}
    latencies = []
    for log in glob.glob(os.path.join(out, f"pgbench-{shape}", "pgbench_log.*")):
        for line in open(log):
            parts = line.split()
            latencies.append(int(parts[2]) / 1000.0)
    latencies.sort()
    tps = 0.0
    for line in open(os.path.join(out, f"pgbench-{shape}.txt")):
        m = re.search(r"tps = ([0-9.]+) \((without initial connection time|excluding connections establishing)", line)
        if m:
            tps = float(m.group(1))
    pct = lambda p: latencies[min(len(latencies) - 1, int(len(latencies) * p))] if latencies else float("nan")
    rows.append({
        "shape": shape,
        "app_p50": app.get("p50_ms"), "app_p99": app.get("p99_ms"), "app_rps": app.get("rps"),
        "errors": int(app.get("errors", 0) + app.get("non2xx", 0)),
        "sql_p50": pct(0.50), "sql_p99": pct(0.99), "sql_tps": tps,
    })

header = ("| shape | app p50 ms | app p99 ms | app req/s | SQL p50 ms | SQL p99 ms | SQL tx/s | "
          "throughput app/SQL | p99 app/SQL | errors |")
lines = [header, "|" + "---|" * 10]
for r in rows:
    lines.append("| {shape} | {app_p50:.1f} | {app_p99:.1f} | {app_rps:.0f} | {sql_p50:.1f} | {sql_p99:.1f} | "
                 "{sql_tps:.0f} | {ratio:.2f} | {lat:.2f} | {errors} |".format(
                     ratio=r["app_rps"] / r["sql_tps"] if r["sql_tps"] else float("nan"),
                     lat=r["app_p99"] / r["sql_p99"] if r["sql_p99"] else float("nan"), **r))
table = "\n".join(lines)
print(table)
open(os.path.join(out, "results.md"), "w").write(table + "\n")
