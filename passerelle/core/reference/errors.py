"""What the loader says when the reference data is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from passerelle.core.importing.report import RowError


@dataclass(frozen=True, init=False)
class Problem(RowError):
    """One thing wrong with the reference data, at a file and line (the kernel's row error,
    core/importing, told as `path:line: column: reason`)."""

    def __init__(self, path: Path, line: int, reason: str, column: str = "") -> None:
        super().__init__(line, column, reason, str(path))

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def line(self) -> int:
        return self.row

    def __str__(self) -> str:
        column = f"{self.column}: " if self.column else ""
        return f"{self.file}:{self.row}: {column}{self.reason}"


class ReferenceDataError(Exception):
    """The reference data is invalid; nothing was written. `problems` lists every one found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))
