"""The checks of bad input, run by each model's `clean()` (forms, API and reference loader
alike): each raises a ValidationError naming the field, so nothing is written.

- a progress figure without its source, or as of a date still to come;
- a later stage above an earlier one at the same date (approved above received), flagged with
  the figure it contradicts rather than kept;
- a commitment or cap without its source; a change of one (a second version of its key) without
  the date it took effect;
- a timeline event without its source; a cap change that names no cap.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from passerelle.pathways.models import STAGE_ORDER


def today() -> date:
    """The day the checks refuse the future after (a function, so tests may move it)."""
    return date.today()


def _require_source(record: Any, what: str) -> dict[str, str]:
    if record.source_id is None:
        return {
            "source": _("%(what)s needs its citation: choose the source it comes from.")
            % {"what": what}
        }
    return {}


def check_progress(figure: Any) -> None:
    """A progress figure: cited, not in the future, and no stage above an earlier one."""
    errors = _require_source(figure, _("A progress figure"))
    if figure.as_of and figure.as_of > today():
        errors["as_of"] = _(
            "The as-of date %(date)s is in the future: a published figure is as of a day "
            "that has passed."
        ) % {"date": figure.as_of.isoformat()}
    if (
        not errors
        and figure.pathway_id
        and figure.as_of
        and figure.stage
        and figure.value is not None
    ):
        contradiction = _funnel_contradiction(figure)
        if contradiction:
            errors["value"] = contradiction
    if errors:
        raise ValidationError(errors)


def _funnel_contradiction(figure: Any) -> str:
    """Why `figure` contradicts a figure of another stage of the same day, unit and stream."""
    from passerelle.pathways.models import ProgressFigure

    same_day = ProgressFigure.objects.filter(
        pathway_id=figure.pathway_id, as_of=figure.as_of, unit=figure.unit, stream=figure.stream
    ).exclude(pk=figure.pk)
    position = STAGE_ORDER[figure.stage]
    for other in same_day:
        other_position = STAGE_ORDER[other.stage]
        later_larger = other_position < position and figure.value > other.value
        earlier_smaller = other_position > position and figure.value < other.value
        if later_larger or earlier_smaller:
            later, earlier = (figure, other) if later_larger else (other, figure)
            return _(
                "%(later)s (%(later_value)s) cannot be above %(earlier)s (%(earlier_value)s) "
                "as of the same date, %(date)s: check both figures."
            ) % {
                "later": later.get_stage_display(),
                "later_value": number_format(later.value, force_grouping=True),
                "earlier": earlier.get_stage_display(),
                "earlier_value": number_format(earlier.value, force_grouping=True),
                "date": date_format(figure.as_of),
            }
    return ""


def check_commitment(commitment: Any) -> None:
    """A commitment or cap: cited; a change of one (another version of its key) dated."""
    from passerelle.pathways.models import Commitment

    errors = _require_source(commitment, _("A commitment or cap"))
    if commitment.pathway_id and commitment.key:
        others = Commitment.objects.filter(
            pathway_id=commitment.pathway_id, key=commitment.key
        ).exclude(pk=commitment.pk)
        if others.exists() and commitment.effective is None:
            errors["effective"] = _(
                "A change of a commitment or cap needs the date it took effect: the earlier "
                "version is kept, and this one holds from that date."
            )
    if commitment.met_on and commitment.met_on > today():
        errors["met_on"] = _("A commitment cannot have been met on a day still to come.")
    if errors:
        raise ValidationError(errors)


def check_event(event: Any) -> None:
    """A timeline event: cited; a cap change names its cap."""
    errors = _require_source(event, _("A timeline event"))
    if event.kind == "cap_changed" and event.commitment_id is None:
        errors["commitment"] = _("A cap change names the cap as it now stands.")
    if errors:
        raise ValidationError(errors)


def check_program_codes(pathway: Any) -> None:
    """The program codes are codes of the application records."""
    from passerelle.operations.codes import PROGRAMS

    unknown = [code for code in pathway.codes if code not in PROGRAMS]
    if unknown:
        raise ValidationError(
            {"program_codes": _("Unknown program code: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
