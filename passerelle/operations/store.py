"""Where the application records and the cube live: Parquet files under the data directory, in
generations that an ingest or a build replaces all at once.

    <PASSERELLE_DATA_DIR>/operations/
        CURRENT                                      the name of the generation readers see
        write.lock                                   held by the one ingest or build writing
        work/ingest-<pid>-…/                         an ingest's DuckDB work folder
        gen-NNNNNN/                                  a generation:
        records/decision_month=YYYYMM/data.parquet   (0 = pending), sorted by citizenship,
                                                     office, program, so DuckDB skips row groups
        cube/decision_month=YYYYMM/data.parquet      the metric cube of that month
        intake.parquet                               received per group and received month
        days/decision_month=YYYYMM/data.parquet      days histograms for exact roll-ups
        intake-delta/*.parquet                       intake changes staged by ingests
        state.json                                   months to refresh, illustrative flag

Only aggregates (signals, service standards) go to the relational database; the records stay here.

A writer (`new_generation`) takes the lock, links every file of the current generation into a new
one (hard links: no data is copied), writes there (always new files renamed into place, never a
file changed in place, so the current generation's files stay as they were), and switches
CURRENT last, with one rename. A crash at any point leaves CURRENT naming the previous generation,
whole; the next writer removes what the crash left (`clean`). The generation before the current
one is kept for readers still reading it.
"""

from __future__ import annotations

import contextvars
import fcntl
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    import duckdb

ROW_GROUP_ROWS = 65_536


class NoData(Exception):
    """Nothing has been built yet."""


POINTER = "CURRENT"
LOCK = "write.lock"
WORK = "work"
_GENERATION = re.compile(r"gen-(\d{6})")
# the files of a store written before generations existed, moved into the first generation
_LEGACY = ("records", "cube", "days", "intake.parquet", "intake-delta", "state.json")

_writing: contextvars.ContextVar[Path | None] = contextvars.ContextVar("writing", default=None)


def base() -> Path:
    """The operations directory (settings.OPERATIONS_DIR in tests, else under DATA_DIR)."""
    folder = getattr(settings, "OPERATIONS_DIR", None) or settings.DATA_DIR / "operations"
    return Path(folder)


def root() -> Path:
    """The generation to read: the one CURRENT names (the directory itself for a store older than
    generations), or, inside `new_generation`, the one being written."""
    writing = _writing.get()
    if writing is not None:
        return writing
    folder = base()
    try:
        name = (folder / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return folder
    return folder / name


def _generations(folder: Path) -> list[int]:
    if not folder.is_dir():
        return []
    return sorted(
        int(match.group(1))
        for path in folder.iterdir()
        if (match := _GENERATION.fullmatch(path.name)) and path.is_dir()
    )


def _link_tree(source: Path, target: Path) -> None:
    """`target` holds every file of `source` as a hard link (no data copied)."""
    target.mkdir(parents=True)
    if not source.exists():
        return
    names = _LEGACY if source == base() else tuple(p.name for p in source.iterdir())
    for name in names:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, target / name, copy_function=os.link)
        elif path.is_file():
            os.link(path, target / name)


@contextmanager
def new_generation() -> Iterator[Path]:
    """Write a new generation and make it current all at once when the block ends.

    An error or a crash inside the block leaves the current generation untouched; the next
    writer removes the unfinished one."""
    folder = base()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / LOCK, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        clean()
        current = root()
        number = max(_generations(folder), default=0) + 1
        target = folder / f"gen-{number:06d}"
        _link_tree(current, target)
        token = _writing.set(target)
        try:
            yield target
        finally:
            _writing.reset(token)
        _fsync_tree(target)
        pointer = folder / f"{POINTER}.next"
        pointer.write_text(target.name + "\n", encoding="utf-8")
        _fsync(pointer)
        os.replace(pointer, folder / POINTER)
        _fsync(folder)
        clean()


def clean() -> None:
    """Remove what a crashed writer left: generations newer than the current one, those older
    than the one before it, a store's pre-generation files once a generation exists, and work
    folders of processes that are gone. Call with the lock held (new_generation does)."""
    folder = base()
    pointer = folder / POINTER
    if pointer.exists():
        current = int(_GENERATION.fullmatch(pointer.read_text(encoding="utf-8").strip()).group(1))  # type: ignore[union-attr]
        numbers = _generations(folder)
        older = [n for n in numbers if n < current]
        keep = {current, *older[-1:]}
        for number in numbers:
            if number not in keep:
                shutil.rmtree(folder / f"gen-{number:06d}", ignore_errors=True)
        for name in _LEGACY:
            path = folder / name
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            elif path.exists():
                path.unlink()
    (folder / f"{POINTER}.next").unlink(missing_ok=True)
    work = folder / WORK
    if work.is_dir():
        for path in work.iterdir():
            if not _alive(path.name):
                shutil.rmtree(path, ignore_errors=True)


