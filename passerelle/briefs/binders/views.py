"""The binders' pages. A binder's list, page, cover form, deletion and history, and a part's
form, are declared over core's generic views. Written by hand, each saying why: moving and
removing a part (POST actions: they change the order and show nothing), the preview and the
download (the binder as a document, not a record's page, like a brief's page), regenerating the
transition binder (an action), and a person's biography note (a document built from records)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from passerelle.briefs.binders import services, transition
from passerelle.briefs.binders.assemble import assemble
from passerelle.briefs.binders.generate import DOWNLOADS, FORMATS, generate
from passerelle.briefs.binders.parts import part_kind, part_kinds
from passerelle.briefs.biography import build_biography
from passerelle.briefs.forms import BinderForm, BinderPartForm
from passerelle.briefs.models import Binder, BinderPart
from passerelle.briefs.render.html import render_html
from passerelle.briefs.services import FORMATS as BRIEF_FORMATS
from passerelle.briefs.services import as_file
from passerelle.briefs.tables import BinderTable
from passerelle.core import editing, jobs
from passerelle.core.editing import Submission
from passerelle.core.models import in_active_language
from passerelle.core.views.generic import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    require,
)


def _language(request: HttpRequest) -> str:
    language = request.GET.get("lang") or get_language() or "en"
    if language not in ("en", "fr"):
        raise Http404("lang is en or fr")
    return language


class BinderListView(ObjectListView):
    """The binders the user may see; `?format=csv` downloads the list."""

    queryset = Binder.objects.all()
    table = BinderTable
    filename = "binders"
    template_name = "briefs/binders/list.html"

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {"can_regenerate": request.user.has_perm("briefs.add_binderpart")}


class BinderDetailView(ObjectDetailView):
    """A binder: its cover, its parts in order (move up, move down, edit, remove), adding a part,
    the preview and the downloads in each language."""

    queryset = Binder.objects.all()
    template_name = "briefs/binders/detail.html"
    context_object_name = "binder"

    def extra_context(self, request: HttpRequest, binder: Any) -> dict[str, Any]:
        parts = list(binder.parts.select_related("edition_en", "edition_fr"))
        kinds = {kind.key: kind for kind in part_kinds()}
        names: dict[str, dict[str, str]] = {}  # the subjects' names, as the reader may see them
        for key in {part.kind for part in parts}:
            kind = kinds.get(key)
            names[key] = dict(kind.subjects(request.user)) if kind and kind.subjects else {}

        def shown(part: BinderPart) -> tuple[BinderPart, str, str]:
            kind = kinds.get(part.kind)
            label = str(kind.label) if kind else part.kind
            own = in_active_language(part.title_en, part.title_fr) if part.title_en else ""
            return part, own or names[part.kind].get(part.subject, "") or label, label

        return {
            "parts": [shown(part) for part in parts],
            "kinds": part_kinds(),
            "downloads": DOWNLOADS,
            "binder_languages": [("en", _("English")), ("fr", _("French"))],
            "can_edit_parts": request.user.has_perm("briefs.change_binderpart"),
            "can_add_part": request.user.has_perm("briefs.add_binderpart"),
        }


class BinderEditView(ObjectEditView):
    """A binder's cover: title and occasion in each language, date, classification."""

    queryset = Binder.objects.all()
    form = BinderForm

    def get_record(self, request: HttpRequest, **kwargs: Any) -> Any:
        record = super().get_record(request, **kwargs)
        if record.pk is None:
            record.author = request.user
        return record


class BinderPartEditView(ObjectEditView):
    """Add a part to a binder (`binders/<binder>/parts/add/?kind=…`: without a kind, the kinds
    to choose from) or edit one (`binders/parts/<pk>/edit/`); its form depends on its kind."""

    queryset = BinderPart.objects.select_related("binder")
    template_name = "briefs/binders/part_form.html"

    def get_record(self, request: HttpRequest, **kwargs: Any) -> Any:
        if "binder" not in kwargs:
            return super().get_record(request, **kwargs)
        require(request, BinderPart, "add")
        binder = get_object_or_404(Binder.objects.all(), pk=kwargs["binder"])
        kind = request.GET.get("kind", "")
        return BinderPart(binder=binder, kind=kind, order=services.next_order(binder))

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.get_record(request, **kwargs)
        if record.pk is None and record.kind not in {k.key for k in part_kinds()}:
            context = {"binder": record.binder, "kinds": part_kinds()}
            return render(request, "briefs/binders/part_kinds.html", context)
        return super().get(request, **kwargs)

    def submit(
        self, request: HttpRequest, data: Any, record: Any, initial: dict[str, Any]
    ) -> Submission:
        try:
            kind = part_kind(record.kind)
        except ValueError:
            raise Http404("no such kind of part") from None
        form = partial(BinderPartForm, kind=kind)
        submission = editing.submit(form, data, record, user=request.user, initial=initial)
        submission.context["binder"] = record.binder
        submission.context["kind"] = kind
        return submission

    def success_url(self, record: Any) -> str:
        return reverse("briefs:binder_detail", kwargs={"pk": record.binder_id}) + "#parts"


