"""The program's publication page and its downloads (IATI files, the proactive-disclosure CSV)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path


@login_required
def publications(request: HttpRequest) -> HttpResponse:
    """What the program publishes, and the files to download."""
    return render(request, "programs/publications.html", {})


urlpatterns: list[URLPattern] = [path("publication/", publications, name="publications")]
