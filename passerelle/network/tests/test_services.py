"""The derived counts: the binder's annex from the reference records, and how they move with
dates and clearance."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from passerelle.core.classification import Classification
from passerelle.core.testing import make_user
from passerelle.network.models import BiometricCollectionPoint, Office, StaffingSnapshot
from passerelle.network.services import area_office_counts, network_summary
from passerelle.network.tests.factories import (
    ANNEX,
    BINDER_DATE,
    make_area_office,
    make_office,
    make_point,
    make_snapshot,
)

pytestmark = pytest.mark.django_db

PER_AREA = {
    "washington": 4,
    "mexico-city": 8,
    "london": 9,
    "paris": 6,
    "beijing": 4,
    "new-delhi": 4,
    "manila": 9,
    "ankara": 8,
    "nairobi": 9,
}


@pytest.fixture
def reference(reference_data: None) -> None:
    """The network as the binder describes it."""


def test_the_annex_totals_are_derived_from_the_records(reference: None) -> None:
    summary = network_summary(as_of=BINDER_DATE, user=make_user(role="viewer"))
    assert summary.as_dict() == ANNEX


def test_each_area_office_is_responsible_for_the_binders_count(reference: None) -> None:
    viewer = make_user(role="viewer")
    counts = area_office_counts(as_of=BINDER_DATE, user=viewer)
    assert {c.area_office.slug: c.responsible_for for c in counts} == PER_AREA
    # the per-area counts and the summary are derived separately: they must agree
    summary = network_summary(as_of=BINDER_DATE, user=viewer)
    assert sum(c.responsible_for for c in counts) == summary.overseas_offices == 61
    by_slug = {c.area_office.slug: c for c in counts}
    assert [o.code for o in by_slug["paris"].global_operations_centres] == ["bucharest-goc"]
    assert [o.code for o in by_slug["manila"].global_operations_centres] == ["manila-goc"]
    london = [o.code for o in by_slug["london"].overseas_offices]
    assert "un-new-york" in london
    assert Office.objects.get(code="un-new-york").kind == Office.Kind.PERMANENT_MISSION
    regions = [c.area_office.name_en for c in counts]
    assert regions[0] == "United States" and "Southern Europe & The Maghreb" in regions


def test_havana_is_an_office_but_not_an_overseas_office(reference: None) -> None:
    havana = Office.objects.get(code="havana")
    snapshot = StaffingSnapshot.objects.get(office=havana, as_of=BINDER_DATE)
    assert snapshot.canada_based == 0 and snapshot.locally_engaged > 0
    [mexico] = [
        c
        for c in area_office_counts(as_of=BINDER_DATE, user=make_user(role="viewer"))
        if c.area_office.slug == "mexico-city"
    ]
    assert havana not in mexico.overseas_offices
    assert havana in mexico.other_offices


def test_later_changes_move_later_counts_only(reference: None) -> None:
    user = make_user(role="viewer")
    later = date(2025, 6, 1)
    Office.objects.filter(code="lima").update(closed=date(2025, 1, 1))
    nairobi = Office.objects.get(code="nairobi")
    make_snapshot(office=nairobi, as_of=date(2025, 3, 1), canada_based=20, locally_engaged=0)
    BiometricCollectionPoint.objects.filter(code="per-01").update(closed=date(2025, 1, 1))
    assert network_summary(as_of=BINDER_DATE, user=user).as_dict() == ANNEX
    after = network_summary(as_of=later, user=user)
    nairobi_before = StaffingSnapshot.objects.get(office=nairobi, as_of=BINDER_DATE)
    lima = StaffingSnapshot.objects.get(office__code="lima", as_of=BINDER_DATE)
    assert after.overseas_offices == 60
    assert after.biometric_collection_points == 291
    assert after.canada_based_staff == 350 - lima.canada_based - nairobi_before.canada_based + 20
    assert (
        after.locally_engaged_staff == 1050 - lima.locally_engaged - nairobi_before.locally_engaged
    )


def test_a_date_before_anything_was_counted() -> None:
    office = make_office(opened=date(2020, 1, 1))
    make_snapshot(office=office, as_of=date(2020, 1, 1))
    summary = network_summary(as_of=date(2019, 1, 1), user=make_user(role="viewer"))
    assert summary.overseas_offices == 0
    assert summary.canada_based_staff == 0


def test_points_planned_or_closed_are_not_counted() -> None:
    for status in BiometricCollectionPoint.Status.values:
        make_point(status=status)
    summary = network_summary(as_of=BINDER_DATE, user=make_user(role="viewer"))
    assert summary.biometric_collection_points == 2
    assert summary.countries_with_biometric_collection_points == 2


def test_records_above_clearance_are_not_counted() -> None:
    area = make_area_office(classification=Classification.PROTECTED_B)
    make_snapshot(office=area.office, canada_based=5, locally_engaged=7)
    secret = make_office(area_office=area, classification=Classification.PROTECTED_B)
    make_snapshot(office=secret, canada_based=4, locally_engaged=9)
    make_point(classification=Classification.PROTECTED_B)
    low = make_user(role="viewer", clearance=Classification.UNCLASSIFIED)
    high = make_user(role="viewer", clearance=Classification.PROTECTED_B)
    assert network_summary(as_of=BINDER_DATE, user=low).as_dict() == {
        **dict.fromkeys(ANNEX, 0),
        "overseas_offices": 1,
        "canada_based_staff": 5,
        "locally_engaged_staff": 7,
        "as_of": "2024-02-01",
    }
    seen = network_summary(as_of=BINDER_DATE, user=high)
    assert (seen.area_offices, seen.overseas_offices, seen.canada_based_staff) == (1, 2, 9)
    assert seen.biometric_collection_points == 1
    assert network_summary(as_of=BINDER_DATE, user=make_user(role=None)).overseas_offices == 0


def test_the_summary_takes_a_handful_of_queries(django_assert_max_num_queries: Any) -> None:
    for _ in range(5):
        office = make_office()
        make_snapshot(office=office)
        make_snapshot(office=office, as_of=date(2023, 1, 1))
        make_point()
    user = make_user(role="viewer")
    user.has_perm("network.view_office")  # the permission cache, read once per request
    with django_assert_max_num_queries(6):
        network_summary(as_of=BINDER_DATE, user=user)
