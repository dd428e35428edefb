#!/bin/bash
# Real `kill -9` of `passerelle operations ingest` at random moments, then `operations check`
# (issue 18, item 3; figures in docs/operations.md and the issue's note).
# Usage: bench/operations_kill_drill.sh [ROWS] [KILLS]   (from the project root, after make setup)
set -u
ROWS=${1:-1000000}
KILLS=${2:-10}
P="python3 -m uv run --frozen passerelle"
export PASSERELLE_DATA_DIR=${PASSERELLE_DATA_DIR:-/tmp/killdrill-data}
rm -rf "$PASSERELLE_DATA_DIR"; mkdir -p "$PASSERELLE_DATA_DIR"
cp var/secret_key var/passerelle.sqlite3 "$PASSERELLE_DATA_DIR/"
$P operations generate --rows "$ROWS" --seed 3 --output /tmp/kd-a.parquet >/dev/null
$P operations generate --rows "$ROWS" --seed 4 --output /tmp/kd-b.parquet >/dev/null
$P operations ingest /tmp/kd-a.parquet >/dev/null && $P operations build >/dev/null
start=$(date +%s.%N); $P operations ingest /tmp/kd-b.parquet >/dev/null; end=$(date +%s.%N)
echo "uninterrupted ingest: $(echo "$end - $start" | bc) s; CURRENT=$(cat "$PASSERELLE_DATA_DIR/operations/CURRENT")"
for i in $(seq 1 "$KILLS"); do
  delay=$(python3 -c "import random; print(round(random.uniform(1.5, 9), 2))")
  $P operations ingest /tmp/kd-a.parquet >/dev/null 2>&1 & pid=$!
  sleep "$delay"; pkill -9 -P $pid; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  echo "kill $i after ${delay}s: CURRENT=$(cat "$PASSERELLE_DATA_DIR/operations/CURRENT");" \
    "folder: $(ls "$PASSERELLE_DATA_DIR/operations" | tr '\n' ' ');" \
    "work folders: $(ls "$PASSERELLE_DATA_DIR/operations/work" 2>/dev/null | wc -l);" \
    "check: $($P operations check 2>&1 | tail -1 | cut -c1-60)"
done
$P operations ingest /tmp/kd-a.parquet >/dev/null && $P operations build >/dev/null
echo "rerun: $(ls "$PASSERELLE_DATA_DIR/operations" | tr '\n' ' '); work folders: $(ls "$PASSERELLE_DATA_DIR/operations/work" 2>/dev/null | wc -l)"
$P operations check 2>&1 | tail -1
