"""The daily digest: to each active user with an e-mail address, the overdue requests they
draft or asked for, as they may see them (read as them), by Django's e-mail backend."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.briefing.models import OPEN_STATUSES, BriefRequest
from passerelle.core.reader import reading_as
from passerelle.core.templatetags.passerelle import longdate


def overdue_for(user: object, today: date) -> list[BriefRequest]:
    """The overdue requests `user` drafts or asked for, as they may see them."""
    with reading_as(user):
        return list(
            BriefRequest.objects.filter(status__in=OPEN_STATUSES, due__lt=today)
            .filter(Q(drafter=user) | Q(requested_by=user))
            .order_by("due", "pk")
        )


def message_for(user: object, requests: list[BriefRequest], *, language: str) -> EmailMessage:
    with override(language):
        lines = [
            _("Overdue brief requests, as of %(day)s:") % {"day": longdate(date.today())},
            "",
        ]
        for request in requests:
            marking = str(request.get_classification_display()).upper()
            lines.append(
                f"- [{marking}] {request.tracking_number} {request.title} — "
                + _("due %(day)s (%(status)s)")
                % {"day": longdate(request.due), "status": request.get_status_display()}
            )
        subject = _("Passerelle: %(n)d overdue brief requests") % {"n": len(requests)}
    return EmailMessage(
        subject=subject,
        body="\n".join(lines) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],  # type: ignore[attr-defined]
    )


def send_digest(*, today: date | None = None, language: str = "en") -> int:
    """Send the day's digests; the number of messages sent."""
    today = today or date.today()
    messages = []
    for user in get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk"):
        requests = overdue_for(user, today)
        if requests:
            messages.append(message_for(user, requests, language=language))
    if not messages:
        return 0
    with get_connection() as connection:
        return int(connection.send_messages(messages) or 0)
