"""Turning the reference files into validated records (`ReferenceData`), or every problem found."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from passerelle.core.models import Fact
from passerelle.core.reference.errors import Problem, ReferenceDataError
from passerelle.core.reference.schema import (
    FILE_FIELDS,
    SECTIONS,
    UNITS,
    Checker,
    FactSpec,
    GroupSpec,
    ReferenceData,
    SourceSpec,
)
from passerelle.core.reference.yamlio import LineMapping, read_yaml

_SOURCE_FIELDS = {"publisher_fr", "title_fr", "edition_en", "edition_fr", "published"}
_SOURCE_FIELDS |= {"identifier", "retrieved", "checksum", "classification"}
_GROUP_FIELDS = {"description_en", "description_fr", "classification", "illustrative"}
_GROUP_FIELDS |= {"members", "members_from_m49"}
_FACT_FIELDS = {"section", "order", "text_en", "text_fr", "value", "unit", "period_en"}
_FACT_FIELDS |= {"period_fr", "as_of", "countries", "attributes", "classification", "illustrative"}
_FACT_MODEL_FIELDS = {f.name for f in Fact._meta.concrete_fields}


def parse_directory(directory: Path) -> ReferenceData:
    """Read and validate every `*.yaml` file of `directory`; raise `ReferenceDataError` listing
    every problem found."""
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise ReferenceDataError([Problem(directory, 0, "no *.yaml reference files here")])
    data = ReferenceData()
    problems: list[Problem] = []
    for path in paths:
        try:
            document = read_yaml(path)
        except ReferenceDataError as error:
            problems.extend(error.problems)
            continue
        _parse_file(path, document, data, problems)
    _check_cross_references(data, problems)
    if problems:
        raise ReferenceDataError(problems)
    _number_facts(data)
    return data


def _parse_file(path: Path, document: Any, data: ReferenceData, problems: list[Problem]) -> None:
    check = Checker(path, problems)
    if document is None:
        return
    top = check.mapping(document, 1, "a reference file")
    if top is None or not check.fields(top, required=set(), optional=FILE_FIELDS):
        return
    default_section = top.get("section")
    if default_section is not None and default_section not in SECTIONS:
        check.fail(top.line_of("section"), f"unknown section {default_section!r}")
    for name, reader in (("sources", _source), ("country_groups", _group), ("facts", _fact)):
        for mapping in check.listed(top, name):
            reader(check, mapping, data, default_section)


def _source(check: Checker, item: LineMapping, data: ReferenceData, _section: Any) -> None:
    if not check.fields(
        item, required={"key", "publisher_en", "title_en"}, optional=_SOURCE_FIELDS
    ):
        return
    values: dict[str, Any] = {
        "publisher_en": check.text(item, "publisher_en", required=True),
        "publisher_fr": check.text(item, "publisher_fr"),
        "title_en": check.text(item, "title_en", required=True),
        "title_fr": check.text(item, "title_fr"),
        **check.bilingual(item, "edition", required=False),
        "published": check.date(item, "published"),
        "identifier": check.text(item, "identifier"),
        "retrieved": check.date(item, "retrieved"),
        "checksum": check.text(item, "checksum"),
        "classification": check.classification(item),
    }
    data.sources.append(SourceSpec(check.slug(item, "key"), values, check.path, item.line))


def _group(check: Checker, item: LineMapping, data: ReferenceData, _section: Any) -> None:
    required = {"slug", "name_en", "name_fr", "citations"}
    if not check.fields(item, required=required, optional=_GROUP_FIELDS):
        return
    if "members" not in item and "members_from_m49" not in item:
        check.fail(item.line, "give 'members', 'members_from_m49' or both")
    values: dict[str, Any] = {
        **check.bilingual(item, "name", required=True),
        **check.bilingual(item, "description", required=False),
        "classification": check.classification(item),
        "illustrative": _flag(check, item, "illustrative"),
    }
    data.groups.append(
        GroupSpec(
            slug=check.slug(item, "slug"),
            values=values,
            members=check.codes(item, "members"),
            regions=_m49_codes(check, item),
            citations=check.citations(item, model_fields={"members", "name_en", "description_en"}),
            path=check.path,
            line=item.line,
            members_line=item.line_of("members"),
        )
    )


def _fact(check: Checker, item: LineMapping, data: ReferenceData, section: Any) -> None:
    required = {"key", "title_en", "title_fr", "citations"}
    if not check.fields(item, required=required, optional=_FACT_FIELDS):
        return
    section = item.get("section", section)
    if section not in SECTIONS:
        check.fail(item.line_of("section"), f"unknown section {section!r}")
    value = _decimal(check, item)
    unit = check.text(item, "unit")
    if unit and unit not in UNITS:
        check.fail(item.line_of("unit"), f"unknown unit {unit!r} ({', '.join(UNITS)})")
    if (value is None) != (not unit):
        check.fail(item.line, "'value' and 'unit' go together: give both or neither")
    attributes = item.get("attributes", {})
    if not isinstance(attributes, dict):
        check.fail(item.line_of("attributes"), "'attributes' must be a mapping")
        attributes = {}
    order = item.get("order")
    if order is not None and (not isinstance(order, int) or isinstance(order, bool) or order < 0):
        check.fail(item.line_of("order"), f"'order' {order!r} is not a whole number")
        order = None
    values: dict[str, Any] = {
        "section": section,
        "order": order,
        **check.bilingual(item, "title", required=True),
        **check.bilingual(item, "text", required=False),
        "value": value,
        "unit": unit,
        **check.bilingual(item, "period", required=False),
        "as_of": check.date(item, "as_of"),
        "attributes": _plain(attributes),
        "classification": check.classification(item),
        "illustrative": _flag(check, item, "illustrative"),
    }
    data.facts.append(
        FactSpec(
            key=check.slug(item, "key"),
            values=values,
            countries=check.codes(item, "countries"),
            citations=check.citations(item, model_fields=_FACT_MODEL_FIELDS | {"countries"}),
            path=check.path,
            line=item.line,
            countries_line=item.line_of("countries"),
        )
    )


def _m49_codes(check: Checker, item: LineMapping) -> list[str]:
    value = item.get("members_from_m49") or []
    if not isinstance(value, list) or not all(
        isinstance(code, str) and len(code) == 3 and code.isdigit() for code in value
    ):
        check.fail(
            item.line_of("members_from_m49"),
            "'members_from_m49' must be a list of quoted M49 codes",
        )
        return []
    return list(value)


def _decimal(check: Checker, item: LineMapping) -> Decimal | None:
    raw = item.get("value")
    if raw is None:
        return None
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        check.fail(item.line_of("value"), f"'value' {raw!r} is not a number")
        return None
    try:
        value = Decimal(str(raw).replace("_", ""))
    except InvalidOperation:
        check.fail(item.line_of("value"), f"'value' {raw!r} is not a number")
        return None
    if not value.is_finite():
        check.fail(item.line_of("value"), f"'value' {raw!r} is not a finite number")
        return None
    return value


def _flag(check: Checker, item: LineMapping, name: str) -> bool:
    return check.flag(item, name)


def _plain(value: Any) -> Any:
    """Attributes as plain JSON values (LineMapping is a dict, but compare as one)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _check_cross_references(data: ReferenceData, problems: list[Problem]) -> None:
    for kind, records in (
        ("source", [(s.key, s.path, s.line) for s in data.sources]),
        ("country group", [(g.slug, g.path, g.line) for g in data.groups]),
        ("fact", [(f.key, f.path, f.line) for f in data.facts]),
    ):
        first: dict[str, tuple[Path, int]] = {}
        for key, path, line in records:
            if key in first:
                where = f"{first[key][0].name}:{first[key][1]}"
                problems.append(
                    Problem(path, line, f"duplicate {kind} key {key!r} (first at {where})")
                )
            else:
                first[key] = (path, line)
    known = {s.key for s in data.sources}
    cited: list[GroupSpec | FactSpec] = [*data.groups, *data.facts]
    for record in cited:
        for cite in record.citations:
            if cite.source and cite.source not in known:
                problems.append(
                    Problem(record.path, cite.line, f"citation of unknown source {cite.source!r}")
                )


def _number_facts(data: ReferenceData) -> None:
    """A fact without an explicit `order` takes its position in its section (1, 2, 3…)."""
    position: dict[str, int] = defaultdict(int)
    for fact in data.facts:
        position[fact.values["section"]] += 1
        if fact.values["order"] is None:
            fact.values["order"] = position[fact.values["section"]]
