"""IOM Displacement Tracking Matrix API v3: internally displaced persons present at admin level 0,
by round and reporting date (`{"result": [{admin0Pcode, numPresentIdpInd, reportingDate,
roundNumber, displacementReason, idpOriginAdmin1Pcode, assessmentType…}]}`).

A round may hold several rows (by displacement reason, origin and assessment type: baseline
"BA" and site "SA" assessments overlap), so each row is kept under its own breakdown and none is
summed. The country list (`{"result": [{admin0Name, admin0Pcode}]}`) holds no figures.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

from passerelle.indicators.importers.base import (
    ImportFailed,
    IndicatorSpec,
    Parsed,
    Release,
    Value,
)
from passerelle.indicators.importers.geography import Geography, iso_alpha3
from passerelle.indicators.models import GeographyKind, Status, Unit

SPEC = IndicatorSpec(
    code="dtm.idps",
    name_en="Internally displaced persons present (IOM DTM, admin level 0)",
    name_fr="Personnes déplacées à l’intérieur de leur pays présentes (OIM, DTM, niveau admin 0)",
    unit=Unit.PERSONS,
    publisher="IOM DTM",
    definition_en=(
        "IDPs present in the country at the round’s reporting date, as the round assessed them; "
        "baseline (BA) and site (SA) assessments overlap and are not added."
    ),
    definition_fr=(
        "Personnes déplacées présentes dans le pays à la date du cycle, telles que le cycle les a "
        "évaluées; les évaluations de base (BA) et de sites (SA) se recoupent et ne s’additionnent "
        "pas."
    ),
)


def read(path: Path, *, edition: str = "") -> Parsed:
    """Read an admin0 displacement answer of the DTM API."""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
        records = data["result"]
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise ImportFailed(f"{path.name}: not a DTM API answer ({error})") from None
    parsed = Parsed(release=Release("", "", "", "", "", ""))
    parsed.add(SPEC)
    dates: list[datetime.date] = []
    for number, record in enumerate(records, start=1):
        parsed.rows_read += 1
        if "numPresentIdpInd" not in record:
            parsed.skipped["no figure (a country list entry)"] += 1
            continue
        try:
            reported = datetime.date.fromisoformat(str(record["reportingDate"])[:10])
            count = record["numPresentIdpInd"]
            value = None if count is None else float(int(count))
        except (KeyError, TypeError, ValueError) as error:
            parsed.reject(
                file=path.name,
                row=number,
                column="reportingDate, numPresentIdpInd",
                reason=f"missing or not valid ({error})",
            )
            continue
        dates.append(reported)
        code = str(record.get("admin0Pcode") or "").upper()
        place = iso_alpha3(code) or Geography(
            code, GeographyKind.OTHER, record.get("admin0Name", "")
        )
        breakdown = ";".join(
            f"{label}={record.get(key)}"
            for label, key in (
                ("round", "roundNumber"),
                ("reason", "displacementReason"),
                ("origin", "idpOriginAdmin1Pcode"),
                ("assessment", "assessmentType"),
            )
        )
        parsed.values.append(
            Value(
                indicator=SPEC.code,
                geography=place.code,
                kind=place.kind,
                name=str(record.get("admin0Name") or place.name),
                period=reported.isoformat(),
                period_end=reported,
                value=value,
                status=Status.REPORTED if value is not None else Status.NOT_AVAILABLE,
                breakdown=breakdown[:200],
                notes=str(record.get("operation") or ""),
            )
        )
    latest = max(dates) if dates else None
    parsed.release = Release(
        key=f"iom-dtm-{path.stem}"[:60],
        publisher_en="International Organization for Migration",
        publisher_fr="Organisation internationale pour les migrations",
        title_en="Displacement Tracking Matrix (API v3)",
        title_fr="Matrice de suivi des déplacements (API v3)",
        edition=edition or (f"to {latest.isoformat()}" if latest else "no figures"),
        published=latest,
        identifier=path.name,
    )
    return parsed
