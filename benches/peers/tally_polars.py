"""UPR Info responses by State under review and by action category, with polars.

The peer of `tools/src/bin/tally.rs`: same files, same tables (keys are UPR Info's own `To` names;
`peers.py compare` maps them to ISO codes). polars reads UTF-8 only, so each file is decoded from
Mac OS Roman in Python and handed over as bytes. Usage: python tally_polars.py [--utf8] FILE...

With --utf8 the files are copies already transcoded to UTF-8 (`scale.py make`, for the scaling
run): polars scans each file itself (lazily, multi-threaded) and reads only the three columns the
tables use, its best case for this job.
"""
import sys

import polars as pl


def table(title, df, key):
    print(f"# {title}")
    print("key\trows\taccepted\tnoted\tother\taccepted_pct")
    g = (
        df.group_by(key)
        .agg(
            rows=pl.len(),
            accepted=(pl.col("Response") == "Accepted").sum(),
            noted=(pl.col("Response") == "Noted").sum(),
        )
        .sort(key)
    )
    for k, rows, acc, noted in g.select(key, "rows", "accepted", "noted").iter_rows():
        pct = 100.0 * acc / rows if rows else 0.0
        print(f"{k}\t{rows}\t{acc}\t{noted}\t{rows - acc - noted}\t{pct:.1f}")


def read(files):
    if files[:1] == ["--utf8"]:
        used = ("To", "Response", "Action")
        scans = [pl.scan_csv(f, eol_char="\r") for f in files[1:]]
        return [s.select(c for c in s.collect_schema().names() if c in used).collect() for s in scans]
    frames = []
    for f in files:
        with open(f, "rb") as fh:
            data = fh.read().decode("mac_roman").encode("utf-8")
        frames.append(pl.read_csv(data, eol_char="\r"))
    return frames


def main(files):
    frames = read(files)
    df = pl.concat(frames, how="diagonal_relaxed")
    if "Action" in df.columns:
        action = pl.col("Action").cast(pl.Int64).cast(pl.String).fill_null("none")
    else:
        action = pl.lit("none")
    df = df.with_columns(action=action, all=pl.lit("all"))
    table("by state under review", df, "To")
    table("by action category", df, "action")
    table("total", df, "all")


if __name__ == "__main__":
    main(sys.argv[1:])
