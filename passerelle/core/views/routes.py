"""The addresses of a declared model's pages, and their names, from one call:

    urlpatterns = object_routes(
        "forums/", "forum", ForumListView, ForumDetailView, ForumEditView
    )

gives `forums/` (forum_list), `forums/add/` (forum_add), `forums/<slug>/` (forum_detail),
`…/edit/` (forum_edit), `…/delete/` (forum_delete) and `…/history/` (forum_history). Each view's
part is known by the generic view it is declared over; the record's part of the address follows
the detail page's `lookup_field` (`<int:pk>`, or `<slug:slug>` for a slug); a record with an edit
page gets the generic delete and history pages unless the app gives its own (or `delete=False`).
The generic views find each other by these names (`action_urls`), so a page links to edit,
delete and history only where the app declared them and the reader's role allows them.
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
    *views: type[Any],
    lookup: str = "",
    delete: bool | None = None,
    history: bool | None = None,
    namespace: str = "",
) -> list[URLPattern]:
    """The URL patterns of `views` (an edit view serves both add and edit). `delete` and
    `history`: True gives the generic pages over the detail page's records, False none; by
    default a record with an edit page has both. `lookup` replaces the record's part of the
    address; `namespace` is the URL module's `app_name` where it is not the model's app label."""
    pages = _roles(views)
    detail = pages.get("detail")
    editable = "edit" in pages
    for action, wanted in (("delete", delete), ("history", history)):
        if action not in pages and (wanted or (wanted is None and editable)):
            assert detail is not None, f"the generic {action} page needs a detail page"
            pages[action] = _generic(action, detail)
    for view in pages.values():
        if not view.__dict__.get("route_name"):
            view.route_name = name  # how the generic views find each other's addresses
    record_page = detail or next(iter(pages.values()))
    lookup = lookup or _lookup(record_page.lookup_field)
    routes = []
    if "list" in pages:
        routes.append(path(prefix, pages["list"].as_view(), name=f"{name}_list"))
    if "edit" in pages:
        routes.append(path(f"{prefix}add/", pages["edit"].as_view(), name=f"{name}_add"))
    if detail is not None:
        routes.append(path(f"{prefix}{lookup}/", detail.as_view(), name=f"{name}_detail"))
        model = detail.queryset.model
        _detail_pages[model] = (namespace or model._meta.app_label, name, detail.lookup_field)
    for action in ("edit", "delete", "history"):
        if action in pages:
            view = pages[action].as_view()
            routes.append(path(f"{prefix}{lookup}/{action}/", view, name=f"{name}_{action}"))
    return routes


def _roles(views: tuple[type[Any], ...]) -> dict[str, type[Any]]:
    """Each view by the part it plays: the generic view it is declared over."""
    from passerelle.core.views import generic

    bases = {
        "list": generic.ObjectListView,
        "detail": generic.ObjectDetailView,
        "edit": generic.ObjectEditView,
        "delete": generic.ObjectDeleteView,
        "history": generic.ObjectHistoryView,
    }
    pages: dict[str, type[Any]] = {}
    for view in views:
        role = next((role for role, base in bases.items() if issubclass(view, base)), None)
        assert role is not None, f"{view.__name__} is not declared over a generic view"
        assert role not in pages, f"two {role} pages: {pages[role].__name__}, {view.__name__}"
        pages[role] = view
    return pages


def _lookup(field: str) -> str:
    return "<int:pk>" if field == "pk" else f"<slug:{field}>"


def _generic(action: str, detail: type[Any]) -> type[Any]:
    """The generic delete or history page over the detail page's records, found by the same
    field."""
    from passerelle.core.views import generic

    base = generic.ObjectDeleteView if action == "delete" else generic.ObjectHistoryView
    name = f"{detail.queryset.model.__name__}{base.__name__.removeprefix('Object')}"
    attributes = {"queryset": detail.queryset, "lookup_field": detail.lookup_field}
    for method in ("get_queryset", "get_object"):  # how the detail page finds its records
        if getattr(detail, method) is not getattr(base, method):
            attributes[method] = getattr(detail, method)
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
