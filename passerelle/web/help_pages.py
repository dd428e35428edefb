"""What every Canada.ca application offers beside its work: help, how to reach the service desk,
a form to report a problem, and the accessibility statement. Written by hand (not the kernel's
generic views): they show no records.

A problem report is sent by e-mail to the service desk (PASSERELLE_SUPPORT_EMAIL) through Django's
e-mail backend rather than stored as a record: the service desk already works from its mailbox,
and a stored report would be one more record to classify and guard. What it carries is what the
person typed, who they are and the page's path (never its query string, nor anything of the
page's content: a record's content stays in Passerelle). The form asks people not to write
protected information in it."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import error_links
from passerelle.core.models import User

REPORT_MAX_CHARS = 2_000


def help_page(request: HttpRequest) -> HttpResponse:
    """How to find things in Passerelle, and where to ask."""
    return render(request, "web/help/help.html")


def contact(request: HttpRequest) -> HttpResponse:
    """The service desk: its address, and what to tell it."""
    return render(request, "web/help/contact.html", {"support_email": settings.SUPPORT_EMAIL})


def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: the standard met, how it is tested, known limits."""
    return render(request, "web/help/accessibility.html")


def page_path(address: str) -> str:
    """Only the path of an address on this site: no host, no query string, no fragment."""
    path = urlsplit(address).path
    return path if path.startswith("/") and not path.startswith("//") else ""


class ProblemReportForm(forms.Form):
    page = forms.CharField(
        label=_("Page where you saw the problem"),
        help_text=_("Its address in Passerelle, without what follows a question mark."),
        required=False,
        max_length=300,
    )
    what_happened = forms.CharField(
        label=_("What went wrong?"),
        help_text=_(
            "What you were doing and what you saw. Do not write protected information: "
            "the report goes by e-mail, for unclassified information only."
        ),
        max_length=REPORT_MAX_CHARS,
        widget=forms.Textarea,
    )

    def clean_page(self) -> str:
        return page_path(self.cleaned_data["page"])


@login_required
def report_problem(request: HttpRequest) -> HttpResponse:
    """The form; a valid report is e-mailed to the service desk, then the page says so (and
    shows nothing of what was sent)."""
    if request.method == "POST":
        form = ProblemReportForm(request.POST)
        if form.is_valid():
            _send(request, form.cleaned_data)
            return redirect(f"{reverse('web:report_problem')}?sent=1")
    else:
        referrer = request.GET.get("page") or request.headers.get("referer", "")
        form = ProblemReportForm(initial={"page": page_path(referrer)})
    context: dict[str, Any] = {
        "form": form,
        "sent": request.method == "GET" and request.GET.get("sent") == "1",
        "error_links": error_links(form) if form.errors else "",
        "max_chars": REPORT_MAX_CHARS,
    }
    return render(request, "web/help/report.html", context)


def _send(request: HttpRequest, data: dict[str, Any]) -> None:
    user = request.user
    assert isinstance(user, User)  # login_required
    name = user.get_full_name() or user.get_username()
    body = "\n".join(
        [
            f"From: {name} ({user.get_username()})",
            f"Email: {user.email or '-'}",
            f"Page: {data['page'] or '-'}",
            f"Language: {request.LANGUAGE_CODE}",
            f"Time (UTC): {timezone.now():%Y-%m-%d %H:%M:%S}",
            f"Request: {getattr(request, 'id', '-')}",
            "",
            data["what_happened"],
        ]
    )
    send_mail(
        subject="Passerelle: problem report / signalement d’un problème",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[settings.SUPPORT_EMAIL],
    )
