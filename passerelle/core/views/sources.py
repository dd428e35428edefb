"""The sources' pages: the list (as CSV too), one source with the records that cite it, and its
history — declared over the generic views. Sources are written by the reference loader, the
importers and the API, so there is no edit page."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import Citation, Source
from passerelle.core.tables import ExportColumn, LinkColumn, Table
from passerelle.core.templatetags.passerelle import localized, longdate
from passerelle.core.views.generic import ObjectDetailView, ObjectListView


class SourceTable(Table):
    caption = _("Sources")
    title = LinkColumn(verbose_name=_("Title"), row=True, language_field="title")
    publisher = ExportColumn(verbose_name=_("Publisher"), visible=True, accessor="pk")
    edition = ExportColumn(verbose_name=_("Edition or release"), visible=True, accessor="pk")
    published = ExportColumn(verbose_name=_("Published"), visible=True)
    key = ExportColumn(verbose_name=_("Key"))
    identifier = ExportColumn(verbose_name=_("Identifier or address"))
    retrieved = ExportColumn(verbose_name=_("Retrieved"))

    class Meta(Table.Meta):
        model = Source
        fields = ()
        exclude = ("illustrative",)

    def render_title(self, record: Source) -> Any:
        return LinkColumn(row=True).render(record, record)

    def value_title(self, record: Source) -> str:
        return localized(record, "title")

    def render_publisher(self, record: Source) -> str:
        return localized(record, "publisher")

    value_publisher = render_publisher

    def render_edition(self, record: Source) -> str:
        return localized(record, "edition") or "—"

    def value_edition(self, record: Source) -> str:
        return localized(record, "edition")

    def render_published(self, value: Any) -> str:
        return longdate(value)


class SourceListView(ObjectListView):
    """Every source the reader may see: the publications, releases and data files figures are
    taken from."""

    queryset = Source.objects.all()
    table = SourceTable
    template_name = "web/sources/list.html"
    filename = "sources"
    per_page = 200


class SourceDetailView(ObjectDetailView):
    """One source, and the records that cite it (those the reader may see)."""

    queryset = Source.objects.all()
    lookup_field = "key"
    template_name = "web/sources/detail.html"
    context_object_name = "source"

    def extra_context(self, request: HttpRequest, source: Any) -> dict[str, Any]:
        return {"cited_by": _cited_by(source)}


def _cited_by(source: Source) -> list[Model]:
    """The records citing `source` that the reader may see, read through each model's manager."""
    ids_by_model: dict[type[Model], set[int]] = defaultdict(set)
    for citation in Citation.objects.filter(source=source).select_related("content_type"):
        model = citation.content_type.model_class()
        if model is not None:
            ids_by_model[model].add(citation.object_id)
    records: list[Model] = []
    for model, ids in ids_by_model.items():
        records.extend(model._default_manager.filter(pk__in=ids))
    return records
