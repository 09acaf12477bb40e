"""UPR Info responses by State under review and by action category, with pandas.

The peer of `tools/src/bin/tally.rs`: same files, same tables (keys are UPR Info's own `To` names;
`peers.py compare` maps them to ISO codes). Usage: python tally_pandas.py [--utf8] FILE...

By default reads UPR Info's own files (Mac OS Roman) with every column. With --utf8 the files are
copies already transcoded to UTF-8 (`scale.py make`, for the scaling run) and only the three
columns the tables use are converted (`usecols`), pandas' best case for this job.
"""
import sys

import pandas as pd


def table(title, df, key):
    print(f"# {title}")
    print("key\trows\taccepted\tnoted\tother\taccepted_pct")
    g = (
        df.assign(
            accepted=df["Response"].eq("Accepted"),
            noted=df["Response"].eq("Noted"),
        )
        .groupby(key, sort=True)
        .agg(rows=("Response", "size"), accepted=("accepted", "sum"), noted=("noted", "sum"))
    )
    for k, r in g.iterrows():
        rows, acc, noted = int(r["rows"]), int(r["accepted"]), int(r["noted"])
        pct = 100.0 * acc / rows if rows else 0.0
        print(f"{k}\t{rows}\t{acc}\t{noted}\t{rows - acc - noted}\t{pct:.1f}")


def main(files):
    if files[:1] == ["--utf8"]:
        files = files[1:]
        read = {"encoding": "utf-8", "usecols": lambda c: c in ("To", "Response", "Action")}
    else:
        read = {"encoding": "mac_roman"}
    df = pd.concat(
        [pd.read_csv(f, lineterminator="\r", **read) for f in files],
        ignore_index=True,
    )
    if "Action" in df.columns:
        action = df["Action"].astype("Int64").astype("string").fillna("none")
    else:
        action = pd.Series("none", index=df.index)
    df = df.assign(action=action, all="all")
    table("by state under review", df, "To")
    table("by action category", df, "action")
    table("total", df, "all")


if __name__ == "__main__":
    main(sys.argv[1:])
