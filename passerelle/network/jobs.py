"""The network's background jobs: the CSV import started from the upload page."""

from django.utils.translation import gettext_lazy as _

from passerelle.core.jobs.imports import register_csv_import
from passerelle.network import importers

IMPORT = register_csv_import(
    "network.import", label=_("Overseas network import"), import_csv=importers.import_csv
)
