#!/usr/bin/env bash
# Renders the SVG charts of `upr chart` in headless Chromium and saves one PNG per chart, to look
# at them as a browser shows them: cli/scripts/screenshot-charts.sh [SVG_DIR] [PNG_DIR]
set -euo pipefail
SVG="${1:-target/charts}"
PNG="${2:-$SVG/png}"
mkdir -p "$PNG"
for f in "$SVG"/*.svg; do
  w=$(sed -n 's/^<svg width="\([0-9]*\)" height="\([0-9]*\)".*/\1,\2/p' "$f" | head -1)
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size="${w:-1000,560}" --screenshot="$PNG/$(basename "$f" .svg).png" "file://$(realpath "$f")" 2>/dev/null
done
ls "$PNG"
