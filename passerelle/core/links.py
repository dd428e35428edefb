"""Links a writer cannot see are kept when they edit a record's many-to-many fields.

A form or an API call offers and accepts only the records the writer may see. If saving
replaced a field's links with the writer's choice, the links to records above their clearance
would be removed without their knowing: those are added back.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


def with_hidden_links(
    *, instance: models.Model, field: str, chosen: Iterable[Any], user: Any
) -> list[Any]:
    """`chosen`, plus the records `instance.<field>` links to that `user` may not see."""
    chosen = list(chosen)
    if instance.pk is None:
        return chosen
    related = getattr(instance, field)
    visible = related.model.objects.restrict(user, "view")
    hidden = related.exclude(pk__in=visible.values("pk"))
    return chosen + [record for record in hidden if record not in chosen]


def many_to_many_names(model: type[models.Model]) -> list[str]:
    """The names of `model`'s own many-to-many fields to restricted models."""
    return [
        field.name
        for field in model._meta.many_to_many
        if hasattr(field.related_model._default_manager, "restrict")
    ]
