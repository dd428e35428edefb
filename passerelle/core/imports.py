"""The upload form of an all-or-nothing CSV import, and the context of its page: the form, then
the report (core/imports/report.html) or the reason the user may not write what the file holds.
The generic import page is core/views/imports.py; a page that is not one (programs' IATI and
disclosure uploads) builds its context with `import_context`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from passerelle.core.forms import error_links
from passerelle.core.uploads import validate_upload_size


class ImportForm(forms.Form):
    """What the file holds (`kinds`: value and label, the first chosen), the file (within the
    upload limit) and a dry run. An app's form declares its `kinds` and, where it says more, the
    kind's message for a value not in the list."""

    kinds: ClassVar[list[tuple[str, Any]]] = []
    kind_message: ClassVar[Any] = None
    field_order = ["kind", "file", "dry_run"]

    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("CSV file (UTF-8)"),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={"required": _("Choose a CSV file to import.")},
        validators=[validate_upload_size],
    )
    dry_run = forms.BooleanField(label=_("Check only, write nothing"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = self.kinds
        kind.initial = self.kinds[0][0] if self.kinds else None
        if self.kind_message:
            kind.error_messages["invalid_choice"] = self.kind_message


def import_context(
    request: HttpRequest, form: forms.Form, run: Callable[[dict[str, Any]], Any] | None = None
) -> dict[str, Any]:
    """The page's context: on a valid POST, `run(cleaned_data)`'s report (and whether it was a
    dry run) or, when the importer refuses the user, its reason; on an invalid POST, the links of
    the error summary. Without `run`, the page queued the import as a job (core/jobs/imports.py)
    and only shows the form."""
    context: dict[str, Any] = {"form": form}
    if request.method != "POST":
        return context
    if not form.is_valid():
        context["error_links"] = error_links(form)
        return context
    if run is None:
        return context
    try:
        context["report"] = run(form.cleaned_data)
        context["dry_run"] = bool(form.cleaned_data.get("dry_run"))
    except PermissionDenied as denied:
        context["denied"] = str(denied)
    return context
