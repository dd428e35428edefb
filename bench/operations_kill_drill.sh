#!/bin/bash
# Real `kill -9` of `passerelle operations ingest` at random moments, then `operations check`
# (issue 18, item 3; figures in docs/operations.md and the issue's note).
# Usage: bench/operations_kill_drill.sh [ROWS] [KILLS]   (from the project root, after make setup)
# Each kill lands at a random moment of an ingest: uniformly between 0.1 s and the time an
# uninterrupted ingest of the same file took (measured first), so that every step can be hit.
set -u
ROWS=${1:-1000000}
KILLS=${2:-10}
P=".venv/bin/passerelle"
export PASSERELLE_DATA_DIR=${PASSERELLE_DATA_DIR:-/tmp/killdrill-data}
rm -rf "$PASSERELLE_DATA_DIR"; mkdir -p "$PASSERELLE_DATA_DIR"
cp var/secret_key var/passerelle.sqlite3 "$PASSERELLE_DATA_DIR/"
$P operations generate --rows "$ROWS" --seed 3 --output /tmp/kd-a.parquet >/dev/null
$P operations generate --rows "$ROWS" --seed 4 --output /tmp/kd-b.parquet >/dev/null
$P operations ingest /tmp/kd-a.parquet >/dev/null && $P operations build >/dev/null
start=$(date +%s.%N); $P operations ingest /tmp/kd-b.parquet >/dev/null; end=$(date +%s.%N)
took=$(echo "$end - $start" | bc)
echo "uninterrupted ingest: $took s; CURRENT=$(cat "$PASSERELLE_DATA_DIR/operations/CURRENT")"
before=$($P operations check 2>&1 | tail -1)
for i in $(seq 1 "$KILLS"); do
  delay=$(python3 -c "import random; print(round(random.uniform(0.1, $took), 2))")
  $P operations ingest /tmp/kd-a.parquet >/dev/null 2>&1 & pid=$!
  sleep "$delay"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; status=$?
  outcome=$([ "$status" = 137 ] && echo killed || echo "finished first")
  echo "kill $i after ${delay}s ($outcome): CURRENT=$(cat "$PASSERELLE_DATA_DIR/operations/CURRENT");" \
    "generations: $(ls -d "$PASSERELLE_DATA_DIR"/operations/gen-* | wc -l);" \
    "work folders: $(ls "$PASSERELLE_DATA_DIR/operations/work" 2>/dev/null | wc -l);" \
    "check: $($P operations check 2>&1 | tail -1 | cut -c1-60)"
done
$P operations ingest /tmp/kd-a.parquet >/dev/null && $P operations build >/dev/null
echo "rerun: $(ls "$PASSERELLE_DATA_DIR/operations" | tr '\n' ' '); work folders: $(ls "$PASSERELLE_DATA_DIR/operations/work" 2>/dev/null | wc -l)"
echo "before the kills: $before"
echo "after the rerun:  $($P operations check 2>&1 | tail -1)"
