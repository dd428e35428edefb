"""`passerelle operations ingest FILE`: validate every row of a Parquet or CSV file of application
records, then store the accepted records in the month partitions, all or nothing.

Every row is checked (codes, dates, decision and date together, duplicate ids in the file); any
reject stops the whole file and is reported with its row and reason. A record whose
application_id is already stored replaces its earlier version, wherever that version was.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from passerelle.core.importing.report import RowError
from passerelle.operations import codes, index, store


@dataclass(frozen=True)
class Reject(RowError):
    """One bad value (the kernel's row error, core/importing, with the value itself): `row` is
    the data row here (1 = first record after the header)."""

    value: str = ""

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column} ({self.value!r}): {self.reason}"


class IngestError(Exception):
    """The file was refused; nothing was stored."""

    def __init__(self, message: str, *, rejects: list[Reject] | None = None, total: int = 0):
        super().__init__(message)
        self.rejects = rejects or []
        self.total = total or len(self.rejects)


@dataclass
class IngestResult:
    rows: int
    replaced: int
    months: list[int] = field(default_factory=list)
    illustrative: bool = False


# (SQL condition on the staged row, column, reason); rows are staged as text plus typed values
CHECKS: tuple[tuple[str, str, str], ...] = (
    ("id IS NULL", "application_id", "not an integer"),
    (
        "coalesce(citizenship, '') NOT IN (SELECT code FROM countries)",
        "citizenship",
        "unknown country code",
    ),
    (
        "coalesce(residence, '') NOT IN (SELECT code FROM countries)",
        "residence",
        "unknown country code",
    ),
    ("coalesce(office, '') NOT IN (SELECT code FROM offices)", "office", "unknown office code"),
    ("coalesce(program, '') NOT IN (SELECT code FROM programs)", "program", "unknown program code"),
    ("coalesce(decision, '') NOT IN (SELECT code FROM decisions)", "decision", "unknown decision"),
    ("coalesce(age_band, '') NOT IN (SELECT code FROM age_bands)", "age_band", "unknown age band"),
    ("coalesce(sex, '') NOT IN (SELECT code FROM sexes)", "sex", "unknown sex code"),
    ("received IS NULL", "received_date", "missing or bad date (YYYY-MM-DD)"),
    (
        "decided IS NULL AND coalesce(decision_date, '') <> ''",
        "decision_date",
        "bad date (YYYY-MM-DD)",
    ),
    (
        "decision IN ('approved', 'refused', 'withdrawn') AND coalesce(decision_date, '') = ''",
        "decision_date",
        "decision without a decision date",
    ),
    (
        "decision = 'pending' AND coalesce(decision_date, '') <> ''",
        "decision_date",
        "pending application with a decision date",
    ),
    ("decided < received", "decision_date", "decision before receipt"),
)


def _code_table(con: duckdb.DuckDBPyConnection, name: str, values: Iterable[str]) -> None:
    listed = ", ".join(store.sql_string(value) for value in sorted(values))
    con.execute(f"CREATE TABLE {name} AS SELECT unnest([{listed}]::VARCHAR[]) AS code")


def _source(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    """The file as the view `source`, with each record's row number; returns the file's format.
    A Parquet file is read where it is (its row numbers are the file's); a CSV file is read once
    into a table (its rows are numbered in reading order)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        con.execute(
            "CREATE TABLE source AS SELECT row_number() OVER () AS row, * "  # noqa: S608
            f"FROM read_csv({store.sql_string(path)}, header = true, all_varchar = true, "
            "delim = ',', quote = '\"')"
        )
        return "csv"
    if suffix in {".parquet", ".pq"}:
        con.execute(
            "CREATE VIEW source AS SELECT file_row_number + 1 AS row, * "  # noqa: S608
            f"FROM read_parquet({store.sql_string(path)}, file_row_number = true)"
        )
        return "parquet"
    raise IngestError(f"{path}: not a .parquet or .csv file.")


def _typed(column: str, kind: str, present: dict[str, str]) -> str:
    """The column as `kind` (NULL where it is not one), taken as it is when the file already
    holds it so: a Parquet file's dates and ids are not turned into text and back."""
    if present[column] == kind:
        return column
    return f"TRY_CAST(CAST({column} AS VARCHAR) AS {kind})"


def _stage(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The view `staged`: every column as text (what the checks and the rejects show), and the
    id and dates typed. Nothing is copied: the checks and the writes read through it."""
    _source(con, path)
    described = con.execute("DESCRIBE source").fetchall()[1:]  # after `row`
    present = {row[0]: row[1] for row in described}
    if len(present) == 1 and ";" in next(iter(present)):
        raise IngestError(
            f"{path}: the columns are separated by semicolons; a CSV file of records is "
            f"comma-separated (header: {', '.join(codes.COLUMNS)})."
        )
    missing = [c for c in codes.COLUMNS if c not in present]
    if missing:
        raise IngestError(f"{path}: missing column(s) {', '.join(missing)}.")
    unknown = [c for c in present if c not in (*codes.COLUMNS, "file_row_number")]
    if unknown:
        raise IngestError(
            f"{path}: unknown column(s) {', '.join(unknown)}; the columns are "
            f"{', '.join(codes.COLUMNS)}."
        )
    text = ", ".join(f"CAST({c} AS VARCHAR) AS {c}" for c in codes.COLUMNS)
    con.execute(
        f"CREATE VIEW staged AS SELECT row, {text}, "  # noqa: S608 - fixed column names
        f"{_typed('application_id', 'BIGINT', present)} AS id, "
        f"{_typed('received_date', 'DATE', present)} AS received, "
        f"{_typed('decision_date', 'DATE', present)} AS decided FROM source"
    )
    (count,) = con.execute("SELECT count(*) FROM staged").fetchone() or (0,)
    return int(count)


def _any_reject(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any row fails a check, in one pass over the file (the rejects themselves, with
    their rows, are listed only for a file that has some)."""
    failing = " OR ".join(f"({condition})" for condition, _column, _reason in CHECKS)
    (bad, duplicates) = con.execute(
        f"SELECT count(*) FILTER (WHERE {failing}), "  # noqa: S608 - fixed conditions
        "count(id) - count(DISTINCT id) FROM staged"
    ).fetchone() or (0, 0)
    return bool(bad or duplicates)


def _rejects(con: duckdb.DuckDBPyConnection, *, limit: int) -> tuple[list[Reject], int]:
    parts = [
        f"SELECT row, '{column}' AS col, coalesce({column}, '') AS value, "  # noqa: S608
        f"'{reason}' AS reason FROM staged WHERE {condition}"
        for condition, column, reason in CHECKS
    ]
    parts.append(
        "SELECT s.row, 'application_id', s.application_id, "
        "'duplicate application_id in the file (first at row ' || d.first || ')' "
        "FROM staged s JOIN (SELECT id, min(row) AS first FROM staged WHERE id IS NOT NULL "
        "GROUP BY id HAVING count(*) > 1) d ON s.id = d.id AND s.row > d.first"
    )
    con.execute("CREATE TABLE rejects AS " + " UNION ALL ".join(parts))
    (total,) = con.execute("SELECT count(*) FROM rejects").fetchone() or (0,)
    rows = con.execute(
        "SELECT DISTINCT row, col, value, reason FROM rejects ORDER BY row, col LIMIT ?", [limit]
    ).fetchall()
    return [Reject(int(r[0]), r[1], r[3], value=r[2]) for r in rows], int(total)


def _accept(con: duckdb.DuckDBPyConnection, folder: Path) -> None:
    """Write the accepted records to `folder`, one partition per decision month, in one pass
    over the file (unsorted, quickly compressed: each month is sorted when it is stored)."""
    con.execute(
        "COPY (SELECT id AS application_id, citizenship, residence, office, program, "  # noqa: S608
        "received AS received_date, decided AS decision_date, decision, age_band, sex, "
        "coalesce(year(decided) * 100 + month(decided), 0)::INTEGER AS decision_month "
        f"FROM staged) TO {store.sql_string(folder)} "
        "(FORMAT parquet, COMPRESSION snappy, PARTITION_BY (decision_month))"
    )


def _is_illustrative(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    if path.suffix.lower() == ".csv":
        return False
    found = con.execute(
        f"SELECT key, value FROM parquet_kv_metadata({store.sql_string(path)})"  # noqa: S608
    ).fetchall()
    return any(key == codes.ILLUSTRATIVE_KEY and value == b"true" for key, value in found)


RECORD_COLUMNS = ", ".join(codes.COLUMNS)


def ingest(
    path: Path,
    *,
    illustrative: bool = False,
    max_rejects: int = 100,
    progress: Callable[[Iterable[int]], Iterable[int]] = lambda months: months,
) -> IngestResult:
    """Validate `path` and store its records; raises IngestError (nothing stored) on any reject."""
    if not path.exists():
        raise IngestError(f"{path}: no such file.")
    work = store.work_folder("ingest")
    con = duckdb.connect(str(work / "ingest.duckdb"))
    try:
        con.execute("SET memory_limit = '2GB'")
        for name, values in (
            ("countries", codes.known_countries()),
            ("offices", codes.known_offices()),
            ("programs", codes.PROGRAMS),
            ("decisions", codes.DECISIONS),
            ("age_bands", codes.AGE_BANDS),
            ("sexes", codes.SEXES),
        ):
            _code_table(con, name, values)
        try:
            rows = _stage(con, path)
        except duckdb.Error as error:
            raise IngestError(f"{path}: cannot be read: {error}") from None
        if rows == 0:
            raise IngestError(f"{path}: no records.")
        rejects, total = _rejects(con, limit=max_rejects) if _any_reject(con) else ([], 0)
        if total:
            raise IngestError(
                f"{path}: {total} problem(s) in {rows} rows; nothing was stored.",
                rejects=rejects,
                total=total,
            )
        accepted = work / "accepted"
        _accept(con, accepted)
        with store.new_generation():
            return _store(
                con,
                accepted,
                rows=rows,
                progress=progress,
                illustrative=illustrative or _is_illustrative(con, path),
            )
    finally:
        con.close()
        shutil.rmtree(work, ignore_errors=True)


def _intake_delta(con: duckdb.DuckDBPyConnection) -> Path:
    """The change to the intake this file makes (its records counted, the versions they replace
    taken off), staged next to the intake; build adds it (see build._refresh_intake)."""
    folder = store.root() / "intake-delta"
    folder.mkdir(parents=True, exist_ok=True)
    staged = folder / f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}.next"
    con.execute(
        "COPY (SELECT citizenship, office, program, received_month, sum(n)::BIGINT AS received "  # noqa: S608
        "FROM (SELECT citizenship, office, program, "
        "year(received_date) * 100 + month(received_date) AS received_month, 1 AS n "
        "FROM accepted UNION ALL SELECT citizenship, office, program, "
        "year(received) * 100 + month(received), -1 FROM replaced) "
        f"GROUP BY ALL HAVING sum(n) <> 0) TO '{staged}' (FORMAT parquet)"
    )
    return staged


def _store(
    con: duckdb.DuckDBPyConnection,
    accepted: Path,
    *,
    rows: int,
    progress: Callable[[Iterable[int]], Iterable[int]],
    illustrative: bool,
) -> IngestResult:
    """Store each month the file touches: its accepted records with the month's stored records
    that the file does not replace, sorted; every month written before any is swapped in."""
    new = store.written_months(accepted)
    con.execute(
        "CREATE VIEW accepted AS SELECT * FROM "  # noqa: S608
        f"read_parquet({store.sql_string(accepted / '*' / '*.parquet')}, hive_partitioning = true)"
    )
    con.execute(
        "CREATE TABLE replaced (application_id BIGINT, decision_month INTEGER, received DATE, "
        "citizenship VARCHAR, office VARCHAR, program VARCHAR)"
    )
    if store.months_in(store.records_dir()):
        con.execute(
            "INSERT INTO replaced SELECT application_id, decision_month, received_date, "  # noqa: S608
            f"citizenship, office, program FROM {store.stored_records()} "
            "WHERE application_id IN (SELECT application_id FROM accepted)"
        )
    old_months = {
        r[0] for r in con.execute("SELECT DISTINCT decision_month FROM replaced").fetchall()
    }
    touched = sorted(set(new) | old_months)
    written: list[tuple[int, Path | None]] = []
    for month in progress(touched):
        target = store.partition_file(store.records_dir(), month)
        parts = []
        if month in new:
            files = ", ".join(store.sql_string(f) for f in new[month])
            parts.append(f"SELECT {RECORD_COLUMNS} FROM read_parquet([{files}])")  # noqa: S608
        if target.exists():
            parts.append(
                f"SELECT {RECORD_COLUMNS} FROM read_parquet({store.sql_string(target)}) "  # noqa: S608
                "WHERE application_id NOT IN "
                f"(SELECT application_id FROM replaced WHERE decision_month = {month})"
            )
        staged = target.with_name("data.next")
        staged.parent.mkdir(parents=True, exist_ok=True)
        (count,) = con.execute(
            f"COPY (SELECT * FROM ({' UNION ALL '.join(parts)}) "  # noqa: S608
            f"ORDER BY citizenship, office, program, application_id) TO {store.sql_string(staged)} "
            f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {store.ROW_GROUP_ROWS})"
        ).fetchone() or (0,)
        if count:
            if month:  # the month's roll-up index, from the same new file
                index.write(con, staged, index.staged(month))
            written.append((month, staged))
        else:  # every record of the month moved elsewhere: the month goes
            staged.unlink()
            written.append((month, None))
    delta = _intake_delta(con)
    for month, replacement in written:  # every file is written before any is swapped in
        if replacement is None:
            store.remove_partition(store.records_dir(), month)
            store.remove_partition(store.days_dir(), month)
            continue
        os.replace(replacement, store.partition_file(store.records_dir(), month))
        if month:
            os.replace(index.staged(month), store.partition_file(store.days_dir(), month))
    os.replace(delta, delta.with_suffix(".parquet"))
    (replaced,) = con.execute("SELECT count(*) FROM replaced").fetchone() or (0,)
    state = store.read_state()
    state["dirty_months"] = sorted(set(state.get("dirty_months", [])) | set(touched))
    state["illustrative"] = bool(state.get("illustrative")) or illustrative
    state.setdefault("ingests", []).append(
        {"rows": rows, "replaced": int(replaced), "at": datetime.now(UTC).isoformat()}
    )
    store.write_state(state)
    return IngestResult(
        rows=rows, replaced=int(replaced), months=touched, illustrative=illustrative
    )
