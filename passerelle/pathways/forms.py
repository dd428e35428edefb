"""The pathways' edit forms (core.forms.PasserelleForm): choices within the coordinator's
reach, the classification capped at their clearance, the version the edit started from. The
checks of bad input are the models' own (validation.py), shown on their fields."""

from __future__ import annotations

from passerelle.core.forms import PasserelleForm
from passerelle.pathways.models import Commitment, Pathway, PathwayEvent, ProgressFigure

SOURCED = ["source", "locator_en", "locator_fr", "as_printed", "secondary"]
MARKED = ["classification", "illustrative"]


class PathwayForm(PasserelleForm):
    restricted_fields = ("countries", "partners")

    class Meta:
        model = Pathway
        fields = [
            "slug", "crisis_en", "crisis_fr", "name_en", "name_fr", "acronym_en", "acronym_fr",
            "kind", "public_policy_en", "public_policy_fr", "binder_text_en", "binder_text_fr",
            "eligibility_en", "eligibility_fr", "streams_en", "streams_fr", "program_codes",
            "order", "countries", "partners", *MARKED,
        ]  # fmt: skip


class CommitmentForm(PasserelleForm):
    restricted_fields = ("pathway", "source")

    class Meta:
        model = Commitment
        fields = [
            "pathway", "key", "kind", "label_en", "label_fr", "target", "unit", "stage",
            "stream", "period_en", "period_fr", "effective", "met_on", *SOURCED, *MARKED,
        ]  # fmt: skip


class EventForm(PasserelleForm):
    restricted_fields = ("pathway", "source", "commitment")

    class Meta:
        model = PathwayEvent
        fields = [
            "pathway", "kind", "date", "description_en", "description_fr", "commitment",
            *SOURCED, *MARKED,
        ]  # fmt: skip


class ProgressForm(PasserelleForm):
    restricted_fields = ("pathway", "source")

    class Meta:
        model = ProgressFigure
        fields = [
            "pathway", "stage", "value", "unit", "qualifier", "stream", "as_of",
            "note_en", "note_fr", *SOURCED, *MARKED,
        ]  # fmt: skip
