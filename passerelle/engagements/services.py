"""What the engagements' pages, panels and exports read: the visible records of each kind, the
index's figures, a country's activity, and what changed in a record since a given version (the
no-lost-update message of the edit forms).

Every read goes through `restrict(user, "view")`. A follow-up, commitment or irritant is shown
only with an engagement the user may see, so a title never leaks from above their clearance.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Prefetch, Q, QuerySet

from passerelle.core.models import ChangeRecord, User
from passerelle.engagements.models import (
    Commitment,
    Engagement,
    FollowUp,
    Irritant,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.partners.models import Forum, Organization

UPCOMING_SHOWN = 10
RECENT_SHOWN = 10
PANEL_ENGAGEMENTS = 20


def engagements(user: User) -> QuerySet[Engagement]:
    """The engagements the user may see."""
    return Engagement.objects.restrict(user, "view")


def with_visible_links(queryset: QuerySet[Engagement], user: User) -> QuerySet[Engagement]:
    """The engagements with what they link to as the user may see it: countries,
    organizations, topics, objectives and participants prefetched through `restrict()`, and the
    forum None when it is above the user's clearance. A list or export that names an
    engagement's partners reads them from here, so a name never leaks from above it."""
    visible: list[Prefetch[Any]] = [
        Prefetch("countries", queryset=Country.objects.restrict(user, "view")),
        Prefetch("organizations", queryset=Organization.objects.restrict(user, "view")),
        Prefetch("topics", queryset=Topic.objects.restrict(user, "view")),
        Prefetch("objectives", queryset=Objective.objects.restrict(user, "view")),
        Prefetch("participants", queryset=Participant.objects.restrict(user, "view")),
        Prefetch("forum", queryset=Forum.objects.restrict(user, "view")),
    ]
    return queryset.prefetch_related(*visible)


def follow_ups(user: User) -> QuerySet[FollowUp]:
    """The follow-ups the user may see, of engagements the user may see."""
    return (
        FollowUp.objects.restrict(user, "view")
        .filter(engagement__in=engagements(user))
        .select_related("engagement")
    )


def commitments(user: User) -> QuerySet[Commitment]:
    """The asks and offers the user may see; one tied to a hidden engagement is hidden too."""
    return (
        Commitment.objects.restrict(user, "view")
        .filter(Q(engagement__isnull=True) | Q(engagement__in=engagements(user)))
        .select_related("engagement", "country", "organization", "forum")
    )


def irritants(user: User) -> QuerySet[Irritant]:
    """The irritants the user may see."""
    return Irritant.objects.restrict(user, "view").select_related("country", "organization")


@dataclass(frozen=True)
class IndexFigures:
    upcoming: list[Engagement]
    recent: list[Engagement]
    overdue_follow_ups: int
    open_irritants: list[tuple[str, str, int]]  # (status, label, count)


def index_figures(*, user: User, today: date | None = None) -> IndexFigures:
    """The engagements' index: what is coming, what was done lately, what is late, what is open."""
    visible = with_visible_links(engagements(user), user)
    counts = Counter(
        irritants(user).filter(status__in=Irritant.OPEN_STATUSES).values_list("status", flat=True)
    )
    return IndexFigures(
        upcoming=list(visible.upcoming(today=today)[:UPCOMING_SHOWN]),  # type: ignore[attr-defined]
        recent=list(visible.past(today=today)[:RECENT_SHOWN]),  # type: ignore[attr-defined]
        overdue_follow_ups=follow_ups(user).overdue(today=today).count(),  # type: ignore[attr-defined]
        open_irritants=[
            (value, str(label), counts.get(value, 0))
            for value, label in Irritant.Status.choices
            if value in Irritant.OPEN_STATUSES
        ],
    )


@dataclass(frozen=True)
class CountryActivity:
    engagements: list[Engagement]
    engagement_count: int
    irritants: QuerySet[Irritant]
    follow_ups: QuerySet[FollowUp]
    commitments: QuerySet[Commitment]

    def __bool__(self) -> bool:
        return bool(
            self.engagement_count
            or self.irritants.exists()
            or self.follow_ups.exists()
            or self.commitments.exists()
        )

    @property
    def shown(self) -> list[Any]:
        return [*self.engagements, self.irritants, self.follow_ups, self.commitments]


def country_activity(*, user: User, country: Country) -> CountryActivity:
    """A country's engagements (most recent first), open irritants, open follow-ups and
    commitments."""
    with_country = engagements(user).filter(countries=country).distinct()
    return CountryActivity(
        engagements=list(
            with_visible_links(with_country, user).order_by("-start_date")[:PANEL_ENGAGEMENTS]
        ),
        engagement_count=with_country.count(),
        irritants=irritants(user).filter(country=country, status__in=Irritant.OPEN_STATUSES),
        follow_ups=follow_ups(user)
        .filter(engagement__countries=country, status__in=FollowUp.OPEN_STATUSES)
        .distinct()
        .order_by("due", "pk"),
        commitments=commitments(user).filter(country=country),
    )


# -- what changed since a version ----------------------------------------------------------------

_IGNORED = {"version", "id"}


@dataclass(frozen=True)
class FieldChange:
    """One field someone else changed after the user opened the form."""

    name: str
    label: str
    yours: str
    current: str
    who: str
    when: datetime


def _field(model: type[models.Model], key: str) -> models.Field[Any, Any] | None:
    for field in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        if key in (field.name, getattr(field, "attname", field.name)):
            return field
    return None


def display(value: Any) -> str:
    """A form or model value as a person reads it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, QuerySet | list | tuple | set):
        return ", ".join(display(v) for v in value) or "—"
    if isinstance(value, models.Model):
        return str(getattr(value, "name", None) or getattr(value, "title", None) or value)
    return str(value)


def _current_value(instance: models.Model, field: models.Field[Any, Any]) -> str:
    if field.many_to_many:
        return display(list(getattr(instance, field.name).all()))
    if field.choices:
        return str(getattr(instance, f"get_{field.name}_display")())
    return display(getattr(instance, field.name))


def _submitted_value(field: models.Field[Any, Any], submitted: dict[str, Any]) -> str:
    if field.name not in submitted:
        return "—"
    value = submitted[field.name]
    if field.choices and not field.many_to_many:
        labels = {str(k): v for k, v in field.flatchoices}
        return str(labels.get(str(value), display(value)))
    return display(value)


def changes_since(
    instance: models.Model, version: int, *, submitted: dict[str, Any]
) -> list[FieldChange]:
    """The fields of `instance` changed by others after `version`, from the change log: for each,
    the value the user submitted, the value now, and who changed it last and when."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    records = ChangeRecord.objects.filter(
        content_type=content_type,
        object_id=str(instance.pk),
        action=ChangeRecord.Action.UPDATE,
    ).order_by("time", "pk")
    latest: dict[str, ChangeRecord] = {}
    for record in records:
        if int((record.after or {}).get("version") or 0) <= version:
            continue
        for key in record.changed_fields():
            field = _field(type(instance), key)
            if field is not None and field.name not in _IGNORED:
                latest[field.name] = record
    model = type(instance)
    changes = []
    for name, record in latest.items():
        field = _field(model, name)
        assert field is not None
        changes.append(
            FieldChange(
                name=name,
                label=str(field.verbose_name),
                yours=_submitted_value(field, submitted),
                current=_current_value(instance, field),
                who=record.user_name or record.actor,
                when=record.time,
            )
        )
    return changes
