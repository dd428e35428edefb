"""Speed of the capacity-building program at 5,000 projects and 100,000 transactions: the
program dashboard (goal 150 ms at the 95th percentile), the IATI activity file of 1,000
activities with its schema validation (goal 3 s) and a quarter's proactive-disclosure CSV (goal
1 s).

    PASSERELLE_DATA_DIR=/tmp/bench-programs SECRET_KEY=bench python3 -m uv run --frozen \
        python bench/programs.py

It builds its own database in PASSERELLE_DATA_DIR (migrate, load-reference, then 5,000
illustrative projects with 20 transactions and 2 budget lines each, written in bulk: a
throwaway store, not the product's), unless it already holds them. Each case runs once cold and
then `--runs` times.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from datetime import date, timedelta
from decimal import Decimal

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")
if "PASSERELLE_DATA_DIR" not in os.environ:
    raise SystemExit("set PASSERELLE_DATA_DIR to a throwaway folder (e.g. /tmp/bench-programs)")

import django

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from passerelle.core.middleware import NOTICE_SESSION_KEY  # noqa: E402
from passerelle.core.models import User  # noqa: E402
from passerelle.core.reader import as_system, reading_as  # noqa: E402
from passerelle.geo.models import Country  # noqa: E402
from passerelle.partners.models import Organization  # noqa: E402
from passerelle.programs.disclosure.export import quarter_file  # noqa: E402
from passerelle.programs.fiscal import fiscal_year_of  # noqa: E402
from passerelle.programs.iati import export  # noqa: E402
from passerelle.programs.models import (  # noqa: E402
    BudgetLine,
    EnvelopeAllocation,
    FundingEnvelope,
    Project,
    Transaction,
)
from passerelle.programs.rollup import rebuild_totals  # noqa: E402
from passerelle.programs.views.dashboard import figures  # noqa: E402

PROJECTS, TRANSACTIONS_EACH = 5_000, 20


def build() -> None:
    from django.conf import settings

    call_command("migrate", verbosity=0)
    if not (settings.STATIC_ROOT / "staticfiles.json").exists():
        call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load-reference", verbosity=0)
    with as_system():
        if Project.objects.count() >= PROJECTS:
            return
        rng = random.Random(5000)
        envelopes = list(FundingEnvelope.objects.all())
        recipient = Organization.objects.get(slug="unhcr")
        countries = list(Country.objects.filter(iso_alpha3__in=["MEX", "GTM", "COL", "PAK"]))
        for envelope in envelopes:
            for year in ("2023-24", "2024-25", "2025-26", "2026-27"):
                EnvelopeAllocation.objects.get_or_create(
                    envelope=envelope, fiscal_year=year, defaults={"amount_cad": 5_000_000}
                )
        projects = []
        for n in range(PROJECTS):
            start = date(2023, 4, 1) + timedelta(days=rng.randrange(1000))
            projects.append(
                Project(
                    title_en=f"Bench project {n}",
                    title_fr=f"Projet d’essai {n}",
                    description_en="Bench.",
                    description_fr="Essai.",
                    recipient=recipient,
                    recipient_city_en="Geneva",
                    recipient_city_fr="Genève",
                    envelope=envelopes[n % len(envelopes)],
                    value_cad=Decimal(400_000),
                    start_date=start,
                    end_date=start + timedelta(days=729),
                    status="active",
                    reference_number=f"039-2024-2025-Q1-{n:05d}",
                    iati_identifier=f"XM-DAC-301-BENCH-{n:05d}",
                    published=n < 1_000,
                    illustrative=True,
                )
            )
        Project.objects.bulk_create(projects, batch_size=1_000)
        saved = list(Project.objects.all())
        Project.countries.through.objects.bulk_create(
            [
                Project.countries.through(project=p, country=countries[i % len(countries)])
                for i, p in enumerate(saved)
            ],
            batch_size=5_000,
        )
        lines, moves = [], []
        for project in saved:
            for offset in (0, 365):
                lines.append(
                    BudgetLine(
                        project=project,
                        fiscal_year=fiscal_year_of(project.start_date + timedelta(days=offset)),
                        amount_cad=Decimal(200_000),
                        illustrative=True,
                    )
                )
            for k in range(TRANSACTIONS_EACH):
                day = project.start_date + timedelta(days=36 * k)
                kind = "commitment" if k == 0 else "disbursement"
                moves.append(
                    Transaction(
                        project=project,
                        kind=kind,
                        date=day,
                        value=Decimal(15_000),
                        value_cad=Decimal(15_000),
                        illustrative=True,
                    )
                )
        BudgetLine.objects.bulk_create(lines, batch_size=5_000, ignore_conflicts=True)
        Transaction.objects.bulk_create(moves, batch_size=5_000)
        rebuild_totals()  # bulk_create bypasses Transaction.save, which keeps the totals


def timed(function: object, runs: int) -> tuple[float, list[float]]:
    started = time.perf_counter()
    function()  # type: ignore[operator]
    cold = time.perf_counter() - started
    warm = []
    for _ in range(runs):
        started = time.perf_counter()
        function()  # type: ignore[operator]
        warm.append(time.perf_counter() - started)
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    build()
    user = User.objects.filter(is_superuser=True).first() or User.objects.create_superuser(
        "bench", password=None, clearance=2
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    session = client.session
    session[NOTICE_SESSION_KEY] = True
    session.save()

    def dashboard() -> None:
        assert client.get("/en/programs/").status_code == 200

    def dashboard_computed() -> None:
        cache.clear()  # the figures computed from the records, as after any write
        assert client.get("/en/programs/").status_code == 200

    def figures_reader_two() -> None:
        cache.clear()
        with reading_as(user):
            figures("2024-25")

    def iati() -> None:
        with as_system():
            export.activity_file()

    def disclosure() -> None:
        with as_system():
            quarter_file("2024-25-Q3")

    with as_system():
        counts = (Project.objects.count(), Transaction.objects.count())
    print(f"{counts[0]:,} projects, {counts[1]:,} transactions\n")
    print("| case | cold (s) | median (s) | 95th percentile (s) | goal (s) |")
    print("|---|---|---|---|---|")
    for name, function, goal, count in (
        ("dashboard page (figures from the cache)", dashboard, 0.150, runs),
        ("dashboard page, figures computed (cache emptied)", dashboard_computed, 0.150, runs),
        ("the figures alone, computed", figures_reader_two, None, runs),
        ("IATI activity file, 1,000 activities, validated", iati, 3.0, max(3, runs // 4)),
        ("disclosure CSV of 2024-25-Q3", disclosure, 1.0, max(3, runs // 4)),
    ):
        cold, warm = timed(function, count)
        p95 = statistics.quantiles(warm, n=20)[-1] if len(warm) >= 2 else warm[0]
        print(
            f"| {name} | {cold:.3f} | {statistics.median(warm):.3f} | {p95:.3f} | {goal or '—'} |"
        )


if __name__ == "__main__":
    main()
