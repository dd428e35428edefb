"""The base of Passerelle's management commands: each run is one change-log context."""

from typing import Any

from django.core.management.base import BaseCommand

from passerelle.core.changelog import change_context


class PasserelleCommand(BaseCommand):
    """A command whose writes are logged as `command:<name>`, with one run id per run.

    Subclasses implement `run()` instead of `handle()`.
    """

    def handle(self, *args: Any, **options: Any) -> str | None:
        name = type(self).__module__.rsplit(".", 1)[-1]
        with change_context(actor=f"command:{name}"):
            return self.run(*args, **options)

    def run(self, *args: Any, **options: Any) -> str | None:
        raise NotImplementedError
