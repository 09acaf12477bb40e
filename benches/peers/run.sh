#!/usr/bin/env bash
# upr vs pandas vs polars on the same job, timed as whole processes in one run:
# read UPR Info's sessions 1-5 and 6-9 exports (Mac OS Roman, CR line ends) and tally the
# responses by State under review and by action category.
#
#   bash benches/peers/run.sh            # RUNS=20 WARMUP=3 by default
#   bash benches/peers/run.sh classify   # the classifier's peer instead: scikit-learn TF-IDF +
#                                        # linear SVMs, trained on sessions 1-5, scored on 6-9
#   bash benches/peers/run.sh wg         # the Working Group reader against wg_peer.py;
#                                        # writes benches/peers/wg.md
#   bash benches/peers/run.sh scale      # the scaling run: sessions 1-9 repeated 1x, 30x, 300x
#                                        # (~4.3 M rows, 1.1 GB, in a temporary folder), upr vs
#                                        # pandas, polars and DuckDB, wall time and peak memory;
#                                        # RUNS_1=10 RUNS_30=5 RUNS_300=3 TIMES=1,30,300 by default;
#                                        # writes benches/peers/scaling.md
#
# Needs ../shared (or UPR_SHARED), python3 with venv, and network access to PyPI the first time
# (pandas and polars go into benches/peers/.venv, which git ignores). Uses hyperfine when
# installed (installs it with apt-get when missing and run as root), else a Python timing loop.
# Checks that the three programs print the same numbers, then writes benches/peers/results.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${UPR_SHARED:-$root/../shared}"
data="$shared/data/upr-info"
runs="${RUNS:-20}"
warmup="${WARMUP:-3}"
files=("$data/sessions-1-5.csv" "$data/sessions-6-9.csv")

for f in "${files[@]}"; do
  if [ ! -f "$f" ]; then
    echo "*** $f not found: set UPR_SHARED to the shared folder; nothing timed ***" >&2
    exit 1
  fi
done

