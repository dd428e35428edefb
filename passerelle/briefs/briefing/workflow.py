"""A request's way through its statuses: requested → drafting → in review → approved → sent,
each dated; the approval chain of its kind in between, step by step; the approved editions
kept (frozen) when the last step approves."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.briefing.models import (
    Approval,
    ApprovalChain,
    BriefRequest,
    RequestKind,
    Status,
)
from passerelle.briefs.models import BriefEdition
from passerelle.core.models import User

# Kinds a request can be built for from live data (the others are written elsewhere).
BUILT_KINDS = (RequestKind.FUNDAMENTAL, RequestKind.COUNTRY, RequestKind.FORUM)
DEFAULT_STEPS = ("Analyst", "Director", "Director General", "Assistant Deputy Minister")


class WorkflowError(Exception):
    """An action the request's status does not allow; the message says why."""


def chain_of(request: BriefRequest) -> ApprovalChain | None:
    """The chain the branch set for the request's kind, as the reader may see it."""
    return ApprovalChain.objects.filter(kind=request.kind).first()


def chain_steps(request: BriefRequest) -> list[str]:
    """The steps of the request's kind's chain in the active language (the branch's default
    four when the kind has none)."""
    chain = chain_of(request)
    if chain is None:
        return [_(step) for step in DEFAULT_STEPS]
    return chain.steps()


def approvals_in_force(request: BriefRequest) -> list[Approval]:
    """The approvals given since the last change or return, in order."""
    return list(
        request.approvals.filter(superseded=False, decision=Approval.Decision.APPROVED).order_by(
            "step"
        )
    )


def next_step(request: BriefRequest) -> tuple[int, str] | None:
    """The step awaiting a decision (its index and name), or None when all have approved."""
    steps = chain_steps(request)
    done = len(approvals_in_force(request))
    return (done, steps[done]) if done < len(steps) else None


def start_drafting(request: BriefRequest, *, user: User) -> None:
    _require(request, (Status.REQUESTED,), _("Only a new request can go to drafting."))
    with transaction.atomic():
        request.status, request.drafting_on = Status.DRAFTING, date.today()
        if request.drafter_id is None:
            request.drafter = user
        request.save()


def submit_for_review(request: BriefRequest, *, user: User) -> None:
    _require(
        request, (Status.REQUESTED, Status.DRAFTING), _("Only a draft can be sent for review.")
    )
    if request.kind == RequestKind.BINDER and not request.binders.exists():
        raise WorkflowError(_("Start the binder before sending it for review."))
    with transaction.atomic():
        request.status, request.review_on = Status.IN_REVIEW, date.today()
        request.drafting_on = request.drafting_on or date.today()
        request.save()


def decide(request: BriefRequest, *, user: User, approve: bool, comments: str = "") -> Approval:
    """The next step's decision. Approval of the last step approves the request and keeps its
    brief as approved editions in English and French; a return sends it back to drafting and
    supersedes the approvals given."""
    _require(request, (Status.IN_REVIEW,), _("Only a request in review can be approved."))
    step = next_step(request)
    if step is None:
        raise WorkflowError(_("Every step has approved this request."))
    if not approve and not comments.strip():
        raise WorkflowError(_("Say why in the comments when sending a request back."))
    chain = chain_of(request)
    with transaction.atomic():
        approval = Approval.objects.create(
            request=request,
            step=step[0],
            step_name=step[1],
            decision=Approval.Decision.APPROVED if approve else Approval.Decision.RETURNED,
            approver=user,
            comments=comments.strip(),
            # It names the request and the chain's step: as classified as the higher of them.
            classification=max(request.classification, chain.classification if chain else 0),
            illustrative=request.illustrative,
        )
        if not approve:
            for given in request.approvals.filter(superseded=False).exclude(pk=approval.pk):
                given.superseded = True
                given.save()
            request.status, request.drafting_on, request.review_on = (
                Status.DRAFTING,
                date.today(),
                None,
            )
        elif next_step(request) is None:
            request.status, request.approved_on = Status.APPROVED, date.today()
            _keep_editions(request, user=user)
        request.save()
    return approval


def mark_sent(request: BriefRequest, *, user: User) -> None:
    _require(request, (Status.APPROVED,), _("Only an approved request can be sent."))
    with transaction.atomic():
        request.status, request.sent_on = Status.SENT, date.today()
        request.save()


def _keep_editions(request: BriefRequest, *, user: User) -> list[BriefEdition]:
    """The request's brief, as the approver reads it, kept frozen in both languages; a
    binder's parts built from live data, each kept so and the part frozen at them."""
    if request.kind == RequestKind.BINDER:
        from passerelle.briefs.binders.tasking import keep_approved

        return keep_approved(request, user=user)
    if request.kind not in BUILT_KINDS:
        return []
    from passerelle.briefs import editions
    from passerelle.briefs.services import build_brief

    kept = []
    for language in ("en", "fr"):
        with override(language):
            brief = build_brief(
                kind=request.kind,
                subject=subject_code(request),
                user=user,
                language=language,
                tasking=request,
            )
        kept.append(editions.release(brief, user=user, request=request))
    return kept


def subject_code(request: BriefRequest) -> str:
    """The subject of the brief a request asks for, as briefs/services.py takes it."""
    if request.kind == RequestKind.COUNTRY and request.country is not None:
        return str(request.country.iso_alpha3)
    if request.kind == RequestKind.FORUM and request.forum is not None:
        return str(request.forum.slug)
    return ""


def _require(request: BriefRequest, statuses: tuple[str, ...], message: str) -> None:
    if request.status not in statuses:
        raise WorkflowError(message)
