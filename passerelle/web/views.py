"""Shell pages: sign-in, the system-use notice, the home dashboard (its panels filled by the
apps: core/panels.py), the binder's reference facts, sources and the change log. Every read is
the request's reader's (core/reader.py), who also counts what a page shows for its marking."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required, permission_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.changes import change_lines
from passerelle.core.forms import error_links
from passerelle.core.middleware import NOTICE_SESSION_KEY, safe_next
from passerelle.core.models import ChangeRecord, Citation, Fact, Source, User
from passerelle.core.navigation import links_for
from passerelle.core.oidc import provider_logout_url
from passerelle.core.panels import home_panels
from passerelle.web.facts import outline

HEADLINE_SECTION = "global-context"
CHANGES_PER_PAGE = 50

# The headings of the binder's sections (core.reference.schema.SECTIONS, in the brief's order);
# a section not named here shows its key, humanized.
SECTION_LABELS = {
    "context": _("Context"),
    "global-context": _("Global context"),
    "trends": _("Key trends and cross-cutting issues"),
    "engagement-channels": _("Channels of engagement"),
    "participation": _("Who takes part"),
    "bilateral-engagement": _("Bilateral and regional engagement"),
    "irritants": _("Irritants"),
    "crisis-measures": _("Measures in response to international crises"),
    "multilateral": _("Multilateral engagement"),
    "capacity-building": _("International capacity building"),
    "diplomacy": _("Migration and protection diplomacy"),
    "takeaways": _("Key takeaways"),
    "network": _("IRCC’s international network"),
}


class SignInView(auth_views.LoginView):
    """Local accounts' form and, where it is configured, the department's identity provider
    (docs/sign-in.md); PASSERELLE_LOCAL_SIGN_IN=false leaves the provider alone."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_SIGN_IN:
            return HttpResponseNotAllowed(["GET"])
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.errors:
            context["error_links"] = error_links(form, non_field_anchor="id_username")
        context["local_sign_in"] = settings.LOCAL_SIGN_IN
        context["provider_failed"] = self.request.GET.get("provider") == "failed"
        if settings.OIDC_ENABLED:
            next_url = safe_next(self.request, "")
            query = f"?{urlencode({'next': next_url})}" if next_url else ""
            context["provider_url"] = reverse("oidc_authentication_init") + query
        return context


class SignOutView(auth_views.LogoutView):
    """Signs out of Passerelle and, for a person who signed in through the identity provider,
    goes on to the provider's end-session page so that its session ends too."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        provider_url = provider_logout_url(request)  # before the session is flushed
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_url) if provider_url else response


@login_required
def notice(request: HttpRequest) -> HttpResponse:
    """The system-use notice; acknowledging it opens the rest of the product for this session."""
    if request.method == "POST":
        request.session[NOTICE_SESSION_KEY] = True
        user = request.user
        assert isinstance(user, User)  # login_required
        user.notice_acknowledged_at = timezone.now()
        user.save(update_fields=["notice_acknowledged_at"])
        return redirect(safe_next(request, reverse("web:home")))
    return render(request, "web/notice.html", {"next": safe_next(request, reverse("web:home"))})


def _visible_citations() -> QuerySet[Citation]:
    """Citations the reader may see, of sources the reader may see."""
    return Citation.objects.filter(source__in=Source.objects.all()).select_related("source")


def _facts() -> QuerySet[Fact]:
    return Fact.objects.prefetch_related(Prefetch("citations", queryset=_visible_citations()))


def _cited_sources(facts: list[Fact]) -> list[Source]:
    """The sources cited by the facts, each once, in order of first citation."""
    sources: dict[int, Source] = {}
    for fact in facts:
        for citation in fact.citations.all():
            sources.setdefault(citation.source_id, citation.source)
    return list(sources.values())


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: the binder's headline figures, each with its sources, and the modules."""
    facts = list(_facts().filter(section=HEADLINE_SECTION, value__isnull=False))
    sources = _cited_sources(facts)
    footnotes = {source.pk: number for number, source in enumerate(sources, start=1)}
    figures = [
        {
            "fact": fact,
            "footnotes": sorted({footnotes[c.source_id] for c in fact.citations.all()}),
        }
        for fact in facts
    ]
    context = {
        "figures": figures,
        "sources": sources,
        "panels": home_panels.render(request),
        "modules": [link for link in links_for(request) if link.key != "home"],
    }
    return render(request, "web/home.html", context)


def section_label(section: str) -> str:
    return str(SECTION_LABELS.get(section) or section.replace("-", " ").capitalize())


@login_required
def fact_list(request: HttpRequest) -> HttpResponse:
    """Every reference fact of the binder the user may see, by the binder's chapters and
    sections (with a table of contents), with its citations; each fact has an anchor, which
    search links to."""
    context = {"chapters": outline(_facts(), section_label)}
    return render(request, "web/facts/list.html", context)


CHANGE_FILTERS = ("actor", "action", "model", "user")


def _filter_changes(
    records: QuerySet[ChangeRecord], params: dict[str, str]
) -> QuerySet[ChangeRecord]:
    if params["actor"]:
        records = records.filter(actor=params["actor"])
    if params["action"]:
        records = records.filter(action=params["action"])
    if params["user"]:
        records = records.filter(user_name=params["user"])
    if params["model"] and "." in params["model"]:
        app_label, model = params["model"].split(".", 1)
        records = records.filter(content_type__app_label=app_label, content_type__model=model)
    return records


def _change_choices(records: QuerySet[ChangeRecord]) -> dict[str, list[tuple[str, str]]]:
    """The values each filter can take, from the records the user may see."""
    content_types = ContentType.objects.filter(pk__in=records.values("content_type"))
    models = []
    for content_type in content_types:
        model = content_type.model_class()
        label = str(model._meta.verbose_name).capitalize() if model else content_type.model
        models.append((f"{content_type.app_label}.{content_type.model}", label))
    return {
        "actor": _distinct(records, "actor"),
        "action": [(value, str(label)) for value, label in ChangeRecord.Action.choices],
        "user": _distinct(records.exclude(user_name=""), "user_name"),
        "model": sorted(models, key=lambda choice: choice[1]),
    }


def _distinct(records: QuerySet[ChangeRecord], field: str) -> list[tuple[str, str]]:
    values = records.order_by(field).values_list(field, flat=True).distinct()
    return [(value, value) for value in values]


@login_required
@permission_required("core.view_changerecord", raise_exception=True)
def change_list(request: HttpRequest) -> HttpResponse:
    """The change log, newest first, filtered by write path, action, model and user; each
    record named through the reader, each update with the labels of its changed fields
    (core/changes.py). Written by hand: a change record is not a domain record, and its filters
    are the log's own columns (the generic list's filter sets read a model's fields)."""
    visible = ChangeRecord.objects.all()
    params = {name: request.GET.get(name, "").strip() for name in CHANGE_FILTERS}
    records = _filter_changes(visible, params).select_related("content_type")
    page = Paginator(records, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "lines": change_lines(page.object_list),
        "params": params,
        "choices": _change_choices(visible),
        "query": query.urlencode(),
    }
    return render(request, "web/changes/list.html", context)


@login_required
@permission_required("core.view_changerecord", raise_exception=True)
def change_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One change: who, when, through which path, the record by its name (through the reader)
    and each changed field by its label, before and after, as the reader reads them."""
    record = get_object_or_404(ChangeRecord.objects.select_related("content_type"), pk=pk)
    context = {"record": record, "line": change_lines([record])[0]}
    return render(request, "web/changes/detail.html", context)
