"""Speed of the briefs: the country brief for Mexico (PDF goal 2 s, DOCX goal 1 s) and the
Fundamental Brief (goal 5 s per language), built and rendered from the database in
PASSERELLE_DATA_DIR with the reference and demo data loaded
(`passerelle load-reference && passerelle load-demo-engagements`).

    python3 -m uv run --frozen python bench/briefs.py [--runs 5]

Each case runs once cold (the first in this process: imports, fonts, the map's drawing) and
then `--runs` times; the median of the warm runs is compared with the goal.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")

import django

django.setup()

from passerelle.briefs.services import build_brief, render  # noqa: E402
from passerelle.core.models import User  # noqa: E402

CASES = (
    ("country MEX, PDF", "country", "MEX", "en", "pdf", 2.0),
    ("country MEX, DOCX", "country", "MEX", "en", "docx", 1.0),
    ("Fundamental Brief EN, PDF", "fundamental", "", "en", "pdf", 5.0),
    ("Fundamental Brief FR, PDF", "fundamental", "", "fr", "pdf", 5.0),
    ("Fundamental Brief FR, DOCX", "fundamental", "", "fr", "docx", 5.0),
)


def once(kind: str, subject: str, language: str, fmt: str, user: User) -> float:
    started = time.perf_counter()
    render(build_brief(kind=kind, subject=subject, user=user, language=language), fmt)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    user = User.objects.filter(is_superuser=True, is_active=True).first() or User.objects.first()
    if user is None:
        raise SystemExit("no user: create one (passerelle createsuperuser)")
    print(f"| case | cold (s) | median of {runs} (s) | goal (s) | median / goal |")
    print("|---|---|---|---|---|")
    for label, kind, subject, language, fmt, goal in CASES:
        cold = once(kind, subject, language, fmt, user)
        warm = statistics.median(once(kind, subject, language, fmt, user) for _ in range(runs))
        print(f"| {label} | {cold:.2f} | {warm:.2f} | {goal:.1f} | {warm / goal:.2f} |")


if __name__ == "__main__":
    main()
