"""Form fields render as GC Design System components, the same way everywhere: a select sends
the option it shows, a file is a gcds-file-uploader, and no page writes a native select or a
browser date picker beside them (dates are YYYY-MM-DD text, shown and accepted one way)."""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.template import Context, Template

from passerelle.core.forms import IsoDateField

# The one native multi-select left: the base that a type-ahead combobox is to enhance.
NATIVE_SELECT_ALLOWED = {"engagements/templates/engagements/_multiple.html"}


class Upload(forms.Form):
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], initial="a")
    file = forms.FileField(widget=forms.FileInput(attrs={"accept": ".csv"}))
    on = IsoDateField(required=False)


def render(form: forms.Form) -> str:
    template = Template("{% load gcds %}{% for f in form %}{% gcds_field f %}{% endfor %}")
    return template.render(Context({"form": form}))


def test_a_select_sends_the_option_it_shows_and_a_file_is_a_file_uploader() -> None:
    html = render(Upload())
    assert re.search(r'<gcds-select [^>]*name="kind"[^>]* value="a"', html)
    assert '<option value="a" selected>' in html
    assert re.search(r'<gcds-file-uploader [^>]*name="file"[^>]* accept="\.csv"', html)
    assert 'type="date"' not in html


def test_a_date_is_accepted_as_yyyy_mm_dd_only() -> None:
    assert Upload({"kind": "a", "on": "2024-03-01"}).fields["on"].clean("2024-03-01")
    form = Upload({"kind": "a", "on": "01/03/2024"})
    form.is_valid()
    assert form.errors["on"] == ["Enter a date as YYYY-MM-DD, for example 2024-03-01."]


def test_no_page_writes_a_native_select_or_a_browser_date_picker() -> None:
    package = Path(settings.PROJECT_DIR) / "passerelle"
    found = []
    for path in package.glob("**/templates/**/*.html"):
        relative = str(path.relative_to(package))
        text = path.read_text(encoding="utf-8")
        if ("<select" in text and relative not in NATIVE_SELECT_ALLOWED) or 'type="date"' in text:
            found.append(relative)
    assert found == []
