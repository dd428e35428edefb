"""Speed of the binders (issue 17's goals, warm): a 10-part binder of about 60 pages as PDF under
15 s and as DOCX under 5 s; and the transition binder (the Fundamental Brief, every forum, every
priority country) in each language, for the record. Built from the database in
PASSERELLE_DATA_DIR with the reference and demo data loaded (`make setup`, then
`passerelle load-demo-engagements`), through `generate(binder, language, format, reader)`, the
function the pages call (and a background job will).

    python3 -m uv run --frozen python bench/binders.py [--runs 3] [--transition]

The binders, and the two people whose biography notes they print, are made inside a transaction
rolled back at the end: nothing is left in the database. Each case runs once cold (the first in
this process), then `--runs` times; the median of the warm runs is compared with the goal.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import time
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelle.settings")

import django

django.setup()

from django.db import transaction  # noqa: E402

from passerelle.briefs.binders.generate import generate  # noqa: E402
from passerelle.briefs.binders.transition import regenerate  # noqa: E402
from passerelle.briefs.models import Binder, BinderPart  # noqa: E402
from passerelle.core.classification import Classification  # noqa: E402
from passerelle.core.models import User  # noqa: E402
from passerelle.geo.models import Country  # noqa: E402
from passerelle.partners.models import Appointment, Forum, Person  # noqa: E402
from passerelle.pathways.models import Pathway  # noqa: E402

# A week's programme, a paragraph every half hour: with the demo data's short forum briefs and QP
# notes, it brings the binder to the "about 60 pages".
SCENARIO = "\n\n".join(
    f"Day {d}, {h}:{m:02d} — meeting with the counterparts. Objectives: the Deputy "
    "Minister's three points on labour mobility, asylum cooperation and the visa regime; what "
    "the counterparts are expected to raise and the lines to take. Participants: the Deputy "
    "Minister, the Director General, the Head of Mission and two officers; on their side, the "
    "Undersecretary and her advisers. Logistics: the place, the interpreters, the car at the "
    "door ten minutes before, the gift, the photographs allowed, and who takes the record of "
    "discussion."
    for d in range(1, 8) for h in range(8, 18) for m in (0, 30)
)  # fmt: skip


class Rollback(Exception):
    pass


def _person(slug: str, name: str, country: Country) -> Person:
    person = Person.objects.create(
        slug=slug, name=name, side="counterpart", country=country, illustrative=True,
        biography_en="Career public servant; previously ambassador and deputy minister.",
        biography_fr="Fonctionnaire de carrière; auparavant ambassadeur et sous-ministre.",
    )  # fmt: skip
    Appointment.objects.create(
        person=person, title_en="Secretary", title_fr="Secrétaire", country=country,
        start=date(2024, 10, 1), illustrative=True,
    )  # fmt: skip
    return person


def ten_parts(user: User) -> Binder:
    """Scenario note, Fundamental Brief, two country briefs, two forum briefs, two QP notes,
    two biography notes."""
    binder = Binder.objects.create(
        title_en="Deputy Minister's visit to Mexico", title_fr="Visite du sous-ministre au Mexique",
        occasion_en="Mexico City, bilateral talks", occasion_fr="Mexico, entretiens bilatéraux",
        day=date(2027, 2, 15), author=user,
    )  # fmt: skip
    mexico = Country.objects.get(iso_alpha3="MEX")
    forums = list(Forum.objects.order_by("slug")[:2])
    pathways = list(Pathway.objects.order_by("slug")[:2])
    people = [_person("bench-a", "Ana Ortiz", mexico), _person("bench-b", "Luis Vega", mexico)]
    parts = [
        ("note", ""), ("fundamental", ""), ("country", "MEX"), ("country", "USA"),
        *(("forum", f.slug) for f in forums), *(("qp-note", p.slug) for p in pathways),
        *(("biography", p.slug) for p in people),
    ]  # fmt: skip
    for order, (kind, subject) in enumerate(parts, start=1):
        BinderPart.objects.create(
            binder=binder, order=order, kind=kind, subject=subject, title_en="Scenario note"
            if kind == "note" else "", title_fr="Note de scénario" if kind == "note" else "",
            text_en=SCENARIO if kind == "note" else "", text_fr=SCENARIO if kind == "note" else "",
        )  # fmt: skip
    assert binder.parts.count() == 10
    return binder


def pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return int(next(line for line in info.decode().splitlines() if line.startswith("Pages:"))[6:])


def once(binder: Binder, language: str, fmt: str, user: User) -> tuple[float, bytes]:
    started = time.perf_counter()
    made = generate(binder, language, fmt, user)
    return time.perf_counter() - started, made.content


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--transition", action="store_true", help="also the transition binder")
    args = parser.parse_args()
    runs = args.runs
    user = User.objects.filter(is_superuser=True, is_active=True).first() or User.objects.first()
    if user is None or user.clearance < Classification.PROTECTED_B:
        raise SystemExit("no Protected B user: run `passerelle create-demo-admin`")
    print(f"| case | pages | cold (s) | median of {runs} (s) | goal (s) | median / goal |")
    print("|---|---|---|---|---|---|")
    try:
        with transaction.atomic():
            binder = ten_parts(user)
            cases = [
                ("10-part binder EN, PDF", binder, "en", "pdf", 15.0),
                ("10-part binder EN, DOCX", binder, "en", "docx", 5.0),
                ("10-part binder FR, PDF", binder, "fr", "pdf", 15.0),
                ("10-part binder FR, DOCX", binder, "fr", "docx", 5.0),
            ]
            if args.transition:
                transition = regenerate(user=user)
                cases += [
                    (f"transition binder ({transition.parts.count()} parts) EN, PDF",
                     transition, "en", "pdf", None),
                    (f"transition binder ({transition.parts.count()} parts) FR, DOCX",
                     transition, "fr", "docx", None),
                ]  # fmt: skip
            for label, chosen, language, fmt, goal in cases:
                cold, content = once(chosen, language, fmt, user)
                warm = statistics.median(once(chosen, language, fmt, user)[0] for _ in range(runs))
                count = str(pages(content)) if fmt == "pdf" else "—"
                ratio = f"{warm / goal:.2f}" if goal else "—"
                shown = f"{goal:.0f}" if goal else "—"
                print(f"| {label} | {count} | {cold:.2f} | {warm:.2f} | {shown} | {ratio} |")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
