"""An app's CSV import, declared: its kinds of file (model, row parser, columns, key) and what a
row may refer to; the kernel reads, checks and writes, all or nothing.

The order is the guarantee: the file is read within the limits, every row parsed, then the
importer's rights on every row checked, all before the write transaction opens (on SQLite it
takes the database's write lock, held only while writing, which the row limit bounds). A file
with any rejected row writes nothing; a dry run writes everything and rolls it back, so that its
counts are the real ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, ClassVar, Generic, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils.translation import gettext_noop

from passerelle.core.changelog import change_context
from passerelle.core.classification import Classification
from passerelle.core.importing import files, records
from passerelle.core.importing.cells import RowReader
from passerelle.core.importing.report import ImportReport, RowError
from passerelle.core.jobs.tracking import progress
from passerelle.core.models import User
from passerelle.core.querysets import permission_name
from passerelle.core.reader import as_system, reading_as_user

WRITING = gettext_noop("Writing the records")  # a job's phase, translated where shown


@dataclass
class ParsedRow:
    """A valid row: the key that finds its record, its field values, its many-to-many links
    (field → records) and its citations (core Citation values, of the record or a `field`).

    A parser may leave codes in the key or values, for `Importer.resolve` to replace by records
    when the row is written (a file may refer to records created earlier in the same load)."""

    line: int
    key: dict[str, Any]
    values: dict[str, Any]
    links: dict[str, list[Any]] = field(default_factory=dict)
    citations: list[dict[str, Any]] = field(default_factory=list)


Known = TypeVar("Known")
Parser = Callable[[Any, Any], ParsedRow]


@dataclass(frozen=True)
class FileKind:
    """One kind of file: its model, its row parser `parse(row, known)`, its columns and the
    columns that name the key (in the "duplicate of line N" error)."""

    model: type[models.Model]
    parse: Parser
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    key_columns: str = "code"
    # columns every kind of the app takes (provenance, citation), listed apart on the page
    common: tuple[str, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.optional + self.common


class Importer(Generic[Known]):
    """An app's CSV import. Subclasses give `actor`, `kinds` and `known()`; `resolve()`,
    `after_write()` and `reader` are hooks."""

    actor: ClassVar[str] = "import"
    kinds: ClassVar[dict[str, FileKind]] = {}
    reader: ClassVar[type[RowReader]] = RowReader

    def known(self, user: User) -> Known:
        """What a row may refer to, as `user` may see it (countries, codes, sources…)."""
        raise NotImplementedError

    def resolve(self, parsed: ParsedRow) -> ParsedRow:
        """The row with the codes its parser left replaced by records (see ParsedRow)."""
        return parsed

    def after_write(self, instance: Any, parsed: ParsedRow, user: User | None) -> bool:
        """Write what else the row holds (beyond fields, links, citations); whether it changed
        something."""
        return False

    def run(
        self, kind: str, file: IO[bytes] | IO[str], *, user: User, dry_run: bool = False
    ) -> ImportReport:
        """Import a CSV file of `kind`, all or nothing; with `dry_run`, check and count
        everything and write nothing. Raises PermissionDenied unless `user` may add and change
        records of that kind."""
        if kind not in self.kinds:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(self.kinds)}")
        spec = self.kinds[kind]
        check_permissions(spec.model, user)
        report = ImportReport(kind=kind)
        text, report.errors = files.read_text(file)
        if report.errors:
            return report
        rows, report.errors = files.read_rows(
            text,
            required=spec.required,
            allowed=spec.columns,
            max_rows=settings.IMPORT_MAX_ROWS,
            reader=self.reader,
        )
        report.rows = len(rows)
        if report.errors:
            return report
        parsed, report.errors = parse_rows(rows, spec.parse, self.known(user), spec.key_columns)
        if not report.errors:
            report.errors = check_rights(spec.model, [self.resolve(row) for row in parsed], user)
        if report.errors:
            return report
        with (
            transaction.atomic(),
            change_context(actor=self.actor, user=user),
            reading_as_user(user),
        ):
            for number, outcome in enumerate(self.write_rows(spec.model, parsed, user=user), 1):
                report.count(outcome)
                progress(number, len(parsed), WRITING)  # in a job: its progress, its cancel
            if dry_run:
                transaction.set_rollback(True)
        return report

    def write_rows(
        self, model: type[models.Model], rows: Iterable[ParsedRow], *, user: User | None = None
    ) -> Iterator[str]:
        """Write each row (resolved), yielding "created", "updated" or "unchanged"; a record
        whose links or other parts changed counts as updated."""
        for parsed in map(self.resolve, rows):
            outcome, instance = records.upsert(model, parsed.key, parsed.values)
            changed = bool(parsed.links) and records.set_links(instance, parsed.links, user)
            for citation in parsed.citations:
                records.set_citation(instance, citation)
            changed = self.after_write(instance, parsed, user) or changed
            yield "updated" if outcome == "unchanged" and changed else outcome


def check_permissions(model: type[models.Model], user: User) -> None:
    """Refuse (PermissionDenied) a user who may not both add and change records of `model`."""
    for action in ("add", "change"):
        if not user.has_perm(permission_name(model, action)):
            raise PermissionDenied(f"You may not {action} {model._meta.verbose_name_plural}.")


def parse_rows(
    rows: Iterable[RowReader], parse: Parser, known: Any, key_columns: str
) -> tuple[list[ParsedRow], list[RowError]]:
    """Every row parsed; a row naming the same record as an earlier one is rejected."""
    parsed, errors = [], []
    first_line: dict[tuple[Any, ...], int] = {}
    for row in rows:
        result = parse(row, known)
        key = tuple(getattr(value, "pk", value) for value in result.key.values())
        if all(key) and key in first_line:
            row.error(key_columns, f"duplicate of line {first_line[key]}")
        first_line.setdefault(key, row.line)
        errors.extend(row.errors)
        if not row.errors:
            parsed.append(result)
    return parsed, errors


def check_rights(
    model: type[models.Model], parsed: Iterable[ParsedRow], user: User
) -> list[RowError]:
    """What the write would refuse, said per row first: no row classified above the importer's
    clearance; no change to a record they may see but not change; and, where the key is unique,
    no key in use by a record they may not see (that record is not found, so the row would
    create one, and its key cannot be taken twice: core/deletion.py says why that one fact is
    told). A record the importer may not see under a key that is not unique is not theirs: the
    row creates their own."""
    errors = []
    visible: Any = model.objects.restrict(user, "view")  # type: ignore[attr-defined]
    changeable: Any = model.objects.restrict(user, "change")  # type: ignore[attr-defined]
    unique = _unique_keys(model)
    for row in parsed:
        if row.values["classification"] > user.clearance:
            label = Classification(user.clearance).label
            errors.append(RowError(row.line, "classification", f"above your clearance ({label})"))
        columns = ",".join(row.key)
        if visible.filter(**row.key).exists():
            if not changeable.filter(**row.key).exists():
                errors.append(RowError(row.line, columns, "you may not change this record"))
        elif any(names <= set(row.key) for names in unique):
            with as_system():
                taken = model._base_manager.filter(**row.key).exists()
            if taken:
                errors.append(RowError(row.line, columns, "already in use"))
    return errors


def _unique_keys(model: type[models.Model]) -> list[set[str]]:
    """The sets of fields unique in `model`: each unique field, the fields of each unique
    constraint without a condition (and of `unique_together`)."""
    meta = model._meta
    keys = [set(constraint.fields) for constraint in meta.total_unique_constraints]
    keys += [set(together) for together in meta.unique_together]
    return keys + [{f.name} for f in meta.concrete_fields if f.unique and not f.primary_key]
