"""The signals list and a signal's page with its "attach to an irritant" action.

Written by hand, not declared: signals are computed (Benjamini–Hochberg over the application
records), listed by significance with the names of their countries of citizenship, and a signal's
page carries an action that writes evidence on another app's irritant."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from passerelle.engagements.models import Evidence, Irritant
from passerelle.geo.french import french_name, french_names
from passerelle.operations.models import IrritantSignal
from passerelle.operations.views.explorer import VIEW, country_names


@permission_required(VIEW)
def signal_list(request: HttpRequest) -> HttpResponse:
    """The signals worth raising (significant after Benjamini–Hochberg control, and worse than
    their baseline), the significant improvements apart, or every test. Hand-written: three
    views of the statistics' output, each signal told as a sentence per language (`describe`);
    a declared list needs a FilterSet and page tests for IrritantSignal, not written yet."""
    signals = IrritantSignal.objects.all()
    show_all = request.GET.get("all") == "1"
    citizenship = (request.GET.get("citizenship") or "").upper()[:3]
    if citizenship:
        signals = signals.filter(citizenship=citizenship)
    shown = signals if show_all else signals.worth_raising()
    improvements = [] if show_all else list(signals.improvements()[:300])
    names = country_names()
    listed = list(shown[:300])
    for signal in [*listed, *improvements]:
        signal.name = names.get(signal.citizenship, signal.citizenship)  # type: ignore[attr-defined]
    context = {
        "signals": listed,
        "total": shown.count(),
        "improvements": improvements,
        "show_all": show_all,
        "citizenship": citizenship,
    }
    return render(request, "operations/signal_list.html", context)


def _country(code: str, names: dict[str, str], language: str) -> str:
    """The country as the sentence names it: in French with its article ("pour le Mexique",
    "pour les États-Unis"), from geo's table of French names."""
    if language.startswith("fr") and code in french_names():
        return french_name(code).subject
    return names.get(code, code)


def describe(signal: IrritantSignal, *, language: str) -> str:
    """The evidence text: what the signal shows, in one language."""

    def decimal(value: float) -> str:
        return format_decimal(value, format="0.0", locale=language)

    with override(language):
        names = country_names()
        return gettext(
            "%(metric)s for %(country)s, %(start)s to %(end)s: %(value)s %% (95 %% interval "
            "%(low)s–%(high)s %%, %(n)s decisions) against %(baseline)s %% (%(comparison)s); "
            "q-value %(q)s. A statistical signal from the department's records, not evidence "
            "of bias."
        ) % {
            "metric": signal.get_metric_display(),
            "country": _country(signal.citizenship, names, language),
            "start": f"{signal.period_start:%Y-%m}",
            "end": f"{signal.period_end:%Y-%m}",
            "value": decimal(100 * signal.value),
            "low": decimal(100 * signal.ci_low),
            "high": decimal(100 * signal.ci_high),
            "n": format_decimal(signal.count, locale=language),
            "baseline": decimal(100 * signal.baseline),
            "comparison": str(signal.get_comparison_display()).lower(),
            "q": format_decimal(signal.q_value, format="0.####", locale=language),
        }


class AttachForm(forms.Form):
    irritant = forms.ModelChoiceField(queryset=Irritant.objects.none(), label=_("Irritant"))

    def __init__(self, *args: Any, irritants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["irritant"].queryset = irritants  # type: ignore[attr-defined]


@permission_required(VIEW)
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A signal, the evidence already made of it, and the form that attaches it to an irritant.
    Hand-written: an action page (attaching evidence to an irritant in one transaction)."""
    signal = get_object_or_404(IrritantSignal.objects.all(), pk=pk)
    irritants = Irritant.objects.select_related("country")
    same_country = irritants.filter(country__iso_alpha3=signal.citizenship)
    choices = same_country if same_country.exists() else irritants
    can_attach = request.user.has_perm("engagements.add_evidence")
    form = AttachForm(request.POST or None, irritants=choices)
    if request.method == "POST":
        if not can_attach:
            raise PermissionDenied
        if form.is_valid():
            irritant = form.cleaned_data["irritant"]
            with transaction.atomic():
                Evidence.objects.create(
                    irritant=irritant,
                    content_type=ContentType.objects.get_for_model(IrritantSignal),
                    object_id=str(signal.pk),
                    description_en=describe(signal, language="en"),
                    description_fr=describe(signal, language="fr"),
                    classification=max(signal.classification, irritant.classification),
                    illustrative=signal.illustrative,
                )
            done = gettext("The signal is attached to the irritant as evidence.")
            messages.success(request, done)
            return HttpResponseRedirect(reverse("engagements:irritant_detail", args=[irritant.pk]))
    evidence = Evidence.objects.filter(
        content_type=ContentType.objects.get_for_model(IrritantSignal), object_id=str(signal.pk)
    )
    context = {
        "signal": signal,
        "name": country_names().get(signal.citizenship, signal.citizenship),
        "form": form,
        "irritants": choices,
        "can_attach": can_attach,
        "evidence": evidence.select_related("irritant"),
        "description": describe(signal, language=request.LANGUAGE_CODE),
    }
    return render(request, "operations/signal_detail.html", context)
