"""The program's dashboard, and the country page's capacity-building panel.

Written by hand, not declared on the generic views: it shows no one record or list but the
program's position (allocated, committed, disbursed by envelope and fiscal year) as a chart with
its table, what is left to disburse before March 31, results against targets by envelope, and
projects by country. Every figure is computed from what the reader may see (core/reader.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from passerelle.core.marking import page_marking
from passerelle.core.reader import current_reader
from passerelle.geo.models import Country
from passerelle.network.services import country_map_png
from passerelle.partners.models import Organization
from passerelle.programs import services
from passerelle.programs.figures import cached
from passerelle.programs.models import FundingEnvelope, Initiative, Project

CHART_WIDTH, CHART_HEIGHT, BAR = 640, 240, 14
SERIES = ("allocated", "committed", "disbursed")
FILL = {"allocated": "#26374a", "committed": "#2b8cc4", "disbursed": "#b3d0e8"}


def bar_chart(positions: services.Positions) -> dict[str, Any]:
    """A grouped bar chart of the program's total by fiscal year, as SVG shapes the template
    draws (no script, no library: the table beside it carries the same figures)."""
    totals = [(year, positions.year_total(year)) for year in positions.years]
    top = max(
        [getattr(t, s) for _y, t in totals for s in SERIES] + [Decimal(1)],
    )
    groups = []
    step = (CHART_WIDTH - 60) / max(len(totals), 1)
    for index, (year, total) in enumerate(totals):
        x = 50 + index * step
        bars = []
        for position, series in enumerate(SERIES):
            value = getattr(total, series)
            height = float(max(value, Decimal(0)) / top) * (CHART_HEIGHT - 40)
            bars.append(
                {
                    "series": series,
                    "fill": FILL[series],
                    "x": round(x + position * (BAR + 2), 1),
                    "y": round(CHART_HEIGHT - 20 - height, 1),
                    "height": round(height, 1),
                }
            )
        groups.append({"year": year, "x": round(x, 1), "bars": bars})
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "bar": BAR,
        "groups": groups,
        "fill": FILL,
    }


def figures(year: str) -> dict[str, Any]:
    """Everything the dashboard adds up, as plain data (ids and amounts) for the cache
    (programs/figures.py): one grouped query per table, read as the current reader."""
    found = services.positions()
    projects = Project.objects.all()
    # Counted over the link table, restricted to the projects and countries the reader sees.
    links = Project.countries.through.objects.filter(
        project__in=projects.values("pk"), country__in=Country.objects.values("pk")
    )
    counted = links.values("country").annotate(n=Count("project")).order_by("-n", "country")
    return {
        "years": found.years,
        "cells": found.cells,
        "illustrative": found.illustrative,
        "achieved": services.achievements("envelope"),
        "by_country": [(row["country"], row["n"]) for row in counted],
        "recipients": services.totals("recipient", year),
        "countries": services.totals("country", year),
        "project_count": projects.count(),
    }


def ranked(
    totals: dict[int, services.Position], records: dict[Any, Any], limit: int = 15
) -> list[tuple[Any, services.Position]]:
    """The records the reader sees with their totals, the largest commitment first."""
    rows = [(records[pk], total) for pk, total in totals.items() if pk in records]
    rows.sort(key=lambda row: (-row[1].committed, -row[1].disbursed, str(row[0])))
    return rows[:limit]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The program's position this fiscal year as the reader may see it (the module says why it
    is written by hand); kept until the next write."""
    year = services.current_fiscal_year()
    found = cached("dashboard", lambda: figures(year))
    envelopes = list(FundingEnvelope.objects.all())
    positions = services.Positions(envelopes, found["years"], found["cells"], found["illustrative"])
    current = positions.year_total(year)
    country_ids = {pk for pk, _n in found["by_country"]} | set(found["countries"])
    countries = Country.objects.in_bulk(country_ids)
    by_country = [(countries[pk], n) for pk, n in found["by_country"] if pk in countries]
    recipients = Organization.objects.in_bulk(list(found["recipients"]))
    context = {
        "envelopes": envelopes,
        "positions": positions,
        "rows": positions.rows(),
        "chart": bar_chart(positions),
        "year": year,
        "current": current,
        "achieved": [(e, found["achieved"].get(e.pk)) for e in envelopes],
        "by_country": by_country[:15],
        "country_count": len(by_country),
        "map_countries": by_country,
        "recipient_totals": ranked(found["recipients"], recipients),
        "recipient_count": len(recipients),
        "country_totals": ranked(found["countries"], countries),
        "initiatives": list(Initiative.objects.all()),
        "project_count": found["project_count"],
        **page_marking(*envelopes),
    }
    context["illustrative"] = context["illustrative"] or positions.illustrative
    return render(request, "programs/dashboard.html", context)


@login_required
def projects_map(request: HttpRequest) -> HttpResponse:
    """The dashboard's map of projects by country, as PNG, drawn offline by the network's map
    service and kept on disk by its inputs; marked with what its figures come from. The
    dashboard's table beside it gives the same figures."""
    year = services.current_fiscal_year()
    found = cached("dashboard", lambda: figures(year))
    countries = Country.objects.in_bulk([pk for pk, _n in found["by_country"]])
    counts = {countries[pk].iso_numeric: n for pk, n in found["by_country"] if pk in countries}
    marking = current_reader().marking
    language = get_language() or "en"
    png = country_map_png(
        counts,
        title=str(_("Projects by country")),
        unit=str(_("projects")),
        language=language,
        classification=marking.level,
        illustrative=marking.illustrative,
    )
    response = HttpResponse(png, content_type="image/png")
    response["Cache-Control"] = "private, max-age=60"
    return response


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's capacity-building section: the projects covering it (its initiatives
    are in the list of what it shares with Canada, partners/shared.py)."""
    projects = services.projects_covering(country)
    if not projects:
        return None
    return "programs/country_panel.html", {
        "projects": projects,
        "country": country,
        "shown": projects,
    }
