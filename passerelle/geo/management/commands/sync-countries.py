"""`passerelle sync-countries`: load or refresh the countries, territories and UN M49 regions."""

from typing import Any

from django.db import transaction

from passerelle.core.commands import PasserelleCommand
from passerelle.geo.reference import sync_countries


class Command(PasserelleCommand):
    help = (
        "Create or update every ISO 3166-1 country and territory and the UN M49 regions, with "
        "their codes, English and French names and UNHCR codes (offline; all or nothing)."
    )

    def run(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            written = sync_countries()
        self.stdout.write(f"{written} records created or changed.")
