"""The scaling run of benches/peers/run.sh: the same tally at 1x, 30x, 300x the UPR Info export.

  python scale.py make --dir TMP --times 1,30,300 sessions-1-5.csv sessions-6-9.csv
  python scale.py run --dir TMP --times 1,30,300 --runs 1:10,30:5,300:3 --upr target/release/tally \
      --python .venv/bin/python --states data/states.tsv --out scaling.md [--note TEXT ...]

`make` writes, for each factor N, TMP/xN.csv: one header, then the data rows of the given files
(sessions 1-5 and 6-9) N times over, in the exports' own encoding (Mac OS Roman) and line ends
(CR), and TMP/xN.utf8.csv: the same rows transcoded to UTF-8 (CR kept) for the peers whose CSV
readers take UTF-8 only. Nothing is timed while it writes.

`run` times whole processes: upr's tally on xN.csv (Mac OS Roman, decoded by upr), pandas, polars
and DuckDB on xN.utf8.csv. Runs are interleaved (one of each program per round) so that drifts in
the load of the machine touch every program alike. Wall time is taken around fork to reap, peak
memory is the child's own maximum resident set size from wait4(2). Every run's output is kept
and checked: the same bytes as that program's first run, and the same numbers as upr
(peers.py compare). A program that runs past --timeout is stopped and recorded as such. Writes
the table to --out. Standard library only.
"""
import argparse
import filecmp
import os
import platform
import signal
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import peers  # noqa: E402  (the comparison of tallies, shared with the default run)

PEERS = ["pandas", "polars", "duckdb"]
# The floor: the file's bytes read and thrown away (dd to /dev/null), no parsing. No tally can
# take less; it bounds the speed any reader of the file can reach on this machine.
FLOOR = "read only"
PROGRAMS = ["upr", *PEERS, FLOOR]


def make(args):
    header, bodies = None, []
    for path in args.files:
        with open(path, "rb") as fh:
            data = fh.read()
        first, sep, body = data.partition(b"\r")
        if not sep:
            sys.exit(f"{path}: no CR line end after the header")
        if header is not None and first != header:
            sys.exit(f"{path}: header differs from {args.files[0]}'s")
        header = first
        # Every row ends in CR, including each file's last row, so that copies join cleanly.
        bodies.append(body if body.endswith(b"\r") else body + b"\r")
    body = b"".join(bodies)
    rows = body.count(b"\r")
    utf8 = (header + b"\r").decode("mac_roman").encode("utf-8"), body.decode("mac_roman").encode("utf-8")
    for n in args.times:
        for name, (head, data) in ((f"x{n}.csv", (header + b"\r", body)), (f"x{n}.utf8.csv", utf8)):
            with open(os.path.join(args.dir, name), "wb") as fh:
                fh.write(head)
                for _ in range(n):
                    fh.write(data)
        size = os.path.getsize(os.path.join(args.dir, f"x{n}.csv"))
        print(f"x{n}.csv: {rows * n:,} rows, {size / 1e6:,.1f} MB")
    return 0


def run_once(argv, out_path, timeout):
    """(wall seconds, CPU seconds, peak RSS in bytes, what went wrong or None)."""
    with open(out_path, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.PIPE)
        stopped = threading.Event()

        def stop():
            stopped.set()
            proc.kill()

        timer = threading.Timer(timeout, stop)
        timer.start()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss * 1024  # kilobytes on Linux
    cpu = usage.ru_utime + usage.ru_stime
    failed = None
    if stopped.is_set():
        failed = f"stopped after {timeout:.0f} s"
    elif proc.returncode < 0:
        failed = f"killed by {signal.Signals(-proc.returncode).name}"
    elif proc.returncode != 0:
        failed = f"exit {proc.returncode}: {err.decode(errors='replace').strip()[-300:]}"
    return wall, cpu, rss, failed


def commands(args, n):
    raw, utf8 = os.path.join(args.dir, f"x{n}.csv"), os.path.join(args.dir, f"x{n}.utf8.csv")
    return {
        "upr": [args.upr, raw],
        "pandas": [args.python, os.path.join(HERE, "tally_pandas.py"), "--utf8", utf8],
        "polars": [args.python, os.path.join(HERE, "tally_polars.py"), "--utf8", utf8],
        "duckdb": [args.python, os.path.join(HERE, "tally_duckdb.py"), utf8],
        FLOOR: ["dd", f"if={raw}", "of=/dev/null", "bs=1M", "status=none"],
    }


def total_rows(path):
    return peers.parse_tally(path)["total"]["all"][0]


