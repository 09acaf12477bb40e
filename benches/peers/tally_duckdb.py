"""UPR Info responses by State under review and by action category, with DuckDB.

The peer of `tools/src/bin/tally.rs`: same tables (keys are UPR Info's own `To` names;
`peers.py compare` maps them to ISO codes), one SQL query over DuckDB's own CSV reader with the
three groupings as GROUPING SETS, so the file is scanned once and only the columns the query uses
are materialised. DuckDB reads UTF-8 (and Latin-1/UTF-16) only, not Mac OS Roman, so this peer
takes the files already transcoded to UTF-8 (CR line ends kept): `scale.py make` writes those
copies before anything is timed. Usage: python tally_duckdb.py FILE.utf8.csv...
"""
import sys

import duckdb

QUERY = """
SELECT
    grouping("To") AS g_to,
    grouping(action) AS g_action,
    "To" AS to_key,
    action,
    count(*) AS rows,
    count_if("Response" = 'Accepted') AS accepted,
    count_if("Response" = 'Noted') AS noted
FROM (
    SELECT "To", "Response", coalesce(CAST(CAST("Action" AS BIGINT) AS VARCHAR), 'none') AS action
    FROM read_csv($files, header = true, new_line = '\\r', union_by_name = true, all_varchar = true)
)
GROUP BY GROUPING SETS (("To"), (action), ())
"""


def table(title, rows):
    print(f"# {title}")
    print("key\trows\taccepted\tnoted\tother\taccepted_pct")
    for k, rows, acc, noted in sorted(rows):
        pct = 100.0 * acc / rows if rows else 0.0
        print(f"{k}\t{rows}\t{acc}\t{noted}\t{rows - acc - noted}\t{pct:.1f}")


def main(files):
    result = duckdb.connect().execute(QUERY, {"files": files}).fetchall()
    by_state, by_action, total = [], [], []
    for g_to, g_action, to_key, action, rows, acc, noted in result:
        if g_to == 0:
            by_state.append((to_key, rows, acc, noted))
        elif g_action == 0:
            by_action.append((action, rows, acc, noted))
        else:
            total.append(("all", rows, acc, noted))
    table("by state under review", by_state)
    table("by action category", by_action)
    table("total", total)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: tally_duckdb.py FILE.utf8.csv...")
    main(sys.argv[1:])
