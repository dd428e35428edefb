"""The search index (core/search/): its entries, and the database's own full-text index of them —
an FTS5 table on SQLite, a GIN-indexed tsvector with accent-free English and French
configurations on PostgreSQL. Each is created only on its own database."""

from typing import Any

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE core_searchentry_fts USING fts5("
    "title_en, title_fr, body_en, body_fr, tokenize = 'unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS core_searchentry_fts"]

POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    *(
        statement
        for language in ("english", "french")
        for statement in (
            f"CREATE TEXT SEARCH CONFIGURATION passerelle_{language} (COPY = {language})",
            f"ALTER TEXT SEARCH CONFIGURATION passerelle_{language} "
            f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {language}_stem",
        )
    ),
    "CREATE INDEX core_searchentry_document ON core_searchentry USING gin (document)",
]
POSTGRESQL_BACKWARD = [
    "DROP INDEX IF EXISTS core_searchentry_document",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS passerelle_english",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS passerelle_french",
]


def _run(statements: dict[str, list[str]]) -> Any:
    def run(apps: Any, schema_editor: Any) -> None:
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_fact_version"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.BigIntegerField()),
                ("title_en", models.TextField(blank=True)),
                ("title_fr", models.TextField(blank=True)),
                ("body_en", models.TextField(blank=True)),
                ("body_fr", models.TextField(blank=True)),
                (
                    "document",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["kind", "object_id"], name="searchentry_kind")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("content_type", "object_id"), name="searchentry_one_per_record"
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
