"""The engagements' background jobs: the CSV import started from the upload page."""

from django.utils.translation import gettext_lazy as _

from passerelle.core.jobs.imports import register_csv_import
from passerelle.engagements import importers

IMPORT = register_csv_import(
    "engagements.import", label=_("Engagements import"), import_csv=importers.import_csv
)
