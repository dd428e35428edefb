"""A project's results entered on one page: result, indicator and period together, all or
nothing, each record in the change log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord
from passerelle.core.testing import make_user, signed_in_client
from passerelle.programs.models import Indicator, IndicatorPeriod, Result
from passerelle.programs.tests.factories import make_project


def _new_result(**extra: str) -> dict[str, str]:
    data = {
        "r-new-p-kind": "1",
        "r-new-p-title_en": "Asylum officers trained",
        "r-new-p-title_fr": "Agents d’asile formés",
        "i-new-r-new-p-title_en": "Officers trained",
        "i-new-r-new-p-title_fr": "Agents formés",
        "i-new-r-new-p-measure": "1",
        "i-new-r-new-p-ascending": "on",
        "i-new-r-new-p-baseline_year": "2024",
        "i-new-r-new-p-baseline_value": "0",
        "p-new-i-new-r-new-p-start": "2024-04-01",
        "p-new-i-new-r-new-p-end": "2025-03-31",
        "p-new-i-new-r-new-p-target_value": "120",
        "p-new-i-new-r-new-p-actual_value": "134",
    }
    data.update(extra)
    return data


def _blank_new_indicator_of(result: Result) -> dict[str, str]:
    """What the page posts for the blank blocks it shows under an existing result."""
    return {
        f"i-new-r{result.pk}-measure": "1",
        f"i-new-r{result.pk}-ascending": "on",
    }


@pytest.mark.django_db
def test_a_program_officer_enters_result_indicator_and_period_on_one_page() -> None:
    project = make_project(classification=Classification.PROTECTED_A)
    officer = make_user(role="program officer", clearance=Classification.PROTECTED_B)
    client = signed_in_client(officer)
    url = f"/en/programs/projects/{project.pk}/results/"
    page = client.get(url)
    assert page.status_code == 200 and "A new result" in page.content.decode()
    response = client.post(url, _new_result())
    assert response.status_code == 302, response.content.decode()[:2000]
    result = Result.objects.get(project=project)
    period = IndicatorPeriod.objects.get(indicator__result=result)
    assert period.actual_value == Decimal("134") and period.indicator.baseline_year == 2024
    assert result.classification == Classification.PROTECTED_A, "takes its project's level"
    logged = ChangeRecord.every.filter(
        content_type__in=ContentType.objects.get_for_models(
            Result, Indicator, IndicatorPeriod
        ).values()
    )
    assert logged.count() == 3 and {r.user_id for r in logged} == {officer.pk}

    # An edit of the period and a new period, with one mistake: nothing at all is written.
    indicator = period.indicator
    edit: dict[str, Any] = {
        f"r{result.pk}-kind": "1",
        f"r{result.pk}-title_en": "Asylum officers trained (revised)",
        f"r{result.pk}-title_fr": result.title_fr,
        f"r{result.pk}-version": str(result.version),
        f"i{indicator.pk}-title_en": indicator.title_en,
        f"i{indicator.pk}-title_fr": indicator.title_fr,
        f"i{indicator.pk}-measure": "1",
        f"i{indicator.pk}-ascending": "on",
        f"i{indicator.pk}-baseline_year": "2024",
        f"i{indicator.pk}-baseline_value": "0.00",
        f"i{indicator.pk}-version": str(indicator.version),
        f"p{period.pk}-start": "2024-04-01",
        f"p{period.pk}-end": "2025-03-31",
        f"p{period.pk}-target_value": "120.00",
        f"p{period.pk}-actual_value": "140",
        f"p{period.pk}-version": str(period.version),
        f"p-new-i{indicator.pk}-start": "2025-04-01",
        f"p-new-i{indicator.pk}-end": "2025-03-01",  # ends before it starts
        f"p-new-i{indicator.pk}-target_value": "150",
        "r-new-p-kind": "1",
        "i-new-r-new-p-measure": "1",
        "i-new-r-new-p-ascending": "on",
        **_blank_new_indicator_of(result),
    }
    refused = client.post(url, edit)
    assert refused.status_code == 200 and "There is a problem" in refused.content.decode()
    result.refresh_from_db()
    period.refresh_from_db()
    assert result.title_en == "Asylum officers trained" and period.actual_value == 134
    assert IndicatorPeriod.objects.count() == 1

    edit[f"p-new-i{indicator.pk}-end"] = "2026-03-31"
    assert client.post(url, edit).status_code == 302
    result.refresh_from_db()
    period.refresh_from_db()
    assert result.title_en.endswith("(revised)") and period.actual_value == 140
    assert IndicatorPeriod.objects.count() == 2


@pytest.mark.django_db
def test_a_viewer_cannot_open_the_results_page() -> None:
    project = make_project()
    viewer = signed_in_client(make_user(clearance=Classification.PROTECTED_B))
    assert viewer.get(f"/en/programs/projects/{project.pk}/results/").status_code == 403
