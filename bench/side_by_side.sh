#!/usr/bin/env bash
# Run a benchmark alternately on an earlier commit and on this checkout, in one session, so the
# two are measured under the same load (docs/performance.md quotes ratios measured this way).
#
#   bench/side_by_side.sh REV RUNS COMMAND...
#   bench/side_by_side.sh a25effd~1 3 python bench/indicators_import.py --runs 1
set -euo pipefail
rev=$1 runs=$2
shift 2
here=$(git rev-parse --show-toplevel)
before=$(mktemp -d)/before
git -C "$here" worktree add -q --detach "$before" "$rev"
trap 'git -C "$here" worktree remove --force "$before"' EXIT
(cd "$before" && python3 -m uv sync --frozen -q && mkdir -p var && cp "$here/var/secret_key" var/)
for i in $(seq "$runs"); do
  for side in "$before" "$here"; do
    echo "== $([ "$side" = "$here" ] && echo now || echo "$rev") run $i, load $(cut -d' ' -f1 /proc/loadavg)"
    (cd "$side" && python3 -m uv run --frozen "$@" 2>&1 | tail -4)
  done
done
