"""The kernel's generic page tests (core/pagetests.py) for every model of the program with
declared pages: add, edit, delete, history × role × clearance × change record. A project's (or
an envelope's) record has no page of its own: its "detail" is its parent's page, which links to
its edit, delete and history pages; a record above clearance is made under a parent as secret."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from django.db import models

from passerelle.core.pagetests import PageCRUDTests
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
from passerelle.programs.tests.factories import make_envelope, make_organization, make_project

OFFICER = "program officer"


class TestEnvelopePages(PageCRUDTests):
    model = FundingEnvelope
    list_url = "/programs/envelopes/"
    lookup_field = "slug"
    factory = make_envelope
    edit_role = OFFICER

    def create_data(self) -> dict[str, Any]:
        return {"slug": "climate", "name_en": "Climate", "name_fr": "Climat", "order": 1,
                "classification": 0}  # fmt: skip


class TestInitiativePages(PageCRUDTests):
    model = Initiative
    list_url = "/programs/initiatives/"
    lookup_field = "slug"
    edit_role = OFFICER

    def create_data(self) -> dict[str, Any]:
        return {"slug": "racbi", "name_en": "RACBI", "name_fr": "RACBI", "order": 1,
                "established_precision": "year", "classification": 0}  # fmt: skip

    def make(self, **fields: Any) -> models.Model:
        values = {"slug": f"initiative-{Initiative.objects.count()}", "name_en": "GRSI",
                  "name_fr": "IMPR"}  # fmt: skip
        return Initiative.objects.create(**{**values, **fields})


class TestProjectPages(PageCRUDTests):
    model = Project
    list_url = "/programs/projects/"
    factory = make_project
    edit_role = OFFICER
    change = {"title_en": "Renamed"}

    def create_data(self) -> dict[str, Any]:
        return {
            "title_en": "Asylum", "title_fr": "Asile", "reference_number": "039-2024-2025-Q3-09999",
            "recipient": make_organization().pk, "recipient_type": "I",
            "envelope": make_envelope().pk, "agreement_type": "G", "value_cad": "1000",
            "start_date": "2024-10-01", "end_date": "2025-03-31", "status": "active",
            "description_en": "D", "description_fr": "D", "classification": 0,
        }  # fmt: skip

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {
            **self.create_data(), "reference_number": instance.reference_number,
            "recipient": instance.recipient_id, "envelope": instance.envelope_id, **self.change,
        }  # fmt: skip

    def shown(self, instance: Any) -> str:
        return str(instance.title_en)


class ChildPages(PageCRUDTests):
    """A record shown on its project's page (or its envelope's): `fields` are its values but its
    parent, `change` what an edit changes."""

    model: ClassVar[type[models.Model]] = Project  # each subclass names its own
    edit_role = OFFICER
    declared_list = False
    list_url = "/programs/projects/"
    prefix: ClassVar[str] = ""
    parent: ClassVar[str] = "project"
    fields: ClassVar[dict[str, Any]]

    def parent_of(self, classification: int = 0) -> Any:
        return make_project(classification=classification)

    def make(self, **fields: Any) -> models.Model:
        parent = self.parent_of(fields.get("classification", 0))
        values = {self.parent: parent, **self.fields, **fields}
        created: models.Model = self.model._base_manager.create(**values)
        return self.model._base_manager.get(pk=created.pk)

    def project_of(self, instance: Any) -> Any:
        return instance.project

    def detail_path(self, instance: Any) -> str:
        return str(self.project_of(instance).get_absolute_url())[3:]

    def shown(self, instance: Any) -> str:
        return str(self.project_of(instance).title_en)

    def _page(self, instance: Any, action: str) -> str:
        if instance is None:
            return f"/en/programs/{self.prefix}/add/"
        return f"/en/programs/{self.prefix}/{instance.pk}/{action}/"

    def form(self, parent: Any) -> dict[str, Any]:
        return {**self.fields, self.parent: parent.pk, "classification": 0}

    def create_data(self) -> dict[str, Any]:
        return self.form(self.parent_of())

    def update_data(self, instance: Any) -> dict[str, Any]:
        return {**self.form(getattr(instance, self.parent)), **self.change}


def _result(classification: int) -> Result:
    project = make_project(classification=classification)
    return Result.objects.create(
        project=project, title_en="R", title_fr="R", classification=classification
    )


def _indicator(classification: int) -> Indicator:
    return Indicator.objects.create(
        result=_result(classification), title_en="I", title_fr="I", classification=classification
    )


def _period(classification: int) -> IndicatorPeriod:
    return IndicatorPeriod.objects.create(
        indicator=_indicator(classification),
        start=date(2024, 4, 1),
        end=date(2025, 3, 31),
        target_value=Decimal(10),
        classification=classification,
    )


class TestAmendmentPages(ChildPages):
    model = Amendment
    prefix = "amendments"
    fields = {"number": 1, "date": "2024-06-01", "total_value_cad": "200000", "reason_en": "More",
              "reason_fr": "Plus"}  # fmt: skip
    change = {"reason_en": "Changed"}


class TestBudgetPages(ChildPages):
    model = BudgetLine
    prefix = "budget-lines"
    fields = {"fiscal_year": "2024-25", "amount_cad": "1000", "status": "2"}
    change = {"amount_cad": "2000"}


class TestTransactionPages(ChildPages):
    model = Transaction
    prefix = "transactions"
    fields = {"kind": "disbursement", "date": "2024-06-01", "value": "10", "currency": "CAD",
              "value_cad": "10"}  # fmt: skip
    change = {"description_en": "Second tranche"}


class TestSectorPages(ChildPages):
    model = ProjectSector
    prefix = "sectors"
    fields = {"code": "15190", "percentage": "100"}
    change = {"percentage": "50"}


class TestMarkerPages(ChildPages):
    model = PolicyMarker
    prefix = "policy-markers"
    fields = {"code": "1", "significance": "1"}
    change = {"significance": "2"}


class TestDocumentPages(ChildPages):
    model = ProjectDocument
    prefix = "documents"
    fields = {"title_en": "Agreement", "title_fr": "Entente", "url": "https://example.org/a",
              "category": "A11"}  # fmt: skip
    change = {"title_en": "Amended agreement"}


class TestResultPages(ChildPages):
    model = Result
    prefix = "results"
    fields = {"kind": "1", "title_en": "Trained", "title_fr": "Formés", "order": 0,
              "aggregation_status": True}  # fmt: skip
    change = {"title_en": "Officials trained"}


class TestIndicatorPages(ChildPages):
    model = Indicator
    prefix = "indicators"
    parent = "result"
    fields = {"title_en": "Officials", "title_fr": "Fonctionnaires", "measure": "1",
              "ascending": True, "order": 0}  # fmt: skip
    change = {"title_en": "Officials trained"}

    def parent_of(self, classification: int = 0) -> Any:
        return _result(classification)

    def project_of(self, instance: Any) -> Any:
        return instance.result.project


class TestPeriodPages(ChildPages):
    model = IndicatorPeriod
    prefix = "periods"
    parent = "indicator"
    fields = {"start": "2024-04-01", "end": "2025-03-31", "target_value": "10"}
    change = {"target_value": "20"}

    def parent_of(self, classification: int = 0) -> Any:
        return _indicator(classification)

    def project_of(self, instance: Any) -> Any:
        return instance.indicator.result.project


class TestDisaggregationPages(ChildPages):
    model = Disaggregation
    prefix = "disaggregations"
    parent = "period"
    fields = {"dimension": "sex", "category": "female", "target_value": "5"}
    change = {"actual_value": "4"}

    def parent_of(self, classification: int = 0) -> Any:
        return _period(classification)

    def project_of(self, instance: Any) -> Any:
        return instance.period.indicator.result.project


class TestAllocationPages(ChildPages):
    model = EnvelopeAllocation
    prefix = "allocations"
    parent = "envelope"
    list_url = "/programs/envelopes/"
    fields = {"fiscal_year": "2024-25", "amount_cad": "1000"}
    change = {"amount_cad": "2000"}

    def parent_of(self, classification: int = 0) -> Any:
        return make_envelope(classification=classification)

    def detail_path(self, instance: Any) -> str:
        return str(instance.envelope.get_absolute_url())[3:]

    def shown(self, instance: Any) -> str:
        return str(instance.envelope.name_en)
