"""What a country shares with Canada, in one list: the forums both belong to today, the forums
through which the branch engages the country, the frameworks both endorse, and what other apps
add (the capacity-building initiatives covering the country, such as RACBI, from `programs`).

An app adds its part once, from its `AppConfig.ready()`:

    register_shared("initiatives", "passerelle.programs.services.shared_initiatives", order=30)

where the part, a function or its dotted path, takes `(country)` and returns `SharedItem`s. Every
part reads its records as any view does, as the current reader (core/reader.py): what the reader
may not see is not listed. An item naming a forum already listed (an initiative run through a
forum) replaces the forum's line, so nothing is listed twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import User
from passerelle.geo.models import Country
from passerelle.partners import services
from passerelle.partners.models import CANADA, Forum, Framework

Part = Callable[[Country], list["SharedItem"]]


@dataclass
class SharedItem:
    """One line of the list: what kind of thing it is, its name, where it leads, and the record
    itself (for the page's marking and the illustrative badge)."""

    kind: Any
    name: str
    url: str
    record: Any
    acronym: str = ""
    note: str = ""
    forum_id: int | None = None  # the forum it is run through, if any
    order: int = 0


@dataclass
class _Registry:
    parts: dict[str, tuple[int, Part | str]] = field(default_factory=dict)


_registry = _Registry()


def register_shared(key: str, part: Part | str, *, order: int = 100) -> None:
    """Add a part to every country's list; one with the same key replaces it."""
    _registry.parts[key] = (order, part)


def _part(key: str) -> Part:
    order, found = _registry.parts[key]
    if isinstance(found, str):
        found = import_string(found)
        _registry.parts[key] = (order, found)
    return found


def _forum_item(forum: Forum, kind: Any, order: int) -> SharedItem:
    url = reverse("partners:forum_detail", kwargs={"slug": forum.slug})
    return SharedItem(kind, forum.name, url, forum, forum.acronym, "", forum.pk, order)


def _own(country: Country, user: User) -> list[SharedItem]:
    """The partners' part: forums shared today, forums engaged through, frameworks."""
    items = [
        _forum_item(forum, _("Forum (both members)"), 10)
        for forum in services.forums_shared(country=country, user=user).order_by("name_en")
    ]
    listed = {item.forum_id for item in items}
    items += [
        _forum_item(forum, _("Forum through which Canada engages"), 20)
        for forum in services.forums_engaged(country=country, user=user).order_by("name_en")
        if forum.pk not in listed
    ]
    frameworks = (
        Framework.objects.filter(countries=country)
        .filter(countries__iso_alpha3=CANADA)
        .distinct()
        .order_by("name_en")
    )
    for framework in frameworks:
        url = reverse("partners:framework_detail", kwargs={"slug": framework.slug})
        items.append(
            SharedItem(
                _("Framework (both endorse)"), framework.name, url, framework, framework.acronym,
                order=40,
            )
        )  # fmt: skip
    return items


def shared_with_canada(*, country: Country, user: User) -> list[SharedItem]:
    """The one list of what `country` shares with Canada (module docstring); empty for Canada."""
    if country.iso_alpha3 == CANADA:
        return []
    items = _own(country, user)
    for key in sorted(_registry.parts, key=lambda k: _registry.parts[k][0]):
        items += _part(key)(country)
    # an initiative run through a forum stands for the forum
    through = {i.forum_id for i in items if i.forum_id and not isinstance(i.record, Forum)}
    items = [i for i in items if not (isinstance(i.record, Forum) and i.forum_id in through)]
    return sorted(items, key=lambda item: (item.order, item.name.casefold()))
