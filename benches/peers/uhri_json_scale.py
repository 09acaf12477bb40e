"""The UHRI JSON reader at scale: the Egypt sample's records, as UHRI's JSON layout, repeated
into a file of a few hundred MB in a temporary folder, then read by examples/stream_uhri_json
(streaming, one array item at a time, counting positions) and by Python's json.load (the whole array), as whole processes:
wall time and peak memory (ru_maxrss), records counted by both.

    cargo build --release --example stream_uhri_json
    python3 benches/peers/uhri_json_scale.py [--times 1500]
"""

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def run(argv):
    t0 = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, rss, p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--times", type=int, default=1500)
    ap.add_argument("--upr", default=os.path.join(ROOT, "target/release/examples/stream_uhri_json"))
    shared = os.environ.get("UPR_SHARED", os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--csv", default=os.path.join(shared, "data/uhri/egypt-cycle2.csv"))
    a = ap.parse_args()
    with open(a.csv, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    items = [
        {
            "Text": r["text"],
            "UprRecommendingCountry": r["upr_reccomending_states"],
            "UprPositions": r["upr_position"],
            "Themes": [t.strip() for t in r.get("themes", "").split(",") if t.strip()],
            "CountriesConcerned": r.get("countries_concerned", ""),
            "UprSession": r.get("upr_session", ""),
            "DocumentSymbol": r.get("document_symbol", ""),
        }
        for r in rows
    ]
    body = ",\n".join(json.dumps(i, ensure_ascii=False) for i in items)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "uhri.json")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("[\n")
            for k in range(a.times):
                fh.write(body)
                fh.write(",\n" if k + 1 < a.times else "\n")
            fh.write("]\n")
        size = os.path.getsize(path)
        n = len(items) * a.times
        print(f"{path}: {n:,} records, {size / 1e6:,.0f} MB; load {os.getloadavg()[0]:.1f}")
        wall, rss, p = run([a.upr, path])
        print(f"upr (examples/stream_uhri_json, streaming): {wall:.2f} s, peak {rss / 1024:.0f} MiB; {p.stderr.strip()[-200:]}; positions {p.stdout.split()}")
        code = "import json,sys; print(len(json.load(open(sys.argv[1], encoding='utf-8'))))"
        wall2, rss2, p2 = run([sys.executable, "-c", code, path])
        print(f"python json.load (whole array): {wall2:.2f} s, peak {max(rss, rss2) / 1024:.0f} MiB; {p2.stdout.strip()} items")


if __name__ == "__main__":
    main()
