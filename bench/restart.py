"""How long a second `make run` takes to serve, on a machine where the first one has run,
against a bare gunicorn start of the same app, measured alternately in the same run.

    python3 bench/restart.py [--runs 5] [--port 8799]

Starts `make run` (then `.venv/bin/gunicorn` with the Makefile's options), polls
http://127.0.0.1:PORT/healthz until it answers 200, then stops the server; repeats, and prints
each time, the medians and their ratio (issue 19's goal: within 1.5x). Results go in
docs/performance.md.
"""

import argparse
import os
import signal
import statistics
import subprocess
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def make_run(port: int) -> list[str]:
    return ["make", "run", f"PORT={port}"]


def bare_gunicorn(port: int) -> list[str]:
    return [
        str(PROJECT / ".venv" / "bin" / "gunicorn"), "passerelle.wsgi",
        "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
    ]  # fmt: skip


def time_to_serve(command: list[str], port: int, timeout: float = 120.0) -> float:
    started = time.monotonic()
    server = subprocess.Popen(
        command,
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while time.monotonic() - started < timeout:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except OSError:
                time.sleep(0.1)
        raise TimeoutError(f"make run did not serve within {timeout} s")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8799)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"make run": [], "bare gunicorn": []}
    for run in range(1, args.runs + 1):
        load = Path("/proc/loadavg").read_text().split()[0]
        for label, command in (("make run", make_run), ("bare gunicorn", bare_gunicorn)):
            seconds = time_to_serve(command(args.port), args.port)
            times[label].append(seconds)
            print(f"run {run} (load {load}): {label} serving after {seconds:.2f} s")
    medians = {label: statistics.median(values) for label, values in times.items()}
    for label, median in medians.items():
        print(f"median of {args.runs}: {label} {median:.2f} s")
    print(f"ratio: {medians['make run'] / medians['bare gunicorn']:.2f}x")


if __name__ == "__main__":
    main()
