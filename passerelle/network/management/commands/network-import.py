"""`passerelle network-import KIND FILE --user NAME`: import a CSV of offices, points or staffing,
all or nothing."""

from typing import Any

from passerelle.core.commands import CSVImportCommand
from passerelle.network.importers import KINDS, import_csv


class Command(CSVImportCommand):
    help = (
        "Import a CSV file of offices, biometric collection points or staffing snapshots, all or "
        "nothing: every rejected row is printed with its line, column and reason."
    )
    kinds = tuple(KINDS)
    dry_run = True

    def import_file(self, kind: str, handle: Any, *, user: Any, dry_run: bool) -> Any:
        return import_csv(kind, handle, user=user, dry_run=dry_run)
