"""`passerelle backup` and `passerelle restore`: the drill of docs/operations.md, on the test
database (SQLite or PostgreSQL, whichever the run uses) and on stores in a temporary folder."""

import json
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from passerelle.core.backup import MANIFEST, current_counts
from passerelle.core.models import Source
from passerelle.core.testing import make_source

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def stores(tmp_path: Path):
    """An operations store and a media folder with a file each, in a temporary data folder."""
    operations, media = tmp_path / "data" / "operations", tmp_path / "data" / "media"
    (operations / "records" / "decision_month=202401").mkdir(parents=True)
    (operations / "records" / "decision_month=202401" / "data.parquet").write_bytes(b"PAR1 jan")
    (operations / "state.json").write_text('{"months": [202401]}')
    media.mkdir()
    (media / "upload.csv").write_text("a,b\n1,2\n")
    with override_settings(OPERATIONS_DIR=operations, MEDIA_ROOT=media):
        yield operations, media


def _backup(folder: Path) -> Path:
    call_command("backup", output=folder)
    (made,) = folder.iterdir()
    return made


def test_a_restore_brings_back_the_rows_and_files_of_the_backup(stores, tmp_path) -> None:
    operations, media = stores
    kept = make_source(key="kept")
    before = current_counts()
    folder = _backup(tmp_path / "backups")

    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["tables"] == before
    assert manifest["tables"]["core_source"] == Source.objects.count()
    assert manifest["stores"] == ["media", "operations"]
    assert "stores/operations/state.json" in manifest["files"]

    # what happens after the backup: a new record, a deleted one, a store rewritten
    make_source(key="added-later")
    kept.delete()
    (operations / "state.json").write_text('{"months": []}')
    (operations / "records" / "decision_month=202402").mkdir()
    (media / "upload.csv").unlink()

    call_command("restore", str(folder), yes=True)

    assert current_counts() == before
    assert set(Source.objects.values_list("key", flat=True)) >= {"kept"}
    assert not Source.objects.filter(key="added-later").exists()
    assert (operations / "state.json").read_text() == '{"months": [202401]}'
    assert not (operations / "records" / "decision_month=202402").exists()
    assert (media / "upload.csv").read_text() == "a,b\n1,2\n"
    assert not any(
        path.name.endswith((".restoring", ".replaced")) for path in operations.parent.iterdir()
    )


def test_restore_refuses_a_backup_that_differs_from_its_manifest_before_writing(
    stores, tmp_path
) -> None:
    """One backup, three refusals (each leaves the database and stores as they were): no
    --yes, a changed file, a missing and an extra file."""
    operations, _ = stores
    make_source(key="kept")
    folder = _backup(tmp_path / "backups")
    make_source(key="after")
    before = current_counts()

    with pytest.raises(CommandError, match="give --yes"):
        call_command("restore", str(folder))

    (folder / "stores" / "operations" / "state.json").write_text("tampered")
    with pytest.raises(CommandError, match=r"stores/operations/state.json: checksum differs"):
        call_command("restore", str(folder), yes=True)

    (folder / "stores" / "media" / "upload.csv").unlink()
    (folder / "stray.txt").write_text("?")
    with pytest.raises(CommandError) as error:
        call_command("restore", str(folder), check=True)
    assert "stores/media/upload.csv: missing" in str(error.value)
    assert "stray.txt: not in the manifest" in str(error.value)

    assert current_counts() == before
    assert Source.objects.filter(key="after").exists()
    assert (operations / "state.json").read_text() == '{"months": [202401]}'


@pytest.mark.django_db(transaction=False)
def test_a_folder_that_is_not_a_backup_is_refused(tmp_path) -> None:
    with pytest.raises(CommandError, match="no manifest"):
        call_command("restore", str(tmp_path), yes=True)


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_a_backup_taken_while_people_write_restores_to_its_own_counts(stores, tmp_path) -> None:
    """The counts and the dump come from one snapshot: rows written during the backup are in
    neither, and the restore gives exactly the counts the manifest names."""
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        try:
            while not stop.is_set():
                make_source(key=f"load-{len(written)}")
                written.append(1)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        folder = _backup(tmp_path / "backups")
        while len(written) < 10:
            stop.wait(0.01)
    finally:
        stop.set()
        thread.join()
    manifest = json.loads((folder / MANIFEST).read_text())
    assert Source.objects.count() > manifest["tables"]["core_source"]

    call_command("restore", str(folder), yes=True)

    assert current_counts() == manifest["tables"]
