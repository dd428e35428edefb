"""`passerelle search-index --rebuild`: make the search index again from the records."""

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import transaction

from passerelle.core.commands import PasserelleCommand
from passerelle.core.search import registry
from passerelle.core.search.index import rebuild
from passerelle.core.search.models import SearchEntry


class Command(PasserelleCommand):
    help = (
        "Show the search index's size per kind, or rebuild it from the records with --rebuild "
        "(after bulk updates, raw SQL or an upgrade; the index is derived data)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rebuild", action="store_true", help="Index every searchable record again."
        )

    def run(self, *args: Any, **options: Any) -> None:
        if options.get("rebuild"):
            with transaction.atomic():
                counts = rebuild()
            verb = "indexed"
        else:
            counts = {
                kind: SearchEntry.objects.filter(kind=kind).count() for kind in registry.kinds()
            }
            verb = "in the index"
        if not registry.kinds():
            raise CommandError("no searchable model is registered")
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count} {verb}")
