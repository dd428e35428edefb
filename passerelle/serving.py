"""Gunicorn's settings for `make run` (`gunicorn -c python:passerelle.serving passerelle.wsgi`).

The application is loaded once, in gunicorn's master process (`preload_app`), which then
prepares the database there (`passerelle prepare --demo`: migrations, reference data and demo
sets, each only if changed since the last run, core/prepare.py) and imports the URLs, before
it starts the workers: they are forked from it with Django set up, rather than each setting
Django up, and the first request does not import every view. A separate `prepare` process would
set Django up once more (about a second) before gunicorn starts.

The database connections the master opened are closed before the workers are forked: each
worker opens its own.
"""

from __future__ import annotations

from typing import Any

preload_app = True
# gunicorn refuses a request line over 4,094 bytes with its own bare English page; 0 lifts that
# limit (it still stops at 1 MB) so that Passerelle answers a too-long address with its own
# bilingual 414 (web/errors.py). gunicorn.conf.py, for production, takes it from here.
limit_request_line = 0


def on_starting(server: Any) -> None:
    from django.core.management import call_command
    from django.db import connections
    from django.urls import get_resolver

    call_command("prepare", demo=True)
    connections.close_all()
    get_resolver().url_patterns  # noqa: B018 (imports every view once, for every worker)