def _part(request: HttpRequest, pk: int) -> BinderPart:
    require(request, BinderPart, "change")
    return get_object_or_404(BinderPart.objects.select_related("binder"), pk=pk)


@login_required
@require_POST
def move_part(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    """Move a part one place up or down."""
    part = _part(request, pk)
    with transaction.atomic():
        services.move(part, -1 if direction == "up" else 1)
    messages.success(request, _("Moved."))
    return redirect(reverse("briefs:binder_detail", kwargs={"pk": part.binder_id}) + "#parts")


@login_required
@require_POST
def remove_part(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a part out of its binder."""
    require(request, BinderPart, "delete")
    part = get_object_or_404(BinderPart.objects.select_related("binder"), pk=pk)
    binder_id = part.binder_id
    with transaction.atomic():
        services.remove(part)
    messages.success(request, _("Removed from the binder."))
    return redirect(reverse("briefs:binder_detail", kwargs={"pk": binder_id}) + "#parts")


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The binder as it will print, in `?lang=`, as the user may see it: its contents and each
    part as a page shows a brief."""
    binder = get_object_or_404(Binder.objects.all(), pk=pk)
    assembled = assemble(binder, user=request.user, language=_language(request))  # type: ignore[arg-type]
    parts = [(part, render_html(part.brief, standalone=False)) for part in assembled.parts]
    front = assembled.front
    context = {
        "binder": binder,
        "assembled": assembled,
        # the request's purpose and sign-off, under the preview's own heading
        "front": render_html(front, standalone=False, in_binder=True) if front else None,
        "parts": parts,
        "downloads": DOWNLOADS,
    }
    return render(request, "briefs/binders/preview.html", context)


@login_required
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The binder as one file: `?format=pdf|docx`, `?lang=en|fr`."""
    binder = get_object_or_404(Binder.objects.all(), pk=pk)
    fmt = request.GET.get("format", "pdf")
    if fmt not in FORMATS:
        raise Http404("format is pdf or docx")
    made = generate(binder, _language(request), fmt, request.user)  # type: ignore[arg-type]
    response = HttpResponse(made.content, content_type=made.content_type)
    response["Content-Disposition"] = f'attachment; filename="{made.name}"'
    return response


@login_required
@require_POST
def prepare(request: HttpRequest, pk: int) -> HttpResponse:
    """The binder as one file made by a background job (a 60-page binder takes seconds): the
    job's page shows its progress, then the file. `download` still answers at once."""
    binder = get_object_or_404(Binder.objects.all(), pk=pk)
    fmt = request.POST.get("format", "")
    language = request.POST.get("lang", "")
    if fmt not in FORMATS or language not in ("en", "fr"):
        raise Http404("format is pdf or docx, lang is en or fr")
    job = jobs.start(
        "briefs.binder",
        user=request.user,
        params={"binder": binder.pk, "language": language, "format": fmt},
        title=f"{binder} ({fmt.upper()}, {language.upper()})",
    )
    return redirect(job)


@login_required
@permission_required("briefs.add_binderpart", raise_exception=True)
@require_POST
def regenerate_transition(request: HttpRequest) -> HttpResponse:
    """Bring the transition binder's standing parts up to date, then show it."""
    with transaction.atomic():
        binder = transition.regenerate(user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The transition binder was regenerated."))
    return redirect("briefs:binder_detail", pk=binder.pk)


@login_required
def biography(request: HttpRequest, slug: str) -> HttpResponse:
    """A person's one-page biography note as a page, or a file with `?format=pdf|docx|md|html`."""
    built = build_biography(slug, user=request.user, language=_language(request))  # type: ignore[arg-type]
    fmt = request.GET.get("format")
    if fmt in BRIEF_FORMATS:
        return as_file(built, fmt)
    context = {
        "brief": built,
        "document": render_html(built, standalone=False),
        "formats": [("pdf", "PDF"), ("docx", "Word (DOCX)"), ("md", "Markdown"), ("html", "HTML")],
        "slug": slug,
    }
    return render(request, "briefs/binders/biography.html", context)
