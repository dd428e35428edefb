"""The crisis-response panel of a country's page: the measures concerning it, each with its
status, commitment and latest published progress."""

from __future__ import annotations

from django.http import HttpRequest

from passerelle.core.panels import PanelResult
from passerelle.geo.models import Country
from passerelle.pathways import services
from passerelle.pathways.models import Pathway


def country_panel(request: HttpRequest, country: Country) -> PanelResult:
    if not request.user.has_perm("pathways.view_pathway"):
        return None
    pathways = list(
        Pathway.objects.filter(countries=country).prefetch_related(
            "events", "commitments", "progress"
        )
    )
    if not pathways:
        return None
    summaries = [services.summary(pathway) for pathway in pathways]
    return "pathways/country_panel.html", {"pathway_summaries": summaries, "shown": pathways}
