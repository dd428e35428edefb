from passerelle.core.models.base import (
    ChangeLoggedModel,
    ClassifiedModel,
    PasserelleModel,
    ProvenanceModel,
    TimestampedModel,
)
from passerelle.core.models.changes import ChangeRecord, ChangeRecordIsImmutable
from passerelle.core.models.facts import Fact
from passerelle.core.models.sources import Citation, Source
from passerelle.core.models.users import User

__all__ = [
    "ChangeLoggedModel",
    "ChangeRecord",
    "ChangeRecordIsImmutable",
    "Citation",
    "ClassifiedModel",
    "Fact",
    "PasserelleModel",
    "ProvenanceModel",
    "Source",
    "TimestampedModel",
    "User",
]
