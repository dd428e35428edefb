from passerelle.core.models.base import (
    BilingualNameMixin,
    ChangeLoggedModel,
    ClassifiedModel,
    InActiveLanguage,
    OccasionMixin,
    PasserelleModel,
    ProvenanceModel,
    TimestampedModel,
    VersionedModel,
    in_active_language,
)
from passerelle.core.models.changes import ChangeRecord, ChangeRecordIsImmutable
from passerelle.core.models.facts import Fact
from passerelle.core.models.jobs import Job
from passerelle.core.models.sources import Citation, Source
from passerelle.core.models.users import RoleMapping, User

__all__ = [
    "BilingualNameMixin",
    "ChangeLoggedModel",
    "ChangeRecord",
    "ChangeRecordIsImmutable",
    "Citation",
    "ClassifiedModel",
    "Fact",
    "InActiveLanguage",
    "Job",
    "OccasionMixin",
    "PasserelleModel",
    "ProvenanceModel",
    "RoleMapping",
    "Source",
    "TimestampedModel",
    "User",
    "VersionedModel",
    "in_active_language",
]
