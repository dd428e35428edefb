"""A synthetic file of application records, vectorised with numpy and pyarrow so that 50 million
rows take minutes, not hours. Everything it writes is illustrative: the Parquet file says so in
its metadata (`passerelle.illustrative`), and ingest carries the flag to every page.

The shape is meant to look like a visa network's records, not to describe any real one: a few
citizenships dominate, each is served by its office in the network reference data (some files
go to a global operations centre), processing times are lognormal by program and office, approval
rates vary by country and program, and files received near the end are still pending.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from passerelle.operations.codes import (
    AGE_BANDS,
    CRISIS_PROGRAMS,
    ILLUSTRATIVE_KEY,
    PROGRAMS,
    SEXES,
    reference_jurisdictions,
    reference_offices,
)

CHUNK_ROWS = 2_000_000
FIRST_DAY = date(2021, 1, 1)
LAST_DAY = date(2025, 12, 31)
# The citizenships with the most applications first; the others follow in code order.
LEADING = (
    "IND", "CHN", "PHL", "NGA", "MEX", "USA", "VNM", "PAK", "IRN", "BRA", "COL", "GBR", "FRA",
    "KOR", "BGD", "MAR", "DZA", "EGY", "TUR", "UKR", "HTI", "CMR", "GHA", "KEN", "ZAF",
)  # fmt: skip
PROGRAM_SHARES = np.array([0.44, 0.03, 0.02, 0.17, 0.14, 0.07, 0.08, 0.05])
# log-days: mean and spread by program (visitor visas about a month, PR most of a year)
PROGRAM_LOG_DAYS = np.array([3.2, 4.3, 2.6, 3.9, 4.0, 4.3, 5.4, 5.6])
PROGRAM_LOG_SPREAD = np.array([0.7, 0.6, 0.5, 0.6, 0.6, 0.5, 0.45, 0.45])
PROGRAM_APPROVAL_LOGIT = np.array([1.0, 1.6, 2.5, 1.2, 2.0, 2.2, 2.6, 2.2])
AGE_SHARES = np.array([0.12, 0.22, 0.30, 0.16, 0.09, 0.06, 0.05])
SEX_SHARES = np.array([0.49, 0.505, 0.005])
# The crisis measures' applications (codes.CRISIS_PROGRAMS), 2 % of the rows, drawn from their
# own random stream so the regular records of a seed stay what they were: each measure's
# citizenships, its office, the window its intake was open, log-days and approval logit. The
# windows follow the measures' published timelines (pathways reference data); the rest is made up.
CRISIS_SHARE = 0.02
CRISIS = (
    # code, citizenships, office, first and last day received, log-days, spread, logit, share
    (
        "afghan_sim",
        ("AFG",),
        "abu-dhabi",
        date(2021, 7, 23),
        date(2025, 3, 31),
        5.0,
        0.5,
        2.5,
        0.12,
    ),
    (
        "afghan_humanitarian",
        ("AFG",),
        "abu-dhabi",
        date(2021, 8, 13),
        date(2025, 3, 31),
        5.3,
        0.5,
        2.0,
        0.12,
    ),
    ("cuaet", ("UKR",), "kyiv", date(2022, 3, 17), date(2023, 7, 15), 2.8, 0.6, 3.0, 0.50),
    (
        "americas_humanitarian_pr",
        ("COL", "HTI", "VEN"),
        "bogota",
        date(2023, 11, 17),
        date(2023, 12, 30),
        5.5,
        0.4,
        1.5,
        0.08,
    ),
    (
        "sudan_family_pr",
        ("SDN",),
        "cairo",
        date(2024, 2, 27),
        date(2024, 5, 6),
        5.6,
        0.4,
        1.8,
        0.10,
    ),
    ("gaza_trv", ("PSE",), "cairo", date(2024, 1, 9), date(2025, 3, 6), 5.2, 0.6, 1.2, 0.08),
)
assert {measure[0] for measure in CRISIS} == set(CRISIS_PROGRAMS)


class Parameters:
    """The fixed draws a seed makes: country and office effects, and which countries shift."""

    def __init__(self, *, seed: int) -> None:
        rng = np.random.default_rng([seed, 0xC0DE])
        jurisdictions = reference_jurisdictions()
        offices = reference_offices()
        others = sorted(set(jurisdictions) - set(LEADING))
        self.countries = [c for c in LEADING if c in jurisdictions] + others
        # the crisis measures' citizenships outside the draw above, after it (same indices)
        crisis_countries = {c for measure in CRISIS for c in measure[1]}
        self.all_countries = self.countries + sorted(crisis_countries - set(self.countries))
        ranks = np.arange(1, len(self.countries) + 1)
        weights = 1.0 / ranks**1.1
        self.country_p = weights / weights.sum()
        self.offices = sorted(offices)
        office_index = {code: i for i, code in enumerate(self.offices)}
        self.home_office = np.array([office_index[jurisdictions[c]] for c in self.countries])
        asian = {"beijing", "new-delhi", "manila"}
        self.centre_office = np.array(
            [
                office_index[
                    "manila-goc" if offices[jurisdictions[c]] in asian else "bucharest-goc"
                ]
                for c in self.countries
            ]
        )
        self.office_log_days = rng.normal(0.0, 0.18, len(self.offices))
        self.country_logit = rng.normal(0.0, 0.8, len(self.countries))
        self.country_logit[: len(LEADING)] = rng.normal(-0.2, 0.6, len(LEADING))
        # a handful of countries whose refusals and delays rise in the last year
        self.shifted = np.zeros(len(self.countries), dtype=bool)
        self.shifted[rng.choice(len(LEADING), 4, replace=False)] = True


def _dictionary(indices: np.ndarray, values: list[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(indices.astype(np.int32)), pa.array(values))


def generate_chunk(
    params: Parameters, *, rows: int, first_id: int, seed: int, chunk: int
) -> pa.Table:
    """`rows` records with ids from `first_id`, deterministic for (seed, chunk)."""
    rng = np.random.default_rng([seed, chunk])
    n_countries = len(params.countries)
    citizenship = rng.choice(n_countries, rows, p=params.country_p)
    residence = np.where(
        rng.random(rows) < 0.9, citizenship, rng.choice(n_countries, rows, p=params.country_p)
    )
    office = np.where(
        rng.random(rows) < 0.85,
        params.home_office[citizenship],
        params.centre_office[citizenship],
    )
    program = rng.choice(len(PROGRAM_SHARES), rows, p=PROGRAM_SHARES / PROGRAM_SHARES.sum())
    first = np.datetime64(FIRST_DAY, "D").astype(np.int64)
    span = (LAST_DAY - FIRST_DAY).days + 1
    received = first + np.floor(span * rng.random(rows) ** 0.85).astype(np.int64)
    late = (received >= np.datetime64(date(2025, 1, 1), "D").astype(np.int64)) & params.shifted[
        citizenship
    ]
    log_days = (
        PROGRAM_LOG_DAYS[program]
        + params.office_log_days[office]
        + 0.35 * late
        + rng.standard_normal(rows) * PROGRAM_LOG_SPREAD[program]
    )
    days = np.rint(np.exp(log_days)).astype(np.int64)
    decided_on = received + days
    logit = PROGRAM_APPROVAL_LOGIT[program] + params.country_logit[citizenship] - 0.7 * late
    approve = rng.random(rows) < 1.0 / (1.0 + np.exp(-logit))
    outcome = np.where(approve, 0, 1)  # approved, refused
    outcome = np.where(rng.random(rows) < 0.03, 2, outcome)  # withdrawn
    stuck = rng.random(rows) < 0.004  # a pending tail of files that never move
    last = np.datetime64(LAST_DAY, "D").astype(np.int64)
    pending = (decided_on > last) | stuck
    outcome = np.where(pending, 3, outcome)
    crisis = _crisis_rows(params, rows=rows, seed=seed, chunk=chunk)
    if crisis is not None:
        rows_at, values = crisis
        citizenship[rows_at], residence[rows_at] = values["citizenship"], values["citizenship"]
        office[rows_at], program[rows_at] = values["office"], values["program"]
        received[rows_at], outcome[rows_at] = values["received"], values["outcome"]
        pending[rows_at] = values["pending"]
        decided_on[rows_at] = values["decided_on"]
    decision_date = pa.array(decided_on.astype(np.int32), mask=pending).cast(pa.date32())
    return pa.table(
        {
            "application_id": pa.array(np.arange(first_id, first_id + rows, dtype=np.int64)),
            "citizenship": _dictionary(citizenship, params.all_countries),
            "residence": _dictionary(residence, params.all_countries),
            "office": _dictionary(office, params.offices),
            "program": _dictionary(program, list(PROGRAMS)),
            "received_date": pa.array(received.astype(np.int32)).cast(pa.date32()),
            "decision_date": decision_date,
            "decision": _dictionary(outcome, ["approved", "refused", "withdrawn", "pending"]),
            "age_band": _dictionary(
                rng.choice(len(AGE_BANDS), rows, p=AGE_SHARES / AGE_SHARES.sum()), list(AGE_BANDS)
            ),
            "sex": _dictionary(
                rng.choice(len(SEXES), rows, p=SEX_SHARES / SEX_SHARES.sum()), list(SEXES)
            ),
        }
    )


def _crisis_rows(
    params: Parameters, *, rows: int, seed: int, chunk: int
) -> tuple[np.ndarray, dict[str, np.ndarray]] | None:
    """Which rows become applications under a crisis measure, and their values: drawn from a
    stream of their own, so the other rows keep the values the seed gave them before."""
    rng = np.random.default_rng([seed, chunk, 0xC415])
    rows_at = np.flatnonzero(rng.random(rows) < CRISIS_SHARE)
    n = len(rows_at)
    if n == 0:
        return None
    shares = np.array([measure[-1] for measure in CRISIS])
    which = rng.choice(len(CRISIS), n, p=shares / shares.sum())
    country_index = {code: i for i, code in enumerate(params.all_countries)}
    program_index = {code: i for i, code in enumerate(PROGRAMS)}
    values: dict[str, np.ndarray] = {
        name: np.zeros(n, dtype=np.int64)
        for name in ("citizenship", "office", "program", "received", "outcome", "decided_on")
    }
    values["pending"] = np.zeros(n, dtype=bool)
    last = np.datetime64(LAST_DAY, "D").astype(np.int64)
    for i, (code, countries, office, first, final, log_days, spread, logit, _share) in enumerate(
        CRISIS
    ):
        mine = which == i
        m = int(mine.sum())
        if not m:
            continue
        start = np.datetime64(first, "D").astype(np.int64)
        span = (final - first).days + 1
        received = start + np.floor(span * rng.random(m)).astype(np.int64)
        decided_on = received + np.rint(np.exp(log_days + rng.standard_normal(m) * spread))
        approve = rng.random(m) < 1.0 / (1.0 + np.exp(-logit))
        pending = decided_on > last
        values["citizenship"][mine] = [country_index[c] for c in rng.choice(countries, m)]
        values["office"][mine] = params.offices.index(office)
        values["program"][mine] = program_index[code]
        values["received"][mine] = received
        values["decided_on"][mine] = decided_on.astype(np.int64)
        values["outcome"][mine] = np.where(pending, 3, np.where(approve, 0, 1))
        values["pending"][mine] = pending
    return rows_at, values


def generate(
    *,
    rows: int,
    seed: int,
    output: Path,
    progress: Callable[[int], object] | None = None,
) -> int:
    """Write `rows` synthetic records to `output` (.parquet or .csv); returns the rows written."""
    params = Parameters(seed=seed)
    output.parent.mkdir(parents=True, exist_ok=True)
    as_csv = output.suffix.lower() == ".csv"
    writer: pq.ParquetWriter | pacsv.CSVWriter | None = None
    written = 0
    for chunk, start in enumerate(range(0, rows, CHUNK_ROWS)):
        size = min(CHUNK_ROWS, rows - start)
        table = generate_chunk(params, rows=size, first_id=start + 1, seed=seed, chunk=chunk)
        if as_csv:
            table = table.cast(
                pa.schema(
                    [
                        pa.field(f.name, pa.string()) if pa.types.is_dictionary(f.type) else f
                        for f in table.schema
                    ]
                )
            )
        if writer is None:
            if as_csv:
                writer = pacsv.CSVWriter(str(output), table.schema)
            else:
                schema = table.schema.with_metadata({ILLUSTRATIVE_KEY: b"true"})
                writer = pq.ParquetWriter(str(output), schema, compression="zstd")
        writer.write_table(
            table if as_csv else table.replace_schema_metadata(writer.schema.metadata)
        )
        written += size
        if progress:
            progress(size)
    if writer is None:
        raise ValueError("--rows must be at least 1.")
    writer.close()
    return written
