"""Shell pages: sign-in, the system-use notice, the home dashboard (its panels filled by the
apps: core/panels.py) and the binder's reference facts. Every read is the request's reader's
(core/reader.py), who also counts what a page shows for its marking. The sources' pages and the
change log's are declared in core (core/views/sources.py, core/views/changes.py)."""

from __future__ import annotations

from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import error_links
from passerelle.core.middleware import NOTICE_SESSION_KEY, safe_next
from passerelle.core.models import Citation, Fact, Source, User
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
    """The dashboard: the binder's headline figures, each with its sources, and the modules.
    Hand-written: a dashboard of panels the apps fill (core/panels.py), not a list of records."""
    headline = _Headline()
    context = {
        # read when the template first asks (it keeps them until the next write: {% kept %})
        "figures": SimpleLazyObject(lambda: headline.figures),
        "sources": SimpleLazyObject(lambda: headline.sources),
        "keep_until_write": True,  # facts, citations and sources are change-logged
        "panels": home_panels.render(request),
        "modules": [link for link in links_for(request) if link.key != "home"],
    }
    return render(request, "web/home.html", context)


class _Headline:
    """The binder's headline figures, each with the numbers of its sources' footnotes."""

    @cached_property
    def facts(self) -> list[Fact]:
        return list(_facts().filter(section=HEADLINE_SECTION, value__isnull=False))

    @cached_property
    def sources(self) -> list[Source]:
        return _cited_sources(self.facts)

    @cached_property
    def figures(self) -> list[dict[str, Any]]:
        footnotes = {source.pk: number for number, source in enumerate(self.sources, start=1)}
        return [
            {
                "fact": fact,
                "footnotes": sorted({footnotes[c.source_id] for c in fact.citations.all()}),
            }
            for fact in self.facts
        ]


def section_label(section: str) -> str:
    return str(SECTION_LABELS.get(section) or section.replace("-", " ").capitalize())


@login_required
def fact_list(request: HttpRequest) -> HttpResponse:
    """Every reference fact of the binder the user may see, by the binder's chapters and
    sections (with a table of contents), with its citations; each fact has an anchor, which
    search links to. Hand-written: a document in the binder's outline (chapters, sections,
    footnoted citations), not a table; the facts' records are the API's (/api/v1/core/facts/)."""
    context = {"chapters": outline(_facts(), section_label)}
    return render(request, "web/facts/list.html", context)
