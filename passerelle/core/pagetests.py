"""Generic tests of a model's declared pages (core/views/generic.py): add, edit, delete and
history × permission × clearance × change record, for a few lines of data — the pages'
counterpart of core/testcases.py's API tests.

Subclass `PageCRUDTests` and give, beside `PageReadTests`' `model`, `list_url`, `factory` (or
`make()`) and `lookup_field` (or `detail_path()`):

    edit_role = "analyst"                    # a role that may add, change and delete
    def create_data(self) -> dict: ...       # a valid form POST for a new record
    change = {"name_en": "Renamed"}          # what an edit changes (this, unless told)

An edit posts the add form's data with `change`, the record keeping its `lookup_field`; where
it needs more, give `update_data(instance)`, a valid form POST with `change`.

The edit, delete and history pages are at the detail page's address plus `edit/`, `delete/` and
`history/`, the add page at the list's plus `add/` (core/views/routes.py) unless `add_url`
names it (a list declared at another address than its records' prefix).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import pytest
from django.db import models

from passerelle.core.classification import Classification
from passerelle.core.models import ChangeRecord
from passerelle.core.testcases import PageReadTests, change_records, last_change_id

PB = Classification.PROTECTED_B


class PageCRUDTests(PageReadTests):
    edit_role: ClassVar[str] = "analyst"
    change: ClassVar[dict[str, Any]] = {"name_en": "Renamed"}
    declared_list: ClassVar[bool] = True  # False where `list_url` is not a declared list page
    add_url: ClassVar[str] = ""  # the add page's address where it is not the list's + "add/"

    def create_data(self) -> dict[str, Any]:
        raise NotImplementedError

    def update_data(self, instance: models.Model) -> dict[str, Any]:
        field = self.lookup_field
        kept = {} if field == "pk" else {field: getattr(instance, field)}
        return {**self.create_data(), **kept, **self.change}

    def _page(self, instance: models.Model | None, action: str) -> str:
        if instance is None:
            return f"/en{self.add_path()}"
        return f"/en{self.detail_path(instance)}{action}/"

    def add_path(self) -> str:
        return self.add_url or f"{self.list_url}add/"

    def _post(self, instance: models.Model, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "version": getattr(instance, "version", 0)}

    def test_the_list_sorts_by_each_column_both_ways_and_downloads(self) -> None:
        if not self.declared_list:
            pytest.skip(f"{self.list_url} is not a declared list")
        self.make()
        reader = self.client_for(role=self.view_role)
        page = reader.get(f"/en{self.list_url}")
        sorts = set(re.findall(r'href="\?(?:[^"]*&amp;)?sort=(-?\w+)', page.content.decode()))
        assert sorts, "a declared list offers sorting"
        for sort in sorts:
            for way in (sort, f"-{sort.lstrip('-')}"):
                response = reader.get(f"/en{self.list_url}", {"sort": way})
                assert response.status_code == 200, way
        download = reader.get(f"/en{self.list_url}", {"format": "csv"})
        assert download["Content-Type"].startswith("text/csv")

    def test_the_detail_page_links_its_edit_delete_and_history_pages(self) -> None:
        instance = self.make()
        page = self.client_for(role="administrator").get(f"/en{self.detail_path(instance)}")
        for action in ("edit", "delete", "history"):
            assert f'href="{self._page(instance, action)}"' in page.content.decode(), action

    def test_writing_pages_need_a_role_that_writes(self) -> None:
        instance = self.make()
        reader = self.client_for(role=self.view_role)
        for path in (self._page(None, "add"), self._page(instance, "edit")):
            assert reader.get(path).status_code == 403, path
        assert reader.post(self._page(None, "add"), self.create_data()).status_code == 403
        assert reader.post(self._page(instance, "delete")).status_code == 403
        assert self.model._base_manager.filter(pk=instance.pk).exists()

    def test_a_new_record_is_saved_with_its_change_record(self) -> None:
        editor = self.client_for(role=self.edit_role)
        assert editor.get(self._page(None, "add")).status_code == 200
        before = last_change_id()
        response = editor.post(self._page(None, "add"), self.create_data())
        assert response.status_code == 302, response.content.decode()[-3000:]
        created = self.model._base_manager.order_by("-pk").first()
        assert created is not None
        assert change_records(created, ChangeRecord.Action.CREATE, after=before)

    def test_a_record_above_the_writers_clearance_is_refused_and_nothing_written(self) -> None:
        editor = self.client_for(role=self.edit_role, clearance=Classification.PROTECTED_A)
        count = self.model._base_manager.count()
        response = editor.post(
            self._page(None, "add"), {**self.create_data(), "classification": PB}
        )
        assert response.status_code == 400
        assert b"gcds-error-summary" in response.content
        assert self.model._base_manager.count() == count

    def test_an_edit_saves_and_logs_before_and_after(self) -> None:
        instance = self.make()
        editor = self.client_for(role=self.edit_role)
        assert editor.get(self._page(instance, "edit")).status_code == 200
        before = last_change_id()
        data = self._post(instance, self.update_data(instance))
        response = editor.post(self._page(instance, "edit"), data)
        assert response.status_code == 302, response.content.decode()[-3000:]
        [record] = change_records(instance, ChangeRecord.Action.UPDATE, after=before)
        changed = record.changed_fields()
        assert all(field in changed for field in self.change), changed

    def test_an_edit_from_a_stale_version_is_refused_and_changes_nothing(self) -> None:
        instance = self.make()
        editor = self.client_for(role=self.edit_role)
        first = self._post(instance, self.update_data(instance))
        assert editor.post(self._page(instance, "edit"), first).status_code == 302
        before = last_change_id()
        response = editor.post(self._page(instance, "edit"), first)  # the version it started from
        assert response.status_code == 409
        assert not change_records(instance, ChangeRecord.Action.UPDATE, after=before)

    def test_a_record_above_clearance_has_no_edit_delete_or_history_page(self) -> None:
        secret = self.make(classification=PB)
        low = self.client_for(role=self.edit_role, clearance=Classification.UNCLASSIFIED)
        for action in ("edit", "delete", "history"):
            assert low.get(self._page(secret, action)).status_code == 404, action
        assert low.post(self._page(secret, "delete")).status_code == 404
        assert self.model._base_manager.filter(pk=secret.pk).exists()

    def test_a_delete_is_confirmed_then_done_with_its_change_record(self) -> None:
        instance = self.make()
        editor = self.client_for(role=self.edit_role)
        assert editor.get(self._page(instance, "delete")).status_code == 200
        before = last_change_id()
        response = editor.post(
            self._page(instance, "delete"), {"version": getattr(instance, "version", 0)}
        )
        assert response.status_code == 302
        assert not self.model._base_manager.filter(pk=instance.pk).exists()
        assert change_records(instance, ChangeRecord.Action.DELETE, after=before)

    def test_the_history_shows_the_changes_to_a_role_that_reads_the_log(self) -> None:
        instance = self.make()
        editor = self.client_for(role=self.edit_role)
        editor.post(self._page(instance, "edit"), self._post(instance, self.update_data(instance)))
        history = self.client_for(role="administrator").get(self._page(instance, "history"))
        assert history.status_code == 200
        assert b"<td>Updated</td>" in history.content
        viewer = self.client_for(role="viewer").get(self._page(instance, "history"))
        assert viewer.status_code == 200
        assert b"does not show the change log" in viewer.content
