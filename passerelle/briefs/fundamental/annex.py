"""Annex: the map of IRCC missions and biometric points of service, and its table, with the
network's totals derived from the records beside the figures the binder prints."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from passerelle.briefs.facts import bullet, by_key, facts, figure, mark
from passerelle.briefs.sections import Footnote, Image, Section, Table
from passerelle.briefs.sourcing import Writer
from passerelle.core.models import Fact, User
from passerelle.core.templatetags.passerelle import longdate, number
from passerelle.network import mapcache, maps
from passerelle.network.services import (
    AreaOfficeCounts,
    NetworkState,
    area_office_counts,
    network_state,
    network_summary,
    staffing_report,
)

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
    """The map as PNG, drawn once per distinct content (drawing the world takes about two
    seconds; the same features, title and language give the same picture): kept in this
    process, and on disk for the next process (network/mapcache.py)."""
    key = hashlib.sha256(
        json.dumps([features, title, language], sort_keys=True).encode()
    ).hexdigest()
    if key not in _rendered:
        if len(_rendered) >= 16:
            _rendered.pop(next(iter(_rendered)))
        _rendered[key] = mapcache.png(features, title=title, language=language, dpi=110)
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


def _area_table(counts: list[AreaOfficeCounts], writer: Writer, note: Footnote) -> Table:
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
    return Table(
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


def area_office_items(
    counts: list[AreaOfficeCounts], state: NetworkState, writer: Writer
) -> list[str]:
    """The annex's list, from the records: each area office with what it is responsible for,
    then the annex's notes on its offices (the Permanent Mission to the UN in New York under
    London, Havana not counted) and, for an office not counted, its staff."""
    items = []
    for entry in counts:
        values = {
            "region": writer.text(entry.area_office, "name"),
            "city": writer.text(entry.area_office.office, "city"),
            "count": number(entry.responsible_for),
            "centres": ", ".join(writer.text(o, "name") for o in entry.global_operations_centres),
        }
        if values["centres"]:
            items.append(
                _(
                    "%(region)s – area office: %(city)s – responsible for %(count)s overseas "
                    "offices and the %(centres)s."
                )
                % values
            )
        else:
            items.append(
                _(
                    "%(region)s – area office: %(city)s – responsible for %(count)s overseas "
                    "offices."
                )
                % values
            )
        items += _notes(entry, state, writer)
    return items


def _notes(entry: AreaOfficeCounts, state: NetworkState, writer: Writer) -> list[str]:
    found = []
    for office in [*entry.overseas_offices, *entry.global_operations_centres]:
        if office.note_en or office.note_fr:
            found.append(writer.text(office, "note"))
    for office in entry.other_offices:
        staff = state.staff_of(office)
        if office.note_en or office.note_fr:
            found.append(writer.text(office, "note"))
        found.append(
            _(
                "%(office)s on %(date)s: %(canada_based)s Canada-based staff, "
                "%(locally_engaged)s locally engaged staff."
            )
            % {
                "office": writer.text(office, "name"),
                "date": longdate(staff.as_of or state.as_of),
                "canada_based": number(staff.canada_based),
                "locally_engaged": number(staff.locally_engaged),
            }
        )
    return found


def staffing_sentence(as_of: date, user: User, writer: Writer) -> str:
    """ "GN Staff on Strength as of February 1, 2024.": the report the staffing records of the
    annex's date come from, and that date."""
    snapshot = staffing_report(as_of=as_of, user=user)
    if snapshot is None:
        return _("Staff on strength as of %(date)s.") % {"date": longdate(as_of)}
    return _("%(report)s as of %(date)s.") % {
        "report": writer.text(snapshot, "report", label=f"Staffing snapshot {snapshot.pk}"),
        "date": longdate(as_of),
    }


def annex(*, user: User, language: str) -> list[Section]:
    """The network annex: the map, the area offices with the annex's notes on their offices,
    the staffing date, and the network's totals derived from the records beside the binder's."""
    found = facts(user, "network")
    writer = Writer(language)
    as_of = annex_date(found)
    derived = Footnote(
        source=_(
            "Passerelle, overseas network records (offices, staffing snapshots, biometric "
            "collection points), totals derived by the network module"
        ),
        as_of=longdate(as_of),
    )
    state = network_state(as_of=as_of, user=user)
    counts = area_office_counts(as_of=as_of, user=user, state=state)
    section = Section(
        key="annex",
        title=_("Annex – Map of IRCC Missions and Biometric Points of Service"),
        paragraphs=[staffing_sentence(as_of, user, writer)],
        items=area_office_items(counts, state, writer),
        missing_french=writer.missing,
    )
    if state.offices:
        image, features = network_map(user, as_of=as_of, language=language)
        section.images.append(image)
        section.illustrative = bool(features.get("illustrative"))
        section.classification = features.get("classification", 0)
    if counts:
        section.tables.append(_area_table(counts, writer, derived))
    shown = [e.area_office for e in counts] + state.offices
    return [mark(section, shown), totals(found, user, writer, as_of, derived)]


def totals(found: list[Fact], user: User, writer: Writer, as_of: date, note: Footnote) -> Section:
    """The IRCC international network's totals: the binder's sentences and figures, and the
    totals derived from the records beside them."""
    summary = network_summary(as_of=as_of, user=user)
    keyed = by_key(found)
    section = Section(
        key="annex-network",
        title=_("IRCC International Network"),
        level=3,
        missing_french=writer.missing,
    )
    rows = []
    for attribute, key in TOTALS:
        fact = keyed.get(key)
        label = writer.text(fact, "title") if fact else key
        printed = number(fact.value) if fact and fact.value is not None else "—"
        rows.append([label, number(getattr(summary, attribute)), printed])
        if fact is not None:
            section.items.append(bullet(fact, writer))
            section.figures.append(figure(fact, writer))
    section.tables.append(
        Table(
            caption=_(
                "IRCC international network: totals derived from the records and as "
                "printed in the binder"
            ),
            columns=[_("Measure"), _("Derived"), _("Binder")],
            rows=rows,
            footnote=note,
        )
    )
    return mark(section, [keyed[key] for _attribute, key in TOTALS if key in keyed])
