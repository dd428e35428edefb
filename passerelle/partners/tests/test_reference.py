"""The partners' reference data (data/reference/partners/): the binder's organizations, forums,
memberships, roles over time, frameworks and relationships, cited, loaded all or nothing and
idempotently."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from passerelle.core.models import ChangeRecord
from passerelle.core.reference import ReferenceDataError, load_reference
from passerelle.core.testing import make_source
from passerelle.geo.models import CountryGroup
from passerelle.geo.tests.factories import make_country
from passerelle.partners.models import (
    Forum,
    ForumRole,
    Framework,
    Membership,
    Organization,
    Relationship,
)
from passerelle.partners.reference import load_partners

pytestmark = pytest.mark.django_db

REFERENCE_DIR = Path(settings.PROJECT_DIR) / "data" / "reference"
BINDER = "ircc-dm-transition-binder-2024"
MODELS = (Organization, Forum, Membership, ForumRole, Framework, Relationship)


def _members(slug: str) -> set[str]:
    return {
        m.country.iso_alpha3
        for m in Membership.objects.filter(forum__slug=slug).select_related("country")
        if m.country
    }


def test_the_binders_partners_load_cited_and_a_second_load_writes_nothing(reference_data: None):
    assert Forum.objects.count() >= 11

    platform = Forum.objects.get(slug="mirps-support-platform")
    roles = ForumRole.objects.filter(forum=platform, country__iso_alpha3="CAN").order_by("start")
    assert [(r.role, r.start, r.end, r.precision, r.period) for r in roles] == [
        ("chair", date(2021, 7, 1), date(2022, 6, 30), "year", "2021-2022"),
        ("past_chair", date(2022, 7, 1), date(2023, 6, 30), "year", "2022-2023"),
    ]
    # A term written in years ends when the next begins: one role on any day, not two.
    on_15_january_2022 = ForumRole.objects.filter(forum=platform).on(date(2022, 1, 15))
    assert [(r.role, r.country.iso_alpha3) for r in on_15_january_2022] == [("chair", "CAN")]
    assert ForumRole.objects.filter(forum=platform).on(date(2023, 6, 1)).get().role == "past_chair"
    task_force = ForumRole.objects.get(forum__slug="global-task-force-labour-mobility")
    assert (task_force.role, task_force.start, task_force.end) == ("chair", None, None)

    five_eyes = set(
        CountryGroup.objects.get(slug="five-eyes").members.values_list("iso_alpha3", flat=True)
    )
    assert _members("migration-five") == _members("five-country-ministerial") == five_eyes
    directed_by = Forum.objects.get(slug="migration-five").directed_by
    assert directed_by is not None and directed_by.slug == "five-country-ministerial"
    assert _members("mirps") == {"BLZ", "CRI", "SLV", "GTM", "HND", "PAN", "MEX"}
    assert "MEX" in _members("regional-conference-on-migration")
    for slug in ("regional-conference-on-migration", "igc", "gfmd", "unhcr-governance-committees"):
        assert "CAN" in _members(slug), slug

    assert dict(Organization.objects.values_list("slug", "iati_identifier")) == {
        "unhcr": "XM-DAC-41121",
        "iom": "XM-DAC-47066",
        "migration-policy-institute": "",
        "european-union": "",
        "global-affairs-canada": "",  # the crisis measures' partner (data/reference/pathways)
    }
    assert Organization.objects.get(slug="unhcr").acronym_fr == "HCR"
    referral = Relationship.objects.get(kind="referral")
    assert (str(referral.party), str(referral.counterpart)) == (
        "United Nations Refugee Agency",
        "Canada",
    )
    assert "Government-Assisted Refugees" in referral.nature_en
    racbi = Relationship.objects.filter(
        kind="capacity_building", counterpart_country__iso_alpha3="MEX"
    )
    parties = {r.organization.slug if r.organization else r.country.iso_alpha3 for r in racbi}
    assert parties == {"CAN", "USA", "unhcr"}
    assert racbi.count() == 3 and {r.start for r in racbi} == {date(2015, 1, 1)}
    adopted = dict(Framework.objects.values_list("slug", "adopted"))
    assert adopted["global-compact-for-migration"] == date(2018, 12, 19)
    assert adopted["global-compact-on-refugees"] == date(2018, 12, 17)
    assert adopted["los-angeles-declaration"] == date(2022, 6, 10)

    for model in MODELS:
        for record in model.objects.prefetch_related("citations__source"):
            sources = {c.source.key for c in record.citations.all()}
            # The binder, or the publisher's own list where the binder names no members.
            assert BINDER in sources or sources == {"rcm-member-countries"}, record
            assert all(c.locator_fr for c in record.citations.all() if c.locator_en), record
            assert not record.illustrative

    records = ChangeRecord.objects.count()
    stamps = {m: dict(m.objects.values_list("pk", "version")) for m in MODELS}
    again = load_reference(REFERENCE_DIR)
    assert not again.changed
    assert all(label.endswith("unchanged") for label in again.apps["partners"])
    assert ChangeRecord.objects.count() == records
    assert {m: dict(m.objects.values_list("pk", "version")) for m in MODELS} == stamps


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_bad_file_fails_with_file_and_line_and_nothing_is_written(tmp_path: Path):
    make_source(key=BINDER)
    country = make_country()
    cite = f"    citations: [{{source: {BINDER}}}]\n"
    _write(
        tmp_path,
        "organizations.yaml",
        "organizations:\n"
        "  - slug: good\n    name_en: Good\n    name_fr: Bon\n    kind: international\n" + cite,
    )
    forums = _write(
        tmp_path,
        "forums.yaml",
        "forums:\n"
        "  - slug: platform\n    name_en: Platform\n    name_fr: Plateforme\n"
        "    kind: support_platform\n    scope: regional\n" + cite + "roles:\n"
        f"  - forum: platform\n    role: chair\n    country: {country.iso_alpha3}\n"
        "    start: 2021\n    end: 20x2\n    precision: year\n" + cite + "  - forum: nowhere\n"
        f"    role: boss\n    country: {country.iso_alpha3}\n" + cite,
    )
    with pytest.raises(ReferenceDataError) as raised:
        load_partners(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{forums}:13: 'end' '20x2' is not a date (YYYY, precision year)",
        f"{forums}:16: unknown forum 'nowhere'",
        f"{forums}:17: unknown role 'boss' (chair, past_chair, incoming_chair, co_chair, "
        "vice_chair, member, observer)",
    ]
    assert not any(model.objects.exists() for model in MODELS)
    assert not ChangeRecord.objects.filter(object_repr__in=["Good", "Platform"]).exists()


def test_roles_that_overlap_fail_with_file_and_line(tmp_path: Path):
    """Chair 2021-2022 and past chair 2022-2023 chain; a past chair from 2021 overlaps."""
    make_source(key=BINDER)
    country = make_country()
    cite = f"    citations: [{{source: {BINDER}}}]\n"

    def role(name: str, start: int, end: int) -> str:
        return (
            f"  - forum: platform\n    role: {name}\n    country: {country.iso_alpha3}\n"
            f"    start: {start}\n    end: {end}\n    precision: year\n" + cite
        )

    forum = (
        "forums:\n  - slug: platform\n    name_en: Platform\n    name_fr: Plateforme\n"
        "    kind: support_platform\n    scope: regional\n" + cite + "roles:\n"
    )
    forums = _write(
        tmp_path, "forums.yaml", forum + role("chair", 2021, 2022) + role("past_chair", 2021, 2023)
    )
    with pytest.raises(ReferenceDataError) as raised:
        load_partners(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{forums}:16: the role overlaps the role at forums.yaml:9"
    ]
    chained = forum + role("chair", 2021, 2022) + role("past_chair", 2022, 2023)
    _write(tmp_path, "forums.yaml", chained)
    load_partners(tmp_path)
    assert ForumRole.objects.on(date(2022, 1, 15)).get().role == "chair"
    assert ForumRole.objects.on(date(2022, 7, 1)).get().role == "past_chair"
