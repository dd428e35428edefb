"""Periods recorded as years over several years run from 1 July of the first year to 30 June of
the last (partners/periods.py), so that a term ends when the next begins: chair 2021-2022 and past
chair 2022-2023 no longer overlap. Rewrites the periods loaded before."""

from django.db import migrations

from passerelle.partners.periods import year_bounds

MODELS = ("Membership", "ForumRole", "Relationship")


def as_terms(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in MODELS:
        model = apps.get_model("partners", name)
        for record in model.objects.filter(precision="year"):
            start, end = year_bounds(
                record.start.year if record.start else None,
                record.end.year if record.end else None,
            )
            if (start, end) != (record.start, record.end):
                model.objects.filter(pk=record.pk).update(start=start, end=end)


def as_calendar_years(apps, schema_editor):  # type: ignore[no-untyped-def]
    from datetime import date

    for name in MODELS:
        model = apps.get_model("partners", name)
        for record in model.objects.filter(precision="year"):
            start = date(record.start.year, 1, 1) if record.start else None
            end = date(record.end.year, 12, 31) if record.end else None
            model.objects.filter(pk=record.pk).update(start=start, end=end)


class Migration(migrations.Migration):
    dependencies = [("partners", "0002_party_keys")]

    operations = [migrations.RunPython(as_terms, as_calendar_years)]
