"""The addresses of a declared model's pages, and their names, from one call:

    urlpatterns = object_routes(
        "forums/", "forum", lookup="<slug:slug>",
        list=ForumListView, detail=ForumDetailView, edit=ForumEditView,
        delete=ForumDeleteView, history=ForumHistoryView,
    )

gives `forums/` (forum_list), `forums/add/` (forum_add), `forums/<slug>/` (forum_detail),
`…/edit/` (forum_edit), `…/delete/` (forum_delete) and `…/history/` (forum_history). The generic
views find each other by these names (`action_urls`), so a page links to edit, delete and history
only where the app declared them and the reader's role allows them.
"""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, URLPattern, get_resolver, path, reverse

ACTIONS = ("list", "add", "detail", "edit", "delete", "history")

# model → (namespace, route name, lookup field) of its declared detail page
_detail_pages: dict[type[Any], tuple[str, str, str]] = {}


def object_routes(
    prefix: str,
    name: str,
    *,
    lookup: str = "<int:pk>",
    list: type[Any] | None = None,
    detail: type[Any] | None = None,
    edit: type[Any] | None = None,
    delete: type[Any] | bool | None = None,
    history: type[Any] | bool | None = None,
    namespace: str = "",
) -> list[URLPattern]:
    """The URL patterns of the views given (an edit view serves both add and edit; `delete=True`
    and `history=True` give the generic pages for the detail page's records). The detail
    page becomes the address of the model's records (`record_url`); `namespace` is the URL
    module's `app_name` where it is not the model's app label."""
    if delete is True or history is True:
        from passerelle.core.views import generic

        assert detail is not None, "the generic delete and history pages need a detail page"
        if delete is True:
            delete = _generic(generic.ObjectDeleteView, detail)
        if history is True:
            history = _generic(generic.ObjectHistoryView, detail)
    delete = delete or None
    history = history or None
    for view in (list, detail, edit, delete, history):
        if view is not None and not view.__dict__.get("route_name"):
            view.route_name = name  # how the generic views find each other's addresses
    routes = []
    if list is not None:
        routes.append(path(prefix, list.as_view(), name=f"{name}_list"))
    if edit is not None:
        routes.append(path(f"{prefix}add/", edit.as_view(), name=f"{name}_add"))
    if detail is not None:
        routes.append(path(f"{prefix}{lookup}/", detail.as_view(), name=f"{name}_detail"))
        model = detail.queryset.model
        _detail_pages[model] = (namespace or model._meta.app_label, name, detail.lookup_field)
    if edit is not None:
        routes.append(path(f"{prefix}{lookup}/edit/", edit.as_view(), name=f"{name}_edit"))
    if delete is not None:
        routes.append(path(f"{prefix}{lookup}/delete/", delete.as_view(), name=f"{name}_delete"))
    if history is not None:
        routes.append(path(f"{prefix}{lookup}/history/", history.as_view(), name=f"{name}_history"))
    return routes


def _generic(base: type[Any], detail: type[Any]) -> type[Any]:
    """`base` over the detail page's records, found by the same field."""
    name = f"{detail.queryset.model.__name__}{base.__name__.removeprefix('Object')}"
    attributes = {"queryset": detail.queryset, "lookup_field": detail.lookup_field}
    if hasattr(detail, "get_object") and detail.get_object is not base.get_object:
        attributes["get_object"] = detail.get_object
    return type(name, (base,), attributes)


def action_urls(namespace: str, name: str, lookup: dict[str, Any] | None) -> dict[str, str]:
    """`{action}_url` of each declared page of `name` ("" where none is declared); the
    record's own pages need its `lookup` keyword arguments."""
    urls = {}
    for action in ACTIONS:
        of_record = action in ("detail", "edit", "delete", "history")
        if of_record and not lookup:
            urls[f"{action}_url"] = ""
            continue
        view = f"{namespace}:{name}_{action}" if namespace else f"{name}_{action}"
        try:
            urls[f"{action}_url"] = reverse(view, kwargs=lookup if of_record else None)
        except NoReverseMatch:
            urls[f"{action}_url"] = ""
    return urls


def record_url(record: Any) -> str:
    """The address of a record's declared page (its `get_absolute_url()` where it has one and no
    page is declared), or "" when it has none."""
    model = getattr(record, "_meta", None) and record._meta.concrete_model
    if not _detail_pages:
        _ = get_resolver().url_patterns  # the URL modules declare the pages as they are imported
    found = _detail_pages.get(model) if model is not None else None
    if found is not None:
        namespace, name, lookup = found
        try:
            return reverse(f"{namespace}:{name}_detail", kwargs={lookup: getattr(record, lookup)})
        except NoReverseMatch:
            return ""
    url = getattr(record, "get_absolute_url", None)
    return str(url()) if callable(url) else ""
