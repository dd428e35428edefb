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

from passerelle.core.marking import page_marking
from passerelle.geo.models import Country
from passerelle.programs import services
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


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    envelopes = list(FundingEnvelope.objects.all())
    found = services.positions(envelopes=envelopes)
    year = services.current_fiscal_year()
    current = found.year_total(year)
    achieved = services.achievements("envelope")
    projects = Project.objects.all()
    # Counted over the link table, restricted to the projects and countries the reader sees.
    links = Project.countries.through.objects.filter(
        project__in=projects.values("pk"), country__in=Country.objects.values("pk")
    )
    counted = list(
        links.values("country").annotate(n=Count("project")).order_by("-n", "country")[:15]
    )
    names = Country.objects.in_bulk([row["country"] for row in counted])
    by_country = [(names[row["country"]], row["n"]) for row in counted if row["country"] in names]
    context = {
        "envelopes": envelopes,
        "positions": found,
        "rows": found.rows(),
        "chart": bar_chart(found),
        "year": year,
        "current": current,
        "achieved": [(e, achieved.get(e.pk)) for e in envelopes],
        "by_country": by_country,
        "initiatives": list(Initiative.objects.all()),
        "project_count": projects.count(),
        **page_marking(projects, *envelopes),
    }
    context["illustrative"] = context["illustrative"] or found.illustrative
    return render(request, "programs/dashboard.html", context)


def country_panel(request: HttpRequest, country: Country) -> tuple[str, dict[str, Any]] | None:
    """The country page's capacity-building section: the projects covering it (its initiatives
    are in the list of what it shares with Canada, partners/shared.py)."""
    projects = list(
        Project.objects.filter(countries=country)
        .select_related("recipient", "envelope")
        .order_by("-start_date")
    )
    if not projects:
        return None
    return "programs/country_panel.html", {
        "projects": projects,
        "country": country,
        "shown": projects,
    }
