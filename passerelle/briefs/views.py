"""The briefs page, a brief's page (with its downloads, talking points, the requests for it and
its approved editions), an approved edition and the differences between two. An edition is
approved only through a request's approval chain (briefing/workflow.py): a brief's page asks for
approval by opening a request for it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.briefs import editions
from passerelle.briefs.briefing.front import requests_for
from passerelle.briefs.filters import BriefEditionFilterSet
from passerelle.briefs.forms import BriefNoteForm
from passerelle.briefs.jobs import BACKGROUND_FORMATS
from passerelle.briefs.models import BriefEdition, BriefKind
from passerelle.briefs.notes import notes_of
from passerelle.briefs.render.html import render_html
from passerelle.briefs.services import FORMATS, as_file, build_brief, subject_of
from passerelle.briefs.tables import BriefEditionTable
from passerelle.core import jobs
from passerelle.core.middleware import safe_next
from passerelle.core.models import User
from passerelle.core.views.generic import ObjectDetailView, ObjectListView
from passerelle.geo.models import Country
from passerelle.partners.models import Forum


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang") or get_language() or "en"
    return language if language in ("en", "fr") else "en"


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The kinds of brief, and the released editions the user may see."""
    latest = BriefEditionTable(
        BriefEdition.objects.select_related("released_by")[:10], orderable=False
    )
    latest.caption = gettext_lazy("Approved editions, most recent first")
    context = {
        "countries": sorted(Country.objects.all(), key=lambda c: c.name),
        "forums": Forum.objects.all(),
        "editions": latest,
    }
    return render(request, "briefs/index.html", context)


@login_required
def brief(request: HttpRequest, kind: str, subject: str = "") -> HttpResponse:
    """A brief as a page, or as a file with ?format=pdf|docx|md|html. The briefs page's
    country picker asks for `?subject=ISO3`: sent on to the subject's own address."""
    picked = request.GET.get("subject", "")
    if kind != BriefKind.FUNDAMENTAL and not subject and picked and "/" not in picked:
        return redirect("briefs:brief", kind=kind, subject=picked)
    user = _user(request)
    language = _language(request)
    built = build_brief(kind=kind, subject=subject, user=user, language=language)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return as_file(built, fmt)
    context = {
        "brief": built,
        "document": render_html(built, standalone=False),
        "formats": [("md", "Markdown"), ("html", "HTML")],
        "background_formats": [("pdf", "PDF"), ("docx", "Word (DOCX)")],
        "notes": notes_of(brief_kind=kind, subject=built.subject, user=user),
        "form": BriefNoteForm(),
        "can_add": user.has_perm("briefs.add_briefnote"),
        "can_request": user.has_perm("briefs.add_briefrequest"),
        "requests": requests_for(kind=kind, subject=built.subject),
        "editions": BriefEdition.objects.filter(brief_kind=kind, subject=built.subject),
        "classification": built.classification,
        "illustrative": built.illustrative,
    }
    return render(request, "briefs/brief.html", context)


@login_required
@require_POST
def document(request: HttpRequest, kind: str, subject: str = "") -> HttpResponse:
    """Render the brief as a PDF or DOCX file in the background: the job's page shows its
    progress, then the file to download. (`?format=pdf` on the brief's address still answers
    at once, for scripts.)"""
    fmt = request.POST.get("format", "")
    if fmt not in BACKGROUND_FORMATS:
        raise Http404
    user = _user(request)
    stored_subject = subject_of(kind, subject, user)  # the subject checked, no brief built
    job = jobs.start(
        "briefs.document",
        user=user,
        params={
            "kind": kind,
            "subject": stored_subject,
            "language": _language(request),
            "format": fmt,
        },
        title=f"{kind} {stored_subject} ({fmt.upper()})".replace("  ", " "),
    )
    return redirect(job)


@login_required
@permission_required("briefs.add_briefnote", raise_exception=True)
@require_POST
def add_note(request: HttpRequest, kind: str, subject: str = "") -> HttpResponse:
    """Add a talking point or a note to a brief (not above the analyst's clearance)."""
    user = _user(request)
    stored_subject = subject_of(kind, subject, user)  # the subject checked, no brief built
    form = BriefNoteForm(request.POST)
    if form.is_valid() and form.cleaned_data["classification"] <= user.clearance:
        note = form.save(commit=False)
        note.brief_kind, note.subject, note.author = kind, stored_subject, user
        note.save()
        messages.success(request, _("Added to the brief."))
    else:
        messages.error(
            request,
            _("Not added: give the English text and a classification within your clearance."),
        )
    return redirect(safe_next(request, reverse("briefs:index")))


class EditionListView(ObjectListView):
    """Every approved edition the reader may see, newest first, by brief, language or a word
    of the title."""

    queryset = BriefEdition.objects.select_related("released_by")
    table = BriefEditionTable
    filterset = BriefEditionFilterSet
    filter_fields = ("q", "brief_kind", "language")
    template_name = "briefs/edition_list.html"
    filename = "approved-editions"


class EditionDetailView(ObjectDetailView):
    """One approved edition, and the differences from another of the same brief (the one
    before it, or `?against=` another)."""

    queryset = BriefEdition.objects.select_related("released_by")
    template_name = "briefs/edition.html"
    context_object_name = "edition"

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        others = BriefEdition.objects.filter(
            brief_kind=record.brief_kind, subject=record.subject, language=record.language
        ).exclude(pk=record.pk)
        asked = request.GET.get("against", "")
        against = (
            others.filter(pk=asked).first()
            if asked.isdigit()
            else others.filter(number__lt=record.number).first()
        )
        return {
            "others": others,
            "against": against,
            "diff": editions.compare(against, record) if against else None,
        }