def measure(args, n, runs):
    cmds = commands(args, n)
    res = {p: {"walls": [], "cpus": [], "rss": [], "failed": None} for p in PROGRAMS}
    for r in range(runs):
        for p in PROGRAMS:
            if res[p]["failed"]:
                continue
            name = p.replace(" ", "-")
            out = os.path.join(args.dir, f"x{n}.{name}.{'first' if r == 0 else 'again'}.tsv")
            wall, cpu, rss, failed = run_once(cmds[p], out, args.timeout)
            print(f"  x{n} run {r + 1}/{runs} {p}: {wall:.3f} s wall, {cpu:.3f} s CPU, {rss / 2**20:.0f} MiB"
                  + (f" ({failed})" if failed else ""), flush=True)
            if failed:
                res[p]["failed"] = failed
                continue
            if r > 0 and not filecmp.cmp(out, out.replace(".again.", ".first."), shallow=False):
                sys.exit(f"{p} printed other output on run {r + 1} at x{n}")
            res[p]["walls"].append(wall)
            res[p]["cpus"].append(cpu)
            res[p]["rss"].append(rss)
    first = {p: os.path.join(args.dir, f"x{n}.{p}.first.tsv") for p in ["upr", *PEERS]}
    ok = [p for p in PEERS if not res[p]["failed"]]
    check = argparse.Namespace(states=args.states, upr=first["upr"], peers=[first[p] for p in ok])
    if res["upr"]["failed"]:
        sys.exit(f"upr failed at x{n}: {res['upr']['failed']}")
    if ok and peers.compare(check) != 0:
        sys.exit(f"the tallies disagree at x{n}")
    return total_rows(first["upr"]), res


def fmt_secs(s):
    return f"{s * 1e3:.0f} ms" if s < 1 else f"{s:.2f} s"


def than(ratio):
    """'2.3x faster' or '1.8x slower': how upr compares, given a peer's time over upr's."""
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


def report(args, results):
    lines = [
        "| rows | program | median wall | wall / upr | median CPU (user+sys) | CPU / upr | peak RSS | RSS / upr | runs |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    summary = []
    for n, rows, res in results:
        upr = res["upr"]
        u_wall, u_cpu, u_rss = (statistics.median(upr["walls"]), statistics.median(upr["cpus"]),
                                max(upr["rss"]))
        for p in PROGRAMS:
            r = res[p]
            if not r["walls"]:
                lines.append(f"| {rows:,} ({n}x) | {p} | {r['failed']} | | | | | | 0 |")
                continue
            wall, cpu, rss = statistics.median(r["walls"]), statistics.median(r["cpus"]), max(r["rss"])
            note = f" ({r['failed']} on a later run)" if r["failed"] else ""
            lines.append(
                f"| {rows:,} ({n}x) | {p} | {fmt_secs(wall)}{note} | {wall / u_wall:.2f}x "
                f"| {fmt_secs(cpu)} | {cpu / u_cpu:.2f}x | {rss / 2**20:,.0f} MiB | {rss / u_rss:.2f}x "
                f"| {len(r['walls'])} |"
            )
        if res["polars"]["walls"] and res[FLOOR]["walls"]:
            summary.append(
                f"- {rows:,} rows: 10x faster than polars would be "
                f"{fmt_secs(statistics.median(res['polars']['walls']) / 10)}; reading the file's "
                f"bytes alone, no parsing (dd to /dev/null), takes "
                f"{fmt_secs(statistics.median(res[FLOOR]['walls']))}"
            )
        if res["polars"]["walls"]:
            summary.append(
                f"- {rows:,} rows: upr {than(statistics.median(res['polars']['walls']) / u_wall)} "
                f"than polars in wall time ({than(statistics.median(res['polars']['cpus']) / u_cpu)} "
                f"in CPU time), peak {u_rss / 2**20:,.0f} MiB, {u_cpu / rows * 1e6:.2f} µs of CPU a row"
            )
    text = "\n".join(
        ["# Scaling: the UPR Info tally at 1x, 30x and 300x, whole processes", ""]
        + [f"- {n}" for n in args.note]
        + [f"- load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}"]
        + ["", *lines, "",
           "Targets for upr at about 4 M rows (issue 12): at least 10x faster than polars, peak "
           "memory under 64 MB. Measured:", "", *summary, ""]
    )
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(text)


def run(args):
    runs = dict((int(k), int(v)) for k, v in (kv.split(":") for kv in args.runs.split(",")))
    results = []
    for n in args.times:
        print(f"== x{n}: {runs.get(n, 3)} runs of each", flush=True)
        rows, res = measure(args, n, runs.get(n, 3))
        results.append((n, rows, res))
    report(args, results)
    return 0


def machine():
    """One line about the machine and its load, for the notes."""
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo", encoding="utf-8") as fh:
        mem = int(fh.readline().split()[1]) / 2**20
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GiB RAM, {platform.system()} {platform.release()}; load average {load}"


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("--dir", required=True)
    m.add_argument("--times", type=lambda s: [int(x) for x in s.split(",")], required=True)
    m.add_argument("files", nargs="+")
    r = sub.add_parser("run")
    r.add_argument("--dir", required=True)
    r.add_argument("--times", type=lambda s: [int(x) for x in s.split(",")], required=True)
    r.add_argument("--runs", default="1:10,30:5,300:3", help="FACTOR:RUNS,...")
    r.add_argument("--timeout", type=float, default=600.0)
    r.add_argument("--upr", required=True)
    r.add_argument("--python", required=True)
    r.add_argument("--states", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--note", action="append", default=[])
    sub.add_parser("machine")
    args = p.parse_args()
    if args.cmd == "machine":
        print(machine())
        return 0
    return {"make": make, "run": run}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
