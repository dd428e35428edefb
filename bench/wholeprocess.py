"""Whole processes measured side by side (issue 19's benches: operations_ingest.py,
operations_build.py): each command's wall time and its own peak resident memory (wait4's
ru_maxrss), and a report of the medians with each case's ratio to the peers."""

from __future__ import annotations

import os
import statistics
import subprocess
import time

Runs = dict[str, list[tuple[float, float]]]  # case -> (seconds, peak GB) per round


def measure(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run `command` to its end: (seconds, peak resident GB). A failure stops the bench."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"{command[:4]} failed (status {status})")
    return seconds, usage.ru_maxrss / 1024 / 1024  # kilobytes on Linux


def report(results: Runs, peers: tuple[str, ...], *, digits: int = 1) -> None:
    """Each case's median, runs, peak and ratio to each peer measured (medians of one run)."""
    medians = {name: statistics.median(s for s, _ in runs) for name, runs in results.items()}
    width = max(len(name) for name in results) + 1
    print()
    for name, runs in results.items():
        times = ", ".join(f"{s:.{digits}f}" for s, _ in runs)
        ratios = "  ".join(
            f"{medians[name] / medians[peer]:.2f}x {peer}" for peer in peers if peer in medians
        )
        print(
            f"{name:<{width}} median {medians[name]:6.{digits}f} s (runs {times})  "
            f"peak {max(p for _, p in runs):.2f} GB  {ratios}"
        )
