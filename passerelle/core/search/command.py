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
        "(after bulk updates, raw SQL or an upgrade; the index is derived data); with "
        "--if-incomplete, only when a kind's records and entries differ in number (as after an "
        "upgrade that makes a new kind searchable: `make setup` runs it)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--rebuild", action="store_true", help="Index every searchable record again."
        )
        parser.add_argument(
            "--if-incomplete",
            action="store_true",
            help="Rebuild only if a kind has more or fewer entries than records.",
        )

    def run(self, *args: Any, **options: Any) -> None:
        if options.get("if_incomplete"):
            incomplete = [s.kind for s in registry.searchables() if not _complete(s)]
            if not incomplete:
                return
            self.stdout.write(f"search index incomplete for {', '.join(incomplete)}: rebuilding")
            options["rebuild"] = True
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


def _complete(searchable: registry.Searchable) -> bool:
    records = searchable.model._base_manager.count()
    return SearchEntry.objects.filter(kind=searchable.kind).count() == records
