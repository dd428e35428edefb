"""`passerelle engagements-import KIND FILE --user NAME [--dry-run]`: import a CSV of engagements
or follow-ups, all or nothing."""

from typing import Any

from passerelle.core.commands import CSVImportCommand
from passerelle.engagements.importers import KINDS, import_csv


class Command(CSVImportCommand):
    help = (
        "Import a CSV file of engagements or follow-ups (docs/engagements-import.md), all or "
        "nothing: every rejected row is printed with its line, column and reason."
    )
    kinds = tuple(KINDS)
    dry_run = True

    def import_file(self, kind: str, handle: Any, *, user: Any, dry_run: bool) -> Any:
        return import_csv(kind, handle, user=user, dry_run=dry_run)
