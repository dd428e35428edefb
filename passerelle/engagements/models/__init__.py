"""The engagements' models: engagements, their participants and follow-ups (engagements.py);
commitments, irritants and their evidence (irritants.py)."""

from passerelle.engagements.models.engagements import (
    CANADIAN_LEVELS,
    Engagement,
    EngagementQuerySet,
    FollowUp,
    FollowUpQuerySet,
    Level,
    Objective,
    Participant,
    Topic,
)
from passerelle.engagements.models.irritants import Commitment, Evidence, Irritant

__all__ = [
    "CANADIAN_LEVELS",
    "Commitment",
    "Engagement",
    "EngagementQuerySet",
    "Evidence",
    "FollowUp",
    "FollowUpQuerySet",
    "Irritant",
    "Level",
    "Objective",
    "Participant",
    "Topic",
]
