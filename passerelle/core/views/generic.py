"""Generic pages, declared the NetBox way: a domain page names its model, queryset, table,
filter set, form and template blocks, and overrides one method where it needs more.

    class ForumListView(ObjectListView):
        queryset = Forum.objects.select_related("secretariat")
        table = ForumTable
        filterset = ForumFilterSet

Every page reads as its request's user (core/reader.py): querysets, linked records, filter choices
and tables hold only what they may see, and the page is marked with what it shows. Permission to
act is checked here, once (`require`), for every page that writes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views import View
from django_tables2 import RequestConfig

from passerelle.core import deletion, editing
from passerelle.core.changelog import is_change_logged
from passerelle.core.classification import Classification
from passerelle.core.csv import csv_response, wants_csv
from passerelle.core.models import ChangeRecord
from passerelle.core.querysets import permission_name
from passerelle.core.views.listing import Listing, folded
from passerelle.core.views.routes import action_urls, record_url

PER_PAGE = 50


def require(request: HttpRequest, model: type[models.Model], action: str) -> None:
    """403 unless the request's user's role grants `action` on `model` (their clearance is
    applied to what they may read and write by core itself)."""
    if not request.user.has_perm(permission_name(model, action)):
        raise PermissionDenied


class ObjectView(LoginRequiredMixin, View):
    """What every generic page shares: its model and queryset, and how it finds one record."""

    queryset: ClassVar[QuerySet[Any]]
    template_name: str = ""
    lookup_field: str = "pk"
    route_name: str = ""  # the name object_routes() was given; the model's name by default
    view_permission: bool = False  # 403 unless the role may view the model (the change log)
    # Whether the page's body is kept until the next write ({% kept %}): by default, when the
    # model's writes are change-logged (they move the data version the key holds).
    keep_until_write: bool | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if self.view_permission and request.user.is_authenticated:
            require(request, self.model, "view")
        return super().dispatch(request, *args, **kwargs)

    @property
    def model(self) -> type[models.Model]:
        return self.queryset.model

    def keeps(self) -> bool:
        if self.keep_until_write is None:
            return is_change_logged(self.model)
        return self.keep_until_write

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.queryset.all()

    def get_object(self, request: HttpRequest, **kwargs: Any) -> Any:
        value = kwargs.get(self.lookup_field, kwargs.get("pk"))
        found = self.get_queryset(request).filter(**{self.lookup_field: value}).first()
        if found is None:
            raise Http404
        return found

    def meta(self) -> dict[str, Any]:
        meta = self.model._meta
        return {
            "verbose_name": meta.verbose_name,
            "verbose_name_plural": meta.verbose_name_plural,
            "app_label": meta.app_label,
            "model_name": meta.model_name,
        }

    def urls(self, request: HttpRequest, record: Any = None) -> dict[str, str]:
        """The addresses of this model's declared pages (`list_url`, `add_url`, `edit_url`…),
        those of `record` where one is given."""
        namespace = request.resolver_match.namespace if request.resolver_match else ""
        lookup = None
        if record is not None and record.pk is not None:
            lookup = {self.lookup_field: getattr(record, self.lookup_field)}
        name = self.route_name or str(self.model._meta.model_name)
        return action_urls(namespace, name, lookup)

    def permissions(self, request: HttpRequest) -> dict[str, bool]:
        return {
            f"can_{action}": request.user.has_perm(permission_name(self.model, action))
            for action in ("add", "change", "delete")
        }


class ObjectListView(ObjectView):
    """A list: the filter set's form, the table (sortable, paginated) and its CSV
    (`?format=csv`; `?format=csv&layout=NAME` for a table of `export_tables`)."""

    table: type[Any]
    filterset: type[Any] | None = None
    filter_fields: tuple[str, ...] = ()  # the filters the page offers (all of the set's: ())
    per_page: int = PER_PAGE
    context_object_name: str = ""  # the records of the page shown, by this name too
    export_tables: ClassVar[dict[str, type[Any]]] = {}
    template_name = "core/object_list.html"
    filename: str = ""

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        listing = Listing(self, request)
        if wants_csv(request):
            layout = request.GET.get("layout", "")
            table_class = self.export_tables.get(layout, self.table)
            table = table_class(folded(listing.shown, table_class.fold_by))
            name = self.filename or str(self.model._meta.verbose_name_plural)
            return csv_response(table.csv_rows(), table.csv_columns(), filename=name)
        query = request.GET.copy()
        query["format"] = "csv"
        # What the list shows is computed when the template first asks for it: the template
        # keeps that part until the next write ({% kept %}, core/templatetags/kept.py), and a
        # page served from there runs none of the list's queries.
        context = {
            **self.meta(),
            **self.permissions(request),
            **self.urls(request),
            "table": SimpleLazyObject(lambda: listing.table),
            "filterset": SimpleLazyObject(lambda: listing.filterset),
            "has_filters": self.filterset is not None,
            "filter_fields": SimpleLazyObject(lambda: listing.filter_fields),
            "error_links": SimpleLazyObject(lambda: listing.error_links),
            # numbers for {% blocktranslate count %}: Django's templates call a callable
            "total": lambda: listing.total,
            "shown": lambda: listing.shown_count,
            "csv_query": query.urlencode(),
            "keep_until_write": self.keeps(),
            **(
                {self.context_object_name: SimpleLazyObject(lambda: listing.records)}
                if self.context_object_name
                else {}
            ),
            **self.extra_context(request),
        }
        return render(request, self.template_name, context)

    def filter_data(self, request: HttpRequest) -> Any:
        """What the filters are bound to: the request's query (None, the form left unbound, when
        it has none). A page whose filters start from a choice gives it here."""
        return request.GET or None

    def extra_context(self, request: HttpRequest) -> dict[str, Any]:
        return {}


class ObjectDetailView(ObjectView):
    """One record's page: its fields (the template's blocks), `panels` (related tables, each a
    table class and a function from the record to its rows), its citations and a link to its
    history. `extra_context` may give what it computes lazily (a SimpleLazyObject) so that a
    page kept until the next write does not compute it again."""

    template_name = "core/object_detail.html"
    panels: ClassVar[list[tuple[Any, type[Any], Any]]] = []  # title (lazy), table, rows
    context_object_name: str = ""  # the record's name in the template, beside `object`

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.get_object(request, **kwargs)
        # The related tables and citations are read when the template first asks for them: it
        # keeps them until the next write ({% kept %}, core/templatetags/kept.py).
        context = {
            **self.meta(),
            **self.permissions(request),
            **self.urls(request, record),
            "object": record,
            "panels": SimpleLazyObject(lambda: self._panels(request, record)),
            "citations": SimpleLazyObject(lambda: _citations(record)),
            "keep_until_write": self.keeps(),
            **({self.context_object_name: record} if self.context_object_name else {}),
            **self.extra_context(request, record),
        }
        return render(request, self.template_name, context)

    def _panels(self, request: HttpRequest, record: Any) -> list[dict[str, Any]]:
        panels = []
        for title, table_class, rows in self.panels:
            table = table_class(rows(record))
            RequestConfig(request, paginate=False).configure(table)
            panels.append({"title": title, "table": table})
        return panels

    def extra_context(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        return {}


def _citations(record: Any) -> list[Any]:
    citations = getattr(record, "citations", None)
    return list(citations.select_related("source")) if citations is not None else []


class ObjectEditView(ObjectView):
    """Create (no lookup in the address) or edit a record with `form` (a core.forms
    PasserelleForm): a GC form with its error summary, choices and classifications within the
    writer's reach, the version the edit started from (a save over someone else's change is
    refused, nothing written, and the page lists their changes: core/editing.py), and the links
    the writer could not see kept."""

    form: type[forms.ModelForm[Any]]
    template_name = "core/object_edit.html"

    def get_record(self, request: HttpRequest, **kwargs: Any) -> Any:
        if not kwargs:
            require(request, self.model, "add")
            return self.model()
        require(request, self.model, "change")
        return self.get_object(request, **kwargs)

    def get_initial(self, request: HttpRequest, record: Any) -> dict[str, Any]:
        """The new record's initial values (e.g. from the address's query)."""
        return {}

    def submit(
        self, request: HttpRequest, data: Any, record: Any, initial: dict[str, Any]
    ) -> editing.Submission:
        """The form bound to the posted `data` (None on a GET) and, on a POST, saved without
        losing anyone's update (core/editing.py). A page that edits more than the form (inline
        formsets) overrides this one method; what it returns in `context` reaches the
        template."""
        return editing.submit(self.form, data, record, user=request.user, initial=initial)

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.get_record(request, **kwargs)
        initial = self.get_initial(request, record)
        submission = self.submit(request, None, record, initial)
        return self._page(request, submission, record)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.get_record(request, **kwargs)
        submission = self.submit(request, request.POST, record, {})
        if submission.saved is None:
            status = 409 if "conflict" in submission.context else 400
            return self._page(request, submission, record, status=status)
        messages.success(request, _("Saved."))
        return HttpResponseRedirect(self.success_url(submission.saved))

    def success_url(self, record: Any) -> str:
        return record_url(record) or "/"

    def _page(
        self,
        request: HttpRequest,
        submission: editing.Submission,
        record: Any,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            **self.meta(),
            **self.urls(request, record),
            "object": record if record.pk else None,
            "form": submission.form,
            **submission.context,
        }
        return render(request, self.template_name, context, status=status)


class ObjectDeleteView(ObjectView):
    """Delete a record after confirming: what else goes with it (the records the reader may
    see); refused, naming nothing, when records the reader may not see would go or hold it
    (core/deletion.py)."""

    template_name = "core/object_delete.html"

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self._record(request, **kwargs)
        return self._page(request, record)

    def post(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self._record(request, **kwargs)
        plan = deletion.plan([record])
        if not plan.allowed:
            return self._page(request, record, plan=plan, status=409)
        started = request.POST.get("version")
        if started is not None and str(getattr(record, "version", started)) != started:
            messages.error(request, _("Not deleted: someone else changed this record meanwhile."))
            return self._page(request, record, plan=plan, status=409)
        with transaction.atomic():
            record.delete()
        messages.success(request, _("Deleted."))
        return HttpResponseRedirect(self.urls(request)["list_url"] or "/")

    def _record(self, request: HttpRequest, **kwargs: Any) -> Any:
        require(request, self.model, "delete")
        return self.get_object(request, **kwargs)

    def _page(
        self, request: HttpRequest, record: Any, plan: Any = None, status: int = 200
    ) -> HttpResponse:
        plan = plan or deletion.plan([record])
        context = {**self.meta(), **self.urls(request, record), "object": record, "plan": plan}
        return render(request, self.template_name, context, status=status)


class ObjectHistoryView(ObjectView):
    """A record's history: its change records the reader may see (the change log's own
    clearance: a change naming what they may not see is not theirs to see), in the change log's
    table (core/views/changes.py)."""

    template_name = "core/object_history.html"

    def get(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        record = self.get_object(request, **kwargs)
        content_type = ContentType.objects.get_for_model(record, for_concrete_model=True)
        changes = ChangeRecord.objects.filter(
            content_type=content_type, object_id=str(record.pk)
        ).select_related("content_type")
        from passerelle.core.views.changes import ChangeRecordTable  # it is declared over these

        table = ChangeRecordTable(changes, exclude=("name", "kind"))
        RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
        context = {
            **self.meta(),
            **self.urls(request, record),
            "object": record,
            "changes": changes,
            "table": table,
            "can_see_log": request.user.has_perm("core.view_changerecord"),
            "cleared_to": Classification(getattr(request.user, "clearance", 0)),
        }
        return render(request, self.template_name, context)
