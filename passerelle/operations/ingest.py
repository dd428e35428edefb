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
import pyarrow as pa
import pyarrow.parquet as pq

from passerelle.core.importing.report import RowError
from passerelle.operations import codes, index, store
from passerelle.operations.generator import ILLUSTRATIVE_KEY


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
    con.register(f"{name}_arrow", pa.table({"code": pa.array(sorted(values), pa.string())}))
    con.execute(f"CREATE TABLE {name} AS SELECT code FROM {name}_arrow")  # noqa: S608


def _source(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    """Stage the file as text columns with its row number; returns the file's format."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        con.execute(
            "CREATE TABLE source AS SELECT row_number() OVER () AS row, * "
            "FROM read_csv(?, header = true, all_varchar = true, delim = ',', quote = '\"')",
            [str(path)],
        )
        return "csv"
    if suffix in {".parquet", ".pq"}:
        con.execute(
            "CREATE TABLE source AS SELECT file_row_number + 1 AS row, * "
            "FROM read_parquet(?, file_row_number = true)",
            [str(path)],
        )
        return "parquet"
    raise IngestError(f"{path}: not a .parquet or .csv file.")


def _stage(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    _source(con, path)
    present = [row[0] for row in con.execute("DESCRIBE source").fetchall()][1:]  # after `row`
    if len(present) == 1 and ";" in present[0]:
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
        f"CREATE TABLE staged AS SELECT row, {text}, "  # noqa: S608 - fixed column names
        "TRY_CAST(CAST(application_id AS VARCHAR) AS BIGINT) AS id, "
        "TRY_CAST(CAST(received_date AS VARCHAR) AS DATE) AS received, "
        "TRY_CAST(CAST(decision_date AS VARCHAR) AS DATE) AS decided FROM source"
    )
    con.execute("DROP TABLE source")
    (count,) = con.execute("SELECT count(*) FROM staged").fetchone() or (0,)
    return int(count)


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


def _accept(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE accepted AS SELECT id AS application_id, citizenship, residence, office, "
        "program, received AS received_date, decided AS decision_date, decision, age_band, sex, "
        "coalesce(year(decided) * 100 + month(decided), 0)::INTEGER AS decision_month "
        "FROM staged ORDER BY decision_month"
    )
    con.execute("DROP TABLE staged")


def _is_illustrative(path: Path) -> bool:
    if path.suffix.lower() == ".csv":
        return False
    metadata = pq.read_schema(path).metadata or {}
    return metadata.get(ILLUSTRATIVE_KEY) == b"true"


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
        rejects, total = _rejects(con, limit=max_rejects)
        if total:
            raise IngestError(
                f"{path}: {total} problem(s) in {rows} rows; nothing was stored.",
                rejects=rejects,
                total=total,
            )
        _accept(con)
        with store.new_generation():
            return _store(
                con, progress=progress, illustrative=illustrative or _is_illustrative(path)
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
    *,
    progress: Callable[[Iterable[int]], Iterable[int]],
    illustrative: bool,
) -> IngestResult:
    existing = store.months_in(store.records_dir())
    con.execute(
        "CREATE TABLE replaced (application_id BIGINT, decision_month INTEGER, received DATE, "
        "citizenship VARCHAR, office VARCHAR, program VARCHAR)"
    )
    if existing:
        con.execute(
            "INSERT INTO replaced SELECT application_id, decision_month, received_date, "
            "citizenship, office, program "
            "FROM read_parquet(?, hive_partitioning = true) "
            "WHERE application_id IN (SELECT application_id FROM accepted)",
            [store.glob(store.records_dir())],
        )
    new_months = {
        r[0] for r in con.execute("SELECT DISTINCT decision_month FROM accepted").fetchall()
    }
    old_months = {
        r[0] for r in con.execute("SELECT DISTINCT decision_month FROM replaced").fetchall()
    }
    touched = sorted(new_months | old_months)
    written: list[tuple[int, Path | None]] = []
    for month in progress(touched):
        target = store.partition_file(store.records_dir(), month)
        kept = (
            f"SELECT {RECORD_COLUMNS} FROM read_parquet('{target}') "  # noqa: S608
            "WHERE application_id NOT IN (SELECT application_id FROM accepted)"
            if target.exists()
            else None
        )
        union = f"SELECT {RECORD_COLUMNS} FROM accepted WHERE decision_month = {month}"  # noqa: S608
        if kept:
            union += f" UNION ALL {kept}"
        staged = target.with_name("data.next")
        staged.parent.mkdir(parents=True, exist_ok=True)
        (count,) = con.execute(
            f"COPY (SELECT * FROM ({union}) ORDER BY citizenship, office, program, "  # noqa: S608
            f"application_id) TO '{staged}' (FORMAT parquet, COMPRESSION zstd, "
            f"ROW_GROUP_SIZE {store.ROW_GROUP_ROWS})"
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
    (rows,) = con.execute("SELECT count(*) FROM accepted").fetchone() or (0,)
    (replaced,) = con.execute("SELECT count(*) FROM replaced").fetchone() or (0,)
    state = store.read_state()
    state["dirty_months"] = sorted(set(state.get("dirty_months", [])) | set(touched))
    state["illustrative"] = bool(state.get("illustrative")) or illustrative
    state.setdefault("ingests", []).append(
        {"rows": int(rows), "replaced": int(replaced), "at": datetime.now(UTC).isoformat()}
    )
    store.write_state(state)
    return IngestResult(
        rows=int(rows), replaced=int(replaced), months=touched, illustrative=illustrative
    )
