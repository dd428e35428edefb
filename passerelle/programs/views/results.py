"""A project's results on one page: every result, its indicators (baseline) and their periods
(target and actual), edited, added and removed together, all or nothing.

Written by hand, not declared on the generic views: the kernel's edit view saves one record (and
one inline formset); this page saves a tree of three levels whose new branches have no parent
yet. Each record is still a PasserelleForm (choices and classification within the writer's
reach, the version the edit started from), every save goes through the model's rules, the write
guards and the change log (core/changelog.py, on every save and delete), and the whole submission
is one transaction: one error or one record changed by someone else meanwhile, and nothing is
written. A blank block (a new result, indicator or period) left untouched is ignored; new records
take the classification of the record they belong to. Breakdowns by sex or age are added from
the project page (a period's "disaggregation").
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from passerelle.core.forms import error_links
from passerelle.core.reader import current_reader
from passerelle.programs.forms import IndicatorRowForm, PeriodRowForm, ResultRowForm
from passerelle.programs.models import Indicator, IndicatorPeriod, Project, Result

LEVELS = (
    (Result, ResultRowForm, "project", "r"),
    (Indicator, IndicatorRowForm, "result", "i"),
    (IndicatorPeriod, PeriodRowForm, "indicator", "p"),
)
CHILDREN = {Result: "indicators", Indicator: "periods"}


class Stale(Exception):
    """A record on the page was changed by someone else since the page was opened."""


@dataclass
class Block:
    """One record's form and the blocks of its children (the last one new and blank)."""

    form: Any
    level: int
    children: list[Block] = field(default_factory=list)

    @property
    def new(self) -> bool:
        return self.form.instance.pk is None

    @property
    def removed(self) -> bool:
        return bool(not self.new and self.form.is_valid() and self.form.cleaned_data["remove"])

    def touched(self) -> bool:
        """Whether this new block, or anything in it, was filled in."""
        return self.form.has_changed() or any(child.touched() for child in self.children)

    def walk(self) -> Iterator[Block]:
        yield self
        for child in self.children:
            yield from child.walk()


def _blocks(data: Any, user: Any, parent: Any, level: int, key: str) -> list[Block]:
    """The blocks of `parent`'s records at `level` (None: a new parent) and a blank one."""
    model, form_class, _link, letter = LEVELS[level]
    records = [] if parent is None or parent.pk is None else _children(parent, level)
    blocks = []
    for record in records:
        form = form_class(data, instance=record, user=user, prefix=f"{letter}{record.pk}")
        block = Block(form, level)
        if level + 1 < len(LEVELS):
            block.children = _blocks(data, user, record, level + 1, f"{letter}{record.pk}")
        blocks.append(block)
    level_of = getattr(parent, "classification", 0) or 0
    blank = model(classification=level_of)
    form = form_class(
        data,
        instance=blank,
        user=user,
        prefix=f"{letter}-new-{key}",
        empty_permitted=True,
        use_required_attribute=False,
    )
    block = Block(form, level)
    if level + 1 < len(LEVELS):
        block.children = _blocks(data, user, None, level + 1, f"{letter}-new-{key}")
    blocks.append(block)
    return blocks


def _children(parent: Any, level: int) -> list[Any]:
    if level == 0:
        return list(parent.results.all())
    return list(getattr(parent, CHILDREN[type(parent)]).all())


class ResultsSheet:
    """The page's tree of forms for `project`, bound to `data` (None on a GET)."""

    def __init__(self, project: Project, data: Any, user: Any) -> None:
        self.project = project
        self.blocks = _blocks(data, user, project, 0, "p")
        self.bound = data is not None

    def forms(self) -> list[Any]:
        return [block.form for top in self.blocks for block in top.walk()]

    def is_valid(self) -> bool:
        valid = True
        for top in self.blocks:
            valid = self._validate(top) and valid
        return valid

    def _validate(self, block: Block) -> bool:
        if block.new:
            if not block.touched():
                return True
            block.form.empty_permitted = False  # its children need it
        valid = block.form.is_valid()
        if block.removed:
            return valid  # its children go with it
        for child in block.children:
            valid = self._validate(child) and valid
        return valid

    def save(self) -> None:
        """Everything, in one transaction (the caller checked `is_valid`)."""
        with transaction.atomic():
            for top in self.blocks:
                self._save(top, self.project)

    def _save(self, block: Block, parent: Any) -> None:
        form = block.form
        if block.new and not block.touched():
            return
        if block.removed:
            _check_version(form)
            form.instance.delete()
            return
        if block.new:
            setattr(form.instance, LEVELS[block.level][2], parent)
            form.instance.classification = parent.classification
        elif form.has_changed():
            _check_version(form)
        if block.new or form.has_changed():
            record = form.save(commit=False)
            if not block.new:
                record.version = form.cleaned_data["version"]
            record.full_clean()
            record.save()
        for child in block.children:
            self._save(child, form.instance)


def _check_version(form: Any) -> None:
    model = type(form.instance)
    current = (
        model._base_manager.select_for_update()
        .filter(pk=form.instance.pk)
        .values_list("version", flat=True)
        .first()
    )
    if current != form.cleaned_data.get("version"):
        raise Stale(str(form.instance))


@login_required
def project_results(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's results, indicators and periods on one form, saved all or nothing (the module
    says why it is written by hand)."""
    project = get_object_or_404(Project.objects.all(), pk=pk)
    reader = current_reader()
    if not all(
        reader.may(model, action)
        for model in (Result, Indicator, IndicatorPeriod)
        for action in ("add", "change", "delete")
    ):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    sheet = ResultsSheet(project, data, request.user)
    context: dict[str, Any] = {"project": project, "sheet": sheet, "object": project}
    if data is not None:
        if sheet.is_valid():
            try:
                sheet.save()
            except Stale as stale:
                context["stale"] = _(
                    "Nothing was saved: %(record)s was changed by someone else since you "
                    "opened this page. Open the page again to see their change."
                ) % {"record": stale}
            except (ValidationError, models.ProtectedError) as error:
                context["stale"] = _("Nothing was saved: %(error)s") % {
                    "error": "; ".join(getattr(error, "messages", [str(error)]))
                }
            else:
                return HttpResponseRedirect(project.get_absolute_url() + "#results")
        else:
            links: dict[str, str] = {}
            for form in sheet.forms():
                if form.errors:
                    links.update(json.loads(error_links(form)))
            context["error_links"] = json.dumps(links, ensure_ascii=False)
    return render(request, "programs/project_results.html", context)
