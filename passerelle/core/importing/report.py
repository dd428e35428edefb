"""What an import says: each rejected value where it is and why, and the counts of what it did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RowError:
    """One rejected value: its row (a CSV file's header is line 1), the column, why, and the
    file when the error is told apart from others (a publisher's release of several files).

    `column` may name several columns (`title_en,start_date`) or none (a file-wide refusal)."""

    row: int
    column: str
    reason: str
    file: str = ""

    def __str__(self) -> str:
        where = f"{self.file}, " if self.file else ""
        return f"{where}line {self.row}, {self.column or 'row'}: {self.reason}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class ImportReport:
    """What an import did (rows read; records created, updated, left unchanged), or every reason
    it did nothing."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def names_files(self) -> bool:
        """Whether an error names its file (an import of several files): the report then shows
        a file column."""
        return any(error.file for error in self.errors)

    def count(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)
