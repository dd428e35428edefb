"""The signals list and a signal's page with its "attach to an irritant" action, declared over
the generic views: the list's filters are the API's (operations/filters.py), its table gives the
page and the CSV (operations/tables.py); the signal's page adds the one action that writes
evidence on an irritant."""

from __future__ import annotations

from typing import Any

from babel.numbers import format_decimal
from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from django_tables2 import RequestConfig

from passerelle.core.views.generic import ObjectDetailView, ObjectListView
from passerelle.engagements.models import Evidence, Irritant
from passerelle.geo.french import french_name, french_names
from passerelle.operations.filters import IMPROVEMENTS, RAISING, IrritantSignalFilterSet
from passerelle.operations.models import IrritantSignal
from passerelle.operations.tables import SignalTable
from passerelle.operations.views.explorer import country_names


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


class SignalListView(ObjectListView):
    """The signals worth raising, with the significant improvements apart below them; or, as
    the reader filters, the improvements only or every test."""

    queryset = IrritantSignal.objects.all()
    table = SignalTable
    filterset = IrritantSignalFilterSet
    filter_fields = ("shown", "citizenship", "metric", "comparison")
    view_permission = True
    template_name = "operations/signal_list.html"
    filename = "irritant-signals"

    def filter_data(self, request: HttpRequest) -> Any:
        data = request.GET.copy()
        data.setdefault("shown", RAISING)
        return data

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        data = self.filter_data(request)
        if data.get("shown") != RAISING:
            return {}
        data["shown"] = IMPROVEMENTS

        def improvements() -> Any:
            # Built when the template first asks, as the list is: a page kept until the next
            # write ({% kept %}) runs none of it.
            found = self.filterset(data, queryset=self.get_queryset(request), request=request)
            rows = found.qs if found.is_valid() else IrritantSignal.objects.none()
            table = SignalTable(rows, orderable=False)
            table.caption = _("Significant improvements")
            RequestConfig(request, paginate=False).configure(table)
            return table if len(table.rows) else None

        return {"raising": True, "improvements": SimpleLazyObject(improvements)}


class SignalDetailView(ObjectDetailView):
    """A signal, the evidence already made of it, and the form that attaches it to an irritant
    (`post`: the evidence written in one transaction, in both languages)."""

    queryset = IrritantSignal.objects.all()
    view_permission = True
    template_name = "operations/signal_detail.html"
    attach_form: AttachForm | None = None  # a refused attachment's form, with its errors

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        form = self.attach_form or AttachForm(irritants=_choices(record))
        evidence = Evidence.objects.filter(
            content_type=ContentType.objects.get_for_model(IrritantSignal),
            object_id=str(record.pk),
        )
        return {
            "signal": record,
            "name": country_names().get(record.citizenship, record.citizenship),
            "form": form,
            "irritants": form.fields["irritant"].queryset,  # type: ignore[attr-defined]
            "can_attach": request.user.has_perm("engagements.add_evidence"),
            "evidence": evidence.select_related("irritant"),
            "description": describe(record, language=request.LANGUAGE_CODE),
        }

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("engagements.add_evidence"):
            raise PermissionDenied
        signal = self.get_object(request, **kwargs)
        form = AttachForm(request.POST, irritants=_choices(signal))
        if not form.is_valid():
            self.attach_form = form
            return self.get(request, **kwargs)
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
        messages.success(request, gettext("The signal is attached to the irritant as evidence."))
        return HttpResponseRedirect(reverse("engagements:irritant_detail", args=[irritant.pk]))


def _choices(signal: IrritantSignal) -> Any:
    """The irritants a signal may be attached to: its citizenship's, else every one."""
    irritants = Irritant.objects.select_related("country")
    same_country = irritants.filter(country__iso_alpha3=signal.citizenship)
    return same_country if same_country.exists() else irritants
