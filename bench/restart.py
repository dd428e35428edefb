"""How long a second `make run` takes to serve, on a machine where the first one has run.

    python3 bench/restart.py [--runs 5] [--port 8799]

Starts `make run`, polls http://127.0.0.1:PORT/healthz until it answers 200, then stops the
server; repeats, and prints each time and the median. Results go in docs/performance.md.
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


def time_to_serve(port: int, timeout: float = 120.0) -> float:
    started = time.monotonic()
    server = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
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
    times = []
    for run in range(1, args.runs + 1):
        seconds = time_to_serve(args.port)
        times.append(seconds)
        print(f"run {run}: serving after {seconds:.2f} s")
    print(f"median of {args.runs}: {statistics.median(times):.2f} s")


if __name__ == "__main__":
    main()
