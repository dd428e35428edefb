"""Request middleware: the reader and the marking, change-log context, the session's idle
deadline, and the system-use notice."""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from passerelle.core import marking
from passerelle.core.changelog import change_context
from passerelle.core.reader import RequestReader, reading

NOTICE_SESSION_KEY = "system_use_notice_acknowledged"

# Paths a signed-in user may reach before acknowledging the notice.
_NOTICE_EXEMPT_PREFIXES = ("/static/", "/api/", "/i18n/", "/healthz")


class ReaderMiddleware:
    """Everything read while handling a request is read as its user, and the response is marked
    with what was read (core/reader.py, core/marking.py)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with reading(RequestReader(request)) as reader:
            response = self.get_response(request)
            return marking.finish(response, reader)


class ChangeContextMiddleware:
    """Every change made while handling a request is attributed to it and its user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        actor = "api" if request.path.startswith("/api/") else "web"
        with change_context(actor=actor, request=request) as context:
            request.id = context.request_id  # type: ignore[attr-defined]
            response = self.get_response(request)
        response["X-Request-ID"] = str(context.request_id)
        return response


class IdleSessionMiddleware:
    """Push a signed-in session's idle deadline forward without writing it on every request.

    Django's SESSION_SAVE_EVERY_REQUEST writes the session row on every request (measured: every
    signed-in page paid a database write, issue 18). Here the session is saved only when its last
    refresh is SESSION_REFRESH_SECONDS old or more, so the deadline is at most that much early and
    a busy user costs one write a minute."""

    KEY = "_refreshed_at"

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if session.session_key is not None:
            now = int(time.time())
            if now - int(session.get(self.KEY, 0)) >= settings.SESSION_REFRESH_SECONDS:
                session[self.KEY] = now
        return self.get_response(request)

    @classmethod
    def signed_in(cls, sender: object, request: HttpRequest, **kwargs: object) -> None:
        """Signing in saves the session anyway: it counts as its first refresh."""
        request.session[cls.KEY] = int(time.time())


class SystemUseNoticeMiddleware:
    """A signed-in user acknowledges the system-use notice once per session before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._must_acknowledge(request):
            notice = reverse("web:notice")
            query = urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(f"{notice}?{query}")
        return self.get_response(request)

    @staticmethod
    def _must_acknowledge(request: HttpRequest) -> bool:
        if not request.user.is_authenticated or request.session.get(NOTICE_SESSION_KEY):
            return False
        if request.path.startswith(_NOTICE_EXEMPT_PREFIXES):
            return False
        exempt = {reverse("web:notice"), reverse("web:logout")}
        return request.path not in exempt


def safe_next(request: HttpRequest, default: str) -> str:
    """The `next` parameter if it points into this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else default
