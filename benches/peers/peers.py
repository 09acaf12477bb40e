"""Helpers for benches/peers/run.sh: check that the three tallies agree, time whole processes
when hyperfine is missing, and write the results table.

  python peers.py compare --states data/states.tsv upr.tsv pandas.tsv polars.tsv
  python peers.py time --runs 20 --warmup 3 --out times.json NAME CMD [NAME CMD ...]
  python peers.py report times.json --out results.md [--note TEXT ...]

Standard library only, so it runs outside the virtual environment too.
"""
import argparse
import json
import re
import shlex
import statistics
import subprocess
import sys
import time

ACCENTS = str.maketrans("áàâäãåéèêëíìîïóòôöõúùûüçñ", "aaaaaaeeeeiiiiooooouuuucn")


def normalize(name):
    """The key upr's State::resolve looks spellings up by (src/state.rs `normalize`)."""
    out = []
    for c in name.strip():
        if c == "&":
            out.append("and")
        elif c.isalnum():
            out.append(c.lower().translate(ACCENTS))
    key = "".join(out)
    if key.startswith("the") and name.strip().lower().startswith("the "):
        key = key[3:]
    return key


def states_table(path):
    table = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            f = line.rstrip("\n").split("\t")
            code = f[0]
            keys = [f[0], f[1]] + ([a for a in f[4].split("|") if a.strip()] if len(f) > 4 else [])
            for k in keys:
                table[normalize(k)] = code
    return table


def unescape(s):
    return re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), s).strip()


def parse_tally(path):
    """{section: {key: (rows, accepted, noted, other)}} from a tally's output."""
    sections = {}
    current = None
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("# "):
                current = sections.setdefault(line[2:], {})
            elif line.startswith("key\t") or not line:
                continue
            else:
                f = line.split("\t")
                current[f[0]] = tuple(int(x) for x in f[1:5])
    return sections


def resolve_states(section, table):
    out, unknown = {}, []
    for name, counts in section.items():
        code = table.get(normalize(unescape(name)))
        if code is None:
            unknown.append(name)
            continue
        prev = out.get(code, (0, 0, 0, 0))
        out[code] = tuple(a + b for a, b in zip(prev, counts))
    return out, unknown


def compare(args):
    table = states_table(args.states)
    ref = parse_tally(args.upr)
    ok = True
    for path in args.peers:
        peer = parse_tally(path)
        for section, ref_rows in ref.items():
            rows = peer.get(section, {})
            if section == "by state under review":
                rows, unknown = resolve_states(rows, table)
                if unknown:
                    ok = False
                    print(f"{path}: names upr's State table does not know: {unknown[:10]}")
            if rows != ref_rows:
                ok = False
                keys = sorted(set(rows) | set(ref_rows))
                diff = [(k, ref_rows.get(k), rows.get(k)) for k in keys if ref_rows.get(k) != rows.get(k)]
                print(f"{path}: {section}: {len(diff)} keys differ from upr, e.g. {diff[:5]}")
            else:
                print(f"{path}: {section}: {len(rows)} keys, same numbers as upr")
    print("outputs agree" if ok else "OUTPUTS DISAGREE")
    return 0 if ok else 1


def time_commands(args):
    pairs = list(zip(args.commands[0::2], args.commands[1::2]))
    results = []
    for name, cmd in pairs:
        argv = shlex.split(cmd)
        for _ in range(args.warmup):
            subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
        results.append({"command": name, "times": []})
    # Interleave the runs so that drifts in machine load touch every command alike.
    for _ in range(args.runs):
        for (name, cmd), res in zip(pairs, results):
            t0 = time.perf_counter()
            subprocess.run(shlex.split(cmd), stdout=subprocess.DEVNULL, check=True)
            res["times"].append(time.perf_counter() - t0)
    for res in results:
        t = res["times"]
        res.update(median=statistics.median(t), min=min(t), mean=statistics.fmean(t))
    with open(args.out, "w", encoding="utf-8") as fh:
        json.dump({"results": results, "tool": "peers.py"}, fh, indent=1)
    return 0


def report(args):
    with open(args.times, encoding="utf-8") as fh:
        data = json.load(fh)
    res = {r["command"]: r for r in data["results"]}
    upr = res["upr"]["median"]
    lines = [
        "| program | median (ms) | min (ms) | runs | median / upr |",
        "|---|---:|---:|---:|---:|",
    ]
    for name in ["upr", "upr-1-thread", "pandas", "polars"]:
        r = res.get(name)
        if r is None:
            continue
        lines.append(
            f"| {name} | {r['median'] * 1e3:.1f} | {r['min'] * 1e3:.1f} | {len(r['times'])} "
            f"| {r['median'] / upr:.1f}x |"
        )
    ratios = {n: res[n]["median"] / upr for n in ["pandas", "polars"]}
    single = ""
    if "upr-1-thread" in res:
        one = res["upr-1-thread"]["median"]
        single = (
            f" With one thread: pandas/upr = {res['pandas']['median'] / one:.1f}x, "
            f"polars/upr = {res['polars']['median'] / one:.1f}x."
        )
    text = "\n".join(
        ["# upr vs pandas vs polars: tally of the UPR Info export, whole processes", ""]
        + [f"- {n}" for n in args.note]
        + [f"- timed with {data.get('tool', 'hyperfine')}", ""]
        + lines
        + [
            "",
            f"pandas/upr = {ratios['pandas']:.1f}x (target 20x), "
            f"polars/upr = {ratios['polars']:.1f}x (target 10x).{single}",
            "",
        ]
    )
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    print(text)
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--states", required=True)
    c.add_argument("upr")
    c.add_argument("peers", nargs="+")
    t = sub.add_parser("time")
    t.add_argument("--runs", type=int, default=20)
    t.add_argument("--warmup", type=int, default=3)
    t.add_argument("--out", required=True)
    t.add_argument("commands", nargs="+", help="NAME CMD pairs")
    r = sub.add_parser("report")
    r.add_argument("times")
    r.add_argument("--out", required=True)
    r.add_argument("--note", action="append", default=[])
    args = p.parse_args()
    return {"compare": compare, "time": time_commands, "report": report}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
