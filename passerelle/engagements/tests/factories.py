"""Factories for engagements tests: plain keyword-only functions (STYLE.md)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from passerelle.engagements.models import (
    Commitment,
    Engagement,
    Evidence,
    FollowUp,
    Irritant,
    Level,
    Objective,
    Participant,
    Topic,
)
from passerelle.geo.models import Country
from passerelle.geo.tests.factories import make_country

_counter = iter(range(1, 10**6))

NO_PARTICIPANTS = {  # the participants formset of an engagement form, empty
    "participants-TOTAL_FORMS": "0",
    "participants-INITIAL_FORMS": "0",
    "participants-MIN_NUM_FORMS": "0",
    "participants-MAX_NUM_FORMS": "1000",
}


def engagement_data(**fields: Any) -> dict[str, Any]:
    """A valid post of the engagement form, with no participants."""
    data: dict[str, Any] = {
        "title_en": "Labour mobility dialogue",
        "title_fr": "Dialogue sur la mobilité de la main-d’œuvre",
        "start_date": "2024-05-14",
        "end_date": "",
        "kind": "dialogue",
        "channel": "bilateral",
        "classification": "0",
        **NO_PARTICIPANTS,
    }
    data.update(fields)
    return data


def make_topic(**fields: Any) -> Topic:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"topic-{n}",
        "name_en": f"Topic {n}",
        "name_fr": f"Sujet {n}",
    }
    values.update(fields)
    return Topic.objects.create(**values)


def make_objective(**fields: Any) -> Objective:
    n = next(_counter)
    values: dict[str, Any] = {
        "slug": f"objective-{n}",
        "kind": Objective.Kind.OPPORTUNITY,
        "name_en": f"Objective {n}",
        "name_fr": f"Objectif {n}",
        "order": n,
    }
    values.update(fields)
    return Objective.objects.create(**values)


def make_engagement(
    *,
    countries: Iterable[Country] | None = None,
    topics: Iterable[Topic] = (),
    **fields: Any,
) -> Engagement:
    n = next(_counter)
    values: dict[str, Any] = {
        "title_en": f"Bilateral meeting {n}",
        "title_fr": f"Réunion bilatérale {n}",
        "start_date": date(2024, 3, 1),
        "kind": Engagement.Kind.MEETING,
        "channel": Engagement.Channel.BILATERAL,
        "summary_en": "Discussed information sharing.",
        "summary_fr": "Discussion sur l’échange de renseignements.",
        "illustrative": True,
    }
    values.update(fields)
    engagement = Engagement.objects.create(**values)
    engagement.countries.set(list(countries) if countries is not None else [make_country()])
    engagement.topics.set(list(topics))
    return engagement


def make_participant(*, engagement: Engagement | None = None, **fields: Any) -> Participant:
    values: dict[str, Any] = {
        "side": Participant.Side.CANADA,
        "level": Level.DEPUTY_MINISTER,
        "name": "A. Deputy",
        "illustrative": True,
    }
    values.update(fields)
    return Participant.objects.create(engagement=engagement or make_engagement(), **values)


def make_follow_up(*, engagement: Engagement | None = None, **fields: Any) -> FollowUp:
    values: dict[str, Any] = {
        "action_en": "Send the draft arrangement",
        "action_fr": "Envoyer le projet d’arrangement",
        "owner": "International Affairs",
        "due": date(2024, 4, 1),
        "illustrative": True,
    }
    values.update(fields)
    return FollowUp.objects.create(engagement=engagement or make_engagement(), **values)


def make_commitment(*, country: Country | None = None, **fields: Any) -> Commitment:
    values: dict[str, Any] = {
        "direction": Commitment.Direction.OFFER,
        "description_en": "Share asylum case-management practices",
        "description_fr": "Partager des pratiques de gestion des cas d’asile",
        "illustrative": True,
    }
    values.update(fields)
    if country is not None or ("organization" not in values and "forum" not in values):
        values["country"] = country or make_country()
    return Commitment.objects.create(**values)


def make_irritant(*, country: Country | None = None, **fields: Any) -> Irritant:
    n = next(_counter)
    values: dict[str, Any] = {
        "title_en": f"Visa processing delays {n}",
        "title_fr": f"Retards de traitement des visas {n}",
        "kind": Irritant.Kind.PROCESSING_DELAYS,
        "illustrative": True,
    }
    values.update(fields)
    if "organization" not in values:
        values["country"] = country or make_country()
    return Irritant.objects.create(**values)


def make_evidence(*, irritant: Irritant | None = None, **fields: Any) -> Evidence:
    values: dict[str, Any] = {
        "description_en": "Refusal rate above the global rate",
        "description_fr": "Taux de refus supérieur au taux mondial",
        "illustrative": True,
    }
    values.update(fields)
    return Evidence.objects.create(irritant=irritant or make_irritant(), **values)
