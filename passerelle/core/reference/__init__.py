"""The reference dataset (data/reference/*.yaml): every fact of the binder, cited, loaded into
the database idempotently. See docs/reference-data.md."""

from passerelle.core.reference.errors import Problem, ReferenceDataError
from passerelle.core.reference.loader import LoadReport, load_reference
from passerelle.core.reference.parse import parse_directory

__all__ = ["LoadReport", "Problem", "ReferenceDataError", "load_reference", "parse_directory"]