def work_folder(prefix: str) -> Path:
    """A work folder for this process under the store (removed by `clean` once the process is
    gone, if it could not remove it itself)."""
    folder = base() / WORK / f"{prefix}-{os.getpid()}-{os.urandom(4).hex()}"
    folder.mkdir(parents=True)
    return folder


def _alive(name: str) -> bool:
    parts = name.split("-")
    if len(parts) < 3 or not parts[-2].isdigit():
        return False
    try:
        os.kill(int(parts[-2]), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_tree(folder: Path) -> None:
    """Flush the generation's new files and its folders before CURRENT names it. A file with
    more than one link is the previous generation's (`_link_tree`), flushed when it was written."""
    for path in folder.rglob("*"):
        if path.is_dir() or path.stat().st_nlink == 1:
            _fsync(path)
    _fsync(folder)


def records_dir() -> Path:
    return root() / "records"


def cube_dir() -> Path:
    return root() / "cube"


def days_dir() -> Path:
    return root() / "days"


def intake_path() -> Path:
    return root() / "intake.parquet"


def partition_file(base: Path, month: int) -> Path:
    return base / f"decision_month={month}" / "data.parquet"


def _month(folder: Path) -> int | None:
    """The decision month a partition folder (`decision_month=YYYYMM`) names, else None."""
    prefix = "decision_month="
    return int(folder.name[len(prefix) :]) if folder.name.startswith(prefix) else None


def months_in(base: Path) -> list[int]:
    """The decision months (YYYYMM, 0 for pending) with a partition under `base`."""
    if not base.exists():
        return []
    return sorted(
        month
        for p in base.iterdir()
        if (month := _month(p)) is not None and (p / "data.parquet").exists()
    )


def written_months(folder: Path) -> dict[int, list[Path]]:
    """What DuckDB's `COPY … PARTITION_BY (decision_month)` wrote under `folder`: each month
    and its Parquet files."""
    return {
        month: sorted(p.glob("*.parquet"))
        for p in folder.iterdir()
        if (month := _month(p)) is not None
    }


def glob(base: Path) -> str:
    return str(base / "decision_month=*" / "data.parquet")


def sql_string(text: str | Path) -> str:
    """A DuckDB string literal. The store's writers bind no parameter: binding one imports
    pandas and pyarrow (about half a second of a command)."""
    return "'" + str(text).replace("'", "''") + "'"


def stored_records(months: list[int] | None = None) -> str:
    """The stored records as a FROM clause (the month from the partition folders), every month
    or the months given."""
    source = f"read_parquet({sql_string(glob(records_dir()))}, hive_partitioning = true)"
    if months is None:
        return source
    return f"(SELECT * FROM {source} WHERE decision_month IN ({', '.join(map(str, months))}))"  # noqa: S608


def has_records() -> bool:
    return bool(months_in(records_dir()))


def has_cube() -> bool:
    return bool(months_in(cube_dir()))


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection, with a memory limit that leaves room for the rest.
    DuckDB is imported here, not with the module: the pages and URLs that only ask whether the
    store exists (`has_cube`, `is_illustrative`) do not pay for it."""
    import duckdb

    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{getattr(settings, 'OPERATIONS_MEMORY_LIMIT', '2GB')}'")
    con.execute("SET preserve_insertion_order = false")
    return con


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """Write `target` through `write(temporary)`, then rename the temporary file into place, so
    that a reader never sees half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".tmp")
    write(temporary)
    os.replace(temporary, target)


def remove_partition(base: Path, month: int) -> None:
    folder = partition_file(base, month).parent
    if folder.exists():
        shutil.rmtree(folder)


def read_state() -> dict[str, Any]:
    path = root() / "state.json"
    if not path.exists():
        return {"dirty_months": [], "illustrative": False, "ingests": []}
    return dict(json.loads(path.read_text(encoding="utf-8")))


def write_state(state: dict[str, Any]) -> None:
    text = json.dumps(state, indent=1, sort_keys=True)
    write_atomically(root() / "state.json", lambda path: path.write_text(text, encoding="utf-8"))


# What the illustrative banner names when the records are synthetic (core/marking.py).
RECORDS_PART = _("decisions on applications (generated application records)")


def is_illustrative() -> bool:
    """True when any ingested file was synthetic (or marked illustrative at ingest)."""
    return bool(read_state().get("illustrative"))
