"""What every form page shares: the links of its GC error summary."""

from __future__ import annotations

import json

from django import forms


def error_links(
    form: forms.BaseForm, *formsets: forms.BaseFormSet, non_field_anchor: str = "main-content"
) -> str:
    """The links of a `gcds-error-summary`, which takes them as JSON (anchor → message): each
    field's first error points to its field, an error of no field to `non_field_anchor`; a
    formset's rows' errors point to their fields, the formset's own errors to its prefix."""
    links = {
        f"#{form[name].auto_id if name in form.fields else non_field_anchor}": str(errors[0])
        for name, errors in form.errors.items()
    }
    for formset in formsets:
        for error in formset.non_form_errors():
            links.setdefault(f"#{formset.prefix}", str(error))
        for row in formset.forms:
            for name, errors in row.errors.items():
                anchor = row[name].auto_id if name in row.fields else formset.prefix
                links[f"#{anchor}"] = str(errors[0])
    return json.dumps(links, ensure_ascii=False)
