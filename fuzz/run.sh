#!/usr/bin/env bash
# Runs one fuzz target under AFL++ (cargo-afl) for a while, seeded from ../shared:
#
#   bash fuzz/run.sh upr_info 180     # target, seconds (default 180)
#
# Seeds are copied into a temporary folder (never into the repository): real files for the
# byte-level targets, short fuzzer inputs for the targets that build their input. Findings go to
# fuzz/out/<target>/ (ignored by git). Prints AFL++'s summary line (execs, paths, crashes,
# hangs). Needs `cargo install cargo-afl` and a build: `cd fuzz && cargo afl build --release`.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${UPR_SHARED:-$root/../shared}"
target="${1:?target: upr_info, uhri, bytes, wg_report, ohchr_matrix}"
secs="${2:-180}"
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
small() { # the first 4 KB of each file given
  for f in "$@"; do head -c 4096 "$f" > "$seeds/$(basename "$f")"; done
}
case "$target" in
  upr_info | uhri) for i in 1 2 3 4; do head -c $((i * 64)) /dev/urandom > "$seeds/random$i"; done ;;
  bytes) small "$shared"/data/upr-info/dprk-session-19-unlabelled.csv "$shared"/data/uhri/*.csv ;;
  wg_report) small $(ls "$shared"/data/wg-reports/*.txt | head -5) ;;
  ohchr_matrix) cp $(ls "$shared"/data/*/*.docx 2>/dev/null | head -3) "$seeds/" 2>/dev/null || head -c 512 /dev/urandom > "$seeds/random" ;;
  *) echo "unknown target $target" >&2; exit 2 ;;
esac
out="$here/out/$target"
rm -rf "$out"
mkdir -p "$out"
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
  timeout --signal=INT "$((secs + 30))" \
  cargo afl fuzz -V "$secs" -i "$seeds" -o "$out" "$here/target/release/$target" > "$out/log.txt" 2>&1 || true
stats="$out/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E "^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|stability)" "$stats" | tr -s ' ' | paste -sd' '
else
  tail -20 "$out/log.txt"
  exit 1
fi
