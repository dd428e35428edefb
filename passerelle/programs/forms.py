"""The program's record forms (core.forms.PasserelleForm): choices within the writer's reach,
classification capped at their clearance, the version the edit started from, dates written
YYYY-MM-DD, codes chosen from the IATI codelists. A child record's form (an amendment, a
transaction…) names its parent, offered among those the writer may see."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import PasserelleForm
from passerelle.programs import codelists
from passerelle.programs.models import (
    Amendment,
    BudgetLine,
    Disaggregation,
    EnvelopeAllocation,
    FundingEnvelope,
    Indicator,
    IndicatorPeriod,
    Initiative,
    PolicyMarker,
    Project,
    ProjectDocument,
    ProjectSector,
    Result,
    Transaction,
)

DATE_INPUT = ["%Y-%m-%d"]
DATE_ERRORS = {"invalid": _("Enter a date as YYYY-MM-DD, for example 2024-04-01.")}


class ProgramForm(PasserelleForm):
    """Dates as YYYY-MM-DD, and codelist choices where the model keeps a code."""

    codelist_fields: dict[str, tuple[str, bool]] = {}  # field → (codelist, required)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.input_formats = DATE_INPUT
                field.error_messages.update(DATE_ERRORS)
        for name, (codelist, required) in self.codelist_fields.items():
            if name in self.fields:
                choices = codelists.choices(codelist)
                empty = [] if required else [("", "—")]
                self.fields[name] = forms.ChoiceField(
                    label=self.fields[name].label,
                    help_text=self.fields[name].help_text,
                    choices=[*empty, *choices],
                    required=required,
                )


class EnvelopeForm(ProgramForm):
    class Meta:
        model = FundingEnvelope
        fields = ["slug", "name_en", "name_fr", "description_en", "description_fr", "order"]
        fields += ["classification"]


class InitiativeForm(ProgramForm):
    restricted_fields = ("forum", "organizations", "countries")

    class Meta:
        model = Initiative
        fields = ["slug", "name_en", "name_fr", "acronym_en", "acronym_fr"]
        fields += ["description_en", "description_fr", "established", "established_precision"]
        fields += ["forum", "organizations", "countries", "order", "classification"]


class ProjectForm(ProgramForm):
    restricted_fields = ("recipient", "envelope", "initiative", "countries")
    codelist_fields = {"currency": ("Currency", False)}

    class Meta:
        model = Project
        fields = ["title_en", "title_fr", "reference_number", "iati_identifier"]
        fields += ["agreement_number", "recipient", "recipient_type", "recipient_city_en"]
        fields += ["recipient_city_fr", "envelope", "initiative"]
        fields += ["countries", "agreement_type", "value_cad", "currency", "value_foreign"]
        fields += ["start_date", "end_date", "status", "description_en", "description_fr"]
        fields += ["expected_results_en", "expected_results_fr", "published", "classification"]


class ChildForm(ProgramForm):
    """A record of a parent (its first restricted field), the parent given by the address's
    `?<parent>=<pk>` when adding."""

    parent = "project"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.restricted_fields = (self.parent,)
        super().__init__(*args, **kwargs)


class AllocationForm(ChildForm):
    parent = "envelope"

    class Meta:
        model = EnvelopeAllocation
        fields = ["envelope", "fiscal_year", "amount_cad", "classification"]


class AmendmentForm(ChildForm):
    class Meta:
        model = Amendment
        fields = ["project", "number", "date", "total_value_cad", "total_value_foreign"]
        fields += ["end_date", "termination", "reason_en", "reason_fr", "classification"]


class BudgetLineForm(ChildForm):
    class Meta:
        model = BudgetLine
        fields = ["project", "fiscal_year", "amount_cad", "status", "classification"]


class TransactionForm(ChildForm):
    codelist_fields = {"currency": ("Currency", True)}

    class Meta:
        model = Transaction
        fields = ["project", "kind", "date", "value", "currency", "value_cad"]
        fields += ["description_en", "description_fr", "classification"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["currency"].initial = "CAD"


class SectorForm(ChildForm):
    codelist_fields = {"code": ("Sector", True)}

    class Meta:
        model = ProjectSector
        fields = ["project", "code", "percentage", "classification"]


class PolicyMarkerForm(ChildForm):
    codelist_fields = {
        "code": ("PolicyMarker", True),
        "significance": ("PolicySignificance", True),
    }

    class Meta:
        model = PolicyMarker
        fields = ["project", "code", "significance", "classification"]


class DocumentForm(ChildForm):
    class Meta:
        model = ProjectDocument
        fields = ["project", "title_en", "title_fr", "url", "category", "classification"]


class ResultForm(ChildForm):
    class Meta:
        model = Result
        fields = ["project", "kind", "title_en", "title_fr", "description_en", "description_fr"]
        fields += ["aggregation_status", "order", "classification"]


class IndicatorForm(ChildForm):
    parent = "result"

    class Meta:
        model = Indicator
        fields = ["result", "title_en", "title_fr", "measure", "ascending", "baseline_year"]
        fields += ["baseline_value", "baseline_comment_en", "baseline_comment_fr", "order"]
        fields += ["classification"]


class PeriodForm(ChildForm):
    parent = "indicator"

    class Meta:
        model = IndicatorPeriod
        fields = ["indicator", "start", "end", "target_value", "actual_value"]
        fields += ["target_comment_en", "target_comment_fr", "actual_comment_en"]
        fields += ["actual_comment_fr", "classification"]


class DisaggregationForm(ChildForm):
    parent = "period"

    class Meta:
        model = Disaggregation
        fields = ["period", "dimension", "category", "target_value", "actual_value"]
        fields += ["classification"]


# --- A project's results on one page (views/results.py) -----------------------------------------


class ResultRowForm(ProgramForm):
    """A result on the project's results page (its project is the page's)."""

    remove = forms.BooleanField(label=_("Remove this result"), required=False)

    class Meta:
        model = Result
        fields = ["kind", "title_en", "title_fr"]


class IndicatorRowForm(ProgramForm):
    """An indicator on the results page (its result is the block it is in)."""

    remove = forms.BooleanField(label=_("Remove this indicator"), required=False)

    class Meta:
        model = Indicator
        fields = ["title_en", "title_fr", "measure", "ascending", "baseline_year"]
        fields += ["baseline_value"]


class PeriodRowForm(ProgramForm):
    """A period's target and actual on the results page (words for a qualitative indicator)."""

    remove = forms.BooleanField(label=_("Remove this period"), required=False)

    class Meta:
        model = IndicatorPeriod
        fields = ["start", "end", "target_value", "actual_value", "target_comment_en"]
        fields += ["target_comment_fr", "actual_comment_en", "actual_comment_fr"]
