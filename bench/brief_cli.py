"""`passerelle brief …` as a whole process against the same brief rendered warm in a running
process, measured alternately in one run so that both see the same load (issue 19's goal: the
command within 2x the warm render).

    python3 -m uv run --frozen python bench/brief_cli.py [--runs 5] [--kind fundamental]
        [--lang fr] [--format pdf]

Needs the reference data and a superuser in PASSERELLE_DATA_DIR (`make setup`, then
`passerelle create-demo-admin`). The command runs as `.venv/bin/passerelle` (an activated
virtual environment) and as `uv run --frozen passerelle` (what the docs show).
Results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")

import django

django.setup()

from passerelle.briefs.services import build_brief, render  # noqa: E402
from passerelle.core.models import User  # noqa: E402

# The checkout whose virtual environment runs this script (another checkout's .venv/bin/python
# measures that checkout's code: `uv run` then runs in that checkout too).
PROJECT = Path(sys.executable).parent.parent.parent


def whole(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=PROJECT, check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--kind", default="fundamental")
    parser.add_argument("--subject", default="")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--format", dest="fmt", default="pdf")
    args = parser.parse_args()
    user = User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()
    if user is None:
        raise SystemExit("no superuser: run `passerelle create-demo-admin`")
    output = Path(tempfile.mkdtemp()) / f"brief.{args.fmt}"
    brief_args = ["brief", args.kind, *([args.subject] if args.subject else [])]
    brief_args += ["--lang", args.lang, "--format", args.fmt, "--output", str(output)]
    venv = [str(Path(sys.executable).with_name("passerelle")), *brief_args]
    uv = [os.environ.get("UV", "uv"), "run", "--frozen", "passerelle", *brief_args]

    def warm() -> float:
        started = time.perf_counter()
        brief = build_brief(kind=args.kind, subject=args.subject, user=user, language=args.lang)
        render(brief, args.fmt)
        return time.perf_counter() - started

    cold = warm()
    whole(venv)  # the first process may draw the map and fill the disk cache
    times: dict[str, list[float]] = {"warm": [], "venv": [], "uv": []}
    for run in range(1, args.runs + 1):
        times["warm"].append(warm())
        times["venv"].append(whole(venv))
        times["uv"].append(whole(uv))
        load = Path("/proc/loadavg").read_text().split()[0]
        measured = ", ".join(f"{key} {values[-1]:.2f} s" for key, values in times.items())
        print(f"run {run} (load {load}): {measured}")
    medians = {key: statistics.median(values) for key, values in times.items()}
    print(f"first render in this process (cold): {cold:.2f} s")
    print(f"median of {args.runs}: warm render {medians['warm']:.2f} s")
    for key, label in (("venv", ".venv/bin/passerelle"), ("uv", "uv run passerelle")):
        ratio = medians[key] / medians["warm"]
        print(f"median of {args.runs}: {label} {medians[key]:.2f} s, {ratio:.2f}x the warm render")


if __name__ == "__main__":
    main()
