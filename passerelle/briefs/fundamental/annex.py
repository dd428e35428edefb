"""Annex: the map of IRCC missions and biometric points of service, and its table, with the
network's totals derived from the records beside the figures the binder prints."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from passerelle.briefs.facts import by_key, facts, figure, mark
from passerelle.briefs.sections import Footnote, Image, Section, Table
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import Fact, User
from passerelle.network import maps
from passerelle.network.services import area_office_counts, network_state, network_summary
from passerelle.web.templatetags.passerelle import longdate, number

TOTALS = (
    # (summary attribute, fact key, label)
    ("overseas_offices", "network-overseas-offices"),
    ("area_offices", "network-area-offices"),
    ("biometric_collection_points", "network-biometric-collection-points"),
    ("countries_with_biometric_collection_points", "network-biometric-collection-countries"),
    ("locally_engaged_staff", "network-locally-engaged-staff"),
    ("canada_based_staff", "network-canada-based-staff"),
)


def annex_date(found: list[Fact]) -> date:
    """The date of the binder's network figures (else today)."""
    dates = [fact.as_of for fact in found if fact.as_of]
    return max(dates) if dates else date.today()


_rendered: dict[str, bytes] = {}


def map_png(features: dict[str, Any], *, title: str, language: str) -> bytes:
    """The map as PNG, drawn once per distinct content in this process (drawing the world
    takes about two seconds; the same features, title and language give the same picture)."""
    key = hashlib.sha256(
        json.dumps([features, title, language], sort_keys=True).encode()
    ).hexdigest()
    if key not in _rendered:
        if len(_rendered) >= 16:
            _rendered.pop(next(iter(_rendered)))
        _rendered[key] = maps.render_png(features, title=title, language=language, dpi=110)
    return _rendered[key]


def network_map(user: User, *, as_of: date, language: str) -> tuple[Image, dict[str, Any]]:
    """The network map on `as_of` as a PNG, and its features (for the marking)."""
    features = maps.map_features(user, as_of=as_of)
    title = _("IRCC missions and biometric points of service")
    png = map_png(features, title=title, language=language)
    alt = _(
        "World map of %(offices)s offices and %(points)s biometric collection points; "
        "the tables of this annex give the same information."
    ) % {
        "offices": number(sum(f["properties"]["layer"] == "office" for f in features["features"])),
        "points": number(sum(f["properties"]["layer"] == "point" for f in features["features"])),
    }
    return Image(png=png, alt=alt, caption=title), features


def _area_table(user: User, as_of: date, writer: Writer, note: Footnote) -> tuple[Table, list]:
    state = network_state(as_of=as_of, user=user)
    counts = area_office_counts(as_of=as_of, user=user, state=state)
    rows = []
    for entry in counts:
        centres = ", ".join(writer.text(o, "name") for o in entry.global_operations_centres)
        rows.append(
            [
                writer.text(entry.area_office, "name"),
                writer.text(entry.area_office.office, "city"),
                number(entry.responsible_for),
                centres or "—",
            ]
        )
    table = Table(
        caption=_("Area offices and the overseas offices they are responsible for"),
        columns=[
            _("Region"),
            _("Area office"),
            _("Overseas offices"),
            _("Global operations centres"),
        ],
        rows=rows,
        footnote=note,
        illustrative=any(e.area_office.illustrative for e in counts),
    )
    return table, [e.area_office for e in counts] + state.offices


def annex(*, user: User, language: str) -> Section | None:
    """The network annex: the map, the area offices' table and the derived totals."""
    found = facts(user, "network")
    writer = Writer(language)
    as_of = annex_date(found)
    summary = network_summary(as_of=as_of, user=user)
    derived = Footnote(
        source=_(
            "Passerelle, overseas network records (offices, staffing snapshots, biometric "
            "collection points), totals derived by the network module"
        ),
        as_of=longdate(as_of),
    )
    keyed = by_key(found)
    section = Section(
        key="annex",
        title=_("Annex – Map of IRCC Missions and Biometric Points of Service"),
        paragraphs=[
            _("Staff on strength as of %(date)s.") % {"date": longdate(as_of)},
        ],
        missing_french=writer.missing,
    )
    if summary.overseas_offices or summary.biometric_collection_points:
        image, features = network_map(user, as_of=as_of, language=language)
        section.images.append(image)
        section.illustrative = bool(features.get("illustrative"))
        section.classification = features.get("classification", 0)
    table, shown = _area_table(user, as_of, writer, derived)
    if table.rows:
        section.tables.append(table)
    rows = []
    for attribute, key in TOTALS:
        fact = keyed.get(key)
        label = writer.text(fact, "title") if fact else key
        printed = number(fact.value) if fact and fact.value is not None else "—"
        rows.append([label, number(getattr(summary, attribute)), printed])
    section.tables.append(
        Table(
            caption=_(
                "IRCC international network: totals derived from the records and as "
                "printed in the binder"
            ),
            columns=[_("Measure"), _("Derived"), _("Binder")],
            rows=rows,
            footnote=derived,
        )
    )
    for fact in found:
        if fact.value is None:
            section.items.append(writer.text(fact, "text", label=f"Fact {fact.key}"))
        elif not fact.key.startswith("area-office-"):
            section.figures.append(figure(fact, writer))
    return mark(section, [*found, *shown])
