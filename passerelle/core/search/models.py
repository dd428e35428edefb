"""The search index: one entry per searchable record, derived from it by signals.

It is derived data, rebuilt at will: a plain model (not a PasserelleModel), so it is neither
change-logged nor classified; what a user may find is decided by the indexed model's own
`restrict()`. Imported by CoreConfig.ready(), so its app is `core`.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchEntry(models.Model):
    """The title and text of one searchable record in English and French.

    On SQLite an FTS5 table (`core_searchentry_fts`, rowid = this id) indexes these columns; on
    PostgreSQL `document` holds their weighted tsvector, with a GIN index. Both are created by
    migration 0004 only on their own database."""

    kind = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    title_en = models.TextField(blank=True)
    title_fr = models.TextField(blank=True)
    body_en = models.TextField(blank=True)
    body_fr = models.TextField(blank=True)
    document = SearchVectorField(null=True, editable=False)

    class Meta:
        app_label = "core"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="searchentry_one_per_record"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="searchentry_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