if [ "${1:-}" = wg ]; then
  # The Working Group reader against a plain Python regex splitter (benches/peers/wg_peer.py)
  # over all of wg-reports/, as whole processes: upr's parse_wg_report example (every
  # recommendation with its States and status, as JSON lines) and the peer (counts only).
  #   bash benches/peers/run.sh wg
  reports=("$shared"/data/wg-reports/*.txt)
  echo "== building the parse_wg_report example (release)"
  (cd "$root" && cargo build --release --quiet -p upr --example parse_wg_report)
  wg="$root/target/release/examples/parse_wg_report"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  q() { printf '%q ' "$@"; }
  echo "== timing ($runs runs each after $warmup warm-up runs)"
  python3 "$here/peers.py" time --runs "$runs" --warmup "$warmup" --out "$tmp/wg.json" \
    upr "$(q "$wg" "${reports[@]}")" upr-1-thread "$(q "$wg" --jobs 1 "${reports[@]}")" \
    python-regex "$(q python3 "$here/wg_peer.py" "${reports[@]}")"
  bytes="$(cat "${reports[@]}" | wc -c)"
  python3 - "$tmp/wg.json" "$bytes" "$here/wg.md" "$runs" "$warmup" <<'PY'
import datetime, json, os, sys
d = json.load(open(sys.argv[1]))
mib = int(sys.argv[2]) / 2**20
t = {r["command"]: r["median"] for r in d["results"]}
rows = []
for name, s in t.items():
    print(f"{name}: {s * 1000:.1f} ms median, {mib / s:.1f} MiB/s")
    rows.append(f"| {name} | {s * 1000:.1f} ms | {mib / s:.1f} MiB/s | {t['python-regex'] / s:.2f}x |")
ratio = t["python-regex"] / t["upr"]
print(f"python-regex / upr: {ratio:.2f}x")
load = os.getloadavg()[0]
with open(sys.argv[3], "w") as f:
    f.write(f"""# Working Group reader vs a Python regex splitter, whole processes

Written by `RUNS={sys.argv[4]} WARMUP={sys.argv[5]} bash benches/peers/run.sh wg` on
{datetime.date.today()} (load average {load:.2f}): upr's `parse_wg_report` example (every
recommendation of all of `wg-reports/`, {mib:.1f} MiB, with its States resolved and its status,
printed as JSON lines; `upr` reads the reports on the cores available, `upr-1-thread` with
`--jobs 1`) against `benches/peers/wg_peer.py` (counts only, resolves no States). Medians.

| program | median | throughput | python-regex / program |
|---|---:|---:|---:|
""" + "\n".join(rows) + f"""

python-regex / upr = {ratio:.2f}x (issue 12's target: 8x).
""")
print(f"== wrote {sys.argv[3]}")
PY
  exit 0
fi

echo "== building the tally program of tools/ (release)"
(cd "$root" && cargo build --release --quiet -p upr-tools --bin tally)
upr="$root/target/release/tally"

venv="$here/.venv"
if [ ! -x "$venv/bin/python" ]; then
  echo "== creating $venv"
  python3 -m venv "$venv"
fi
if [ "${1:-}" = classify ]; then
  if ! "$venv/bin/python" -c "import sklearn" 2>/dev/null; then
    echo "== installing scikit-learn"
    "$venv/bin/pip" install --quiet --disable-pip-version-check scikit-learn
  fi
  echo "== the classifier's peer (scikit-learn $("$venv/bin/python" -c 'import sklearn; print(sklearn.__version__)'))"
  "$venv/bin/python" "$here/classify_peer.py" "${files[@]}"
  echo "== upr's classifier on the same split"
  (cd "$root" && cargo run --release --quiet -p upr-tools --bin evaluate -- "${files[1]}")
  exit 0
fi
if ! "$venv/bin/python" -c "import pandas, polars" 2>/dev/null; then
  echo "== installing pandas and polars"
  "$venv/bin/pip" install --quiet --disable-pip-version-check pandas polars
fi
py="$venv/bin/python"

if [ "${1:-}" = scale ]; then
  if ! "$py" -c "import duckdb" 2>/dev/null; then
    echo "== installing duckdb"
    "$venv/bin/pip" install --quiet --disable-pip-version-check duckdb
  fi
  times="${TIMES:-1,30,300}"
  runs_spec=""
  for n in ${times//,/ }; do
    v="RUNS_$n"
    case "$n" in 1) d=10 ;; 30) d=5 ;; *) d=3 ;; esac  # fewer runs as the input grows
    runs_spec="$runs_spec${runs_spec:+,}$n:${!v:-$d}"
  done
  # The inputs are large (1.1 GB at 300x, twice: as exported and transcoded): never in the repo.
  scale_tmp="$(mktemp -d)"
  trap 'rm -rf "$scale_tmp"' EXIT
  echo "== writing sessions 1-9 repeated ${times//,/x, }x into $scale_tmp"
  python3 "$here/scale.py" make --dir "$scale_tmp" --times "$times" "${files[@]}"
  machine="$(python3 "$here/scale.py" machine)"
  versions="$("$py" -c 'import sys, pandas, polars, duckdb; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, polars {polars.__version__}, DuckDB {duckdb.__version__}")')"
  echo "== timing ($runs_spec runs, interleaved), outputs checked against upr's"
  python3 "$here/scale.py" run --dir "$scale_tmp" --times "$times" --runs "$runs_spec" \
    --upr "$upr" --python "$py" --states "$root/data/states.tsv" --out "$here/scaling.md" \
    --note "$(date -u '+%Y-%m-%d %H:%M UTC'); $machine at the start; $(rustc --version | cut -d' ' -f1-2), $versions" \
    --note "input: the data rows of upr-info/sessions-1-5.csv + sessions-6-9.csv (14,437 rows, 3.6 MB) repeated 1x, 30x, 300x under one header, written by scale.py make into a temporary folder" \
    --note "upr: target/release/tally on the file as exported (Mac OS Roman, CR line ends): strict mode, every row parsed and validated, States resolved to ISO codes, decoding Mac OS Roman itself; streaming (one 256 KiB buffer and its rows at a time, the file read ahead on a second thread)" \
    --note "peers: the same rows transcoded to UTF-8 in advance (untimed; CR kept), since polars and DuckDB read UTF-8 only, and each reading only the three columns the tables use: pandas read_csv(lineterminator=\"\\r\", usecols=...) + groupby; polars scan_csv(eol_char=\"\\r\").select(...) + group_by; DuckDB one query over read_csv(new_line='\\r') with GROUPING SETS" \
    --note "read only: the floor, the file as exported read and thrown away with no parsing (dd if=FILE of=/dev/null bs=1M), the least time any reader of it can take here" \
    --note "wall: fork to reap, median of the runs; peak RSS: the process's maximum resident set (wait4 ru_maxrss), the largest of its runs; runs interleaved; every output checked equal to upr's (peers.py compare)" \
    --note "reproduce: bash benches/peers/run.sh scale (TIMES=$times, runs $runs_spec)"
  echo "== wrote $here/scaling.md; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "== checking that the three tallies agree"
"$upr" "${files[@]}" >"$tmp/upr.tsv"
"$upr" --sequential "${files[@]}" | cmp -s - "$tmp/upr.tsv" || { echo "upr --sequential prints other numbers" >&2; exit 1; }
"$py" "$here/tally_pandas.py" "${files[@]}" >"$tmp/pandas.tsv"
"$py" "$here/tally_polars.py" "${files[@]}" >"$tmp/polars.tsv"
python3 "$here/peers.py" compare --states "$root/data/states.tsv" \
  "$tmp/upr.tsv" "$tmp/pandas.tsv" "$tmp/polars.tsv"

if ! command -v hyperfine >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "== installing hyperfine"
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || echo "(apt-get install hyperfine failed; timing in Python)"
fi

q() { printf '%q ' "$@"; }
cmd_upr="$(q "$upr" "${files[@]}")"
cmd_upr1="$(q "$upr" --sequential "${files[@]}")"
cmd_pandas="$(q "$py" "$here/tally_pandas.py" "${files[@]}")"
cmd_polars="$(q "$py" "$here/tally_polars.py" "${files[@]}")"

echo "== timing ($runs runs each after $warmup warm-up runs)"
if command -v hyperfine >/dev/null; then
  hyperfine -N --style basic --warmup "$warmup" --runs "$runs" --export-json "$tmp/times.json" \
    -n upr "$cmd_upr" -n upr-1-thread "$cmd_upr1" -n pandas "$cmd_pandas" -n polars "$cmd_polars"
else
  python3 "$here/peers.py" time --runs "$runs" --warmup "$warmup" --out "$tmp/times.json" \
    upr "$cmd_upr" upr-1-thread "$cmd_upr1" pandas "$cmd_pandas" polars "$cmd_polars"
fi

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//' || true)"
versions="$("$py" -c 'import sys, pandas, polars; print(f"Python {sys.version.split()[0]}, pandas {pandas.__version__}, polars {polars.__version__}")')"
python3 "$here/peers.py" report "$tmp/times.json" --out "$here/results.md" \
  --note "$(date -u +%Y-%m-%d), $(nproc) cores, ${cpu:-unknown CPU}; $(rustc --version | cut -d' ' -f1-2), $versions" \
  --note "input: upr-info/sessions-1-5.csv + sessions-6-9.csv (14,437 rows, 3.6 MB, Mac OS Roman, CR line ends)" \
  --note "upr: target/release/tally (strict mode: every row parsed and validated, States resolved to ISO codes), one thread per file; upr-1-thread: the same with --sequential" \
  --note "pandas: read_csv(encoding=\"mac_roman\", lineterminator=\"\\r\") + groupby; polars: decode in Python + read_csv(eol_char=\"\\r\") + group_by" \
  --note "reproduce: bash benches/peers/run.sh (RUNS=$runs WARMUP=$warmup)"
echo "== wrote $here/results.md"
