"""Start-up of the `passerelle` command, as whole processes, in this checkout and optionally in
another one (an earlier commit), measured alternately in the same run.

    python3 bench/startup.py [--runs 7] [--before DIR]

Cases: `passerelle --help`; `passerelle operations demo` with the store already built (it does
nothing); `passerelle check` (Django set up and every URL imported, as a gunicorn worker's first
request does). Each runs the checkout's `.venv/bin/passerelle` with this checkout's data
directory (`PASSERELLE_DATA_DIR`, default var/), after `make setup` and `make run` once. For a
fair comparison, DIR's virtual environment should have its bytecode compiled as `make setup`
does here (`uv sync --frozen --compile-bytecode && .venv/bin/python -m compileall -q
passerelle`). Prints each median; results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CASES = {
    "passerelle --help": ["--help"],
    "passerelle operations demo (store built)": ["operations", "demo"],
    "passerelle check (every URL imported)": ["check"],
}


def once(project: Path, args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(project / ".venv" / "bin" / "passerelle"), *args],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--before", type=Path, help="another checkout, measured alternately")
    args = parser.parse_args()
    env = {**os.environ, "PASSERELLE_DATA_DIR": os.environ.get("PASSERELLE_DATA_DIR", "")}
    env["PASSERELLE_DATA_DIR"] = env["PASSERELLE_DATA_DIR"] or str(PROJECT / "var")
    sides = {"now": PROJECT, **({"before": args.before.resolve()} if args.before else {})}
    times: dict[tuple[str, str], list[float]] = {(c, s): [] for c in CASES for s in sides}
    for _run in range(args.runs):
        for case, case_args in CASES.items():
            for side, project in sides.items():
                times[case, side].append(once(project, case_args, env))
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"medians of {args.runs} runs (load at the end {load}):")
    for case in CASES:
        medians = {side: statistics.median(times[case, side]) for side in sides}
        line = ", ".join(f"{side} {median:.2f} s" for side, median in medians.items())
        if "before" in medians:
            line += f" ({medians['before'] / medians['now']:.1f}x faster now)"
        print(f"  {case}: {line}")


if __name__ == "__main__":
    main()
