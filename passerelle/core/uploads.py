"""The limits on what an import reads, on every path (the upload pages and the commands).

A file larger than `IMPORT_MAX_BYTES` is refused before it is read; a CSV file of the registry
(network, engagements) with more than `IMPORT_MAX_ROWS` rows, and a publisher's file with more
than `INDICATOR_MAX_ROWS` values, are refused before anything is written; a workbook (XLSX, a ZIP
archive) whose members unpack to more than `WORKBOOK_MAX_BYTES` is refused before it is parsed
(a "zip bomb" of 1.4 MB unpacks to 424 MB). An import writes in one transaction, which on SQLite
holds the database's write lock: the row limits bound how long (docs/configuration.md).

Each refusal says, in the reader's language, which limit and what the file holds.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MB = 1_000_000


class LimitExceeded(ValueError):
    """The file is over a limit; the message says which and by how much."""


def _megabytes(size: int) -> str:
    return number_format(size / MB, decimal_pos=1, force_grouping=True)


def _count(value: int) -> str:
    return number_format(value, decimal_pos=0, force_grouping=True)


def check_size(size: int) -> None:
    """Refuse a file of `size` bytes above IMPORT_MAX_BYTES."""
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise LimitExceeded(
            _("The file is %(found)s MB; an import takes files of at most %(limit)s MB.")
            % {"found": _megabytes(size), "limit": _megabytes(limit)}
        )


UPLOAD_OVERHEAD_BYTES = 64_000
"""What a form adds to its file in a request body (its other fields, the multipart boundaries)."""


class UploadLimitMiddleware:
    """A request body more than twice the largest file an import takes is refused (413) before
    a byte of it is read: a 200 MB file no longer occupies a web worker for minutes nor lands in
    a temporary file. A file up to that size reaches the import page, which says beside its form
    that the file is over the limit (check_size)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > 2 * settings.IMPORT_MAX_BYTES + UPLOAD_OVERHEAD_BYTES:
            message = _(
                "The upload is %(found)s MB; an import takes files of at most %(limit)s MB."
            ) % {"found": _megabytes(length), "limit": _megabytes(settings.IMPORT_MAX_BYTES)}
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "too_large"}, status=413)
            return render(request, "core/upload_too_large.html", {"message": message}, status=413)
        return self.get_response(request)


def validate_upload_size(upload: Any) -> None:
    """A form field's validator: an uploaded file above the size limit is a field error."""
    try:
        check_size(upload.size)
    except LimitExceeded as exceeded:
        raise ValidationError(str(exceeded), code="too_large") from None


def read_limited(file: IO[bytes] | IO[str]) -> bytes | str:
    """The file's content, refused (LimitExceeded) when it is above the size limit: at most the
    limit and one byte are read."""
    limit = settings.IMPORT_MAX_BYTES
    content = file.read(limit + 1)
    if len(content) > limit:
        check_size(_size_of(file, content))
    return content


def _size_of(file: IO[Any], start: bytes | str) -> int:
    """The file's whole size where it can be known without reading it (an upload's size, a
    file's end), else what was read."""
    size = getattr(file, "size", None)
    if isinstance(size, int):
        return size
    if file.seekable():
        position = file.tell()
        end = file.seek(0, 2)
        file.seek(position)
        return end
    return len(start)


def check_rows(rows: int, *, limit: int | None = None) -> None:
    """Refuse a CSV file of `rows` rows above `limit` (IMPORT_MAX_ROWS unless given)."""
    limit = settings.IMPORT_MAX_ROWS if limit is None else limit
    if rows > limit:
        raise LimitExceeded(
            _(
                "The file has %(found)s rows; an import takes at most %(limit)s rows. Split it "
                "into smaller files."
            )
            % {"found": _count(rows), "limit": _count(limit)}
        )


def check_values(values: int) -> None:
    """Refuse a publisher's file of `values` values above INDICATOR_MAX_ROWS."""
    limit = settings.INDICATOR_MAX_ROWS
    if values > limit:
        raise LimitExceeded(
            _(
                "The file holds %(found)s values; an import takes at most %(limit)s values. "
                "Split it into smaller files."
            )
            % {"found": _count(values), "limit": _count(limit)}
        )


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose members unpack to more than WORKBOOK_MAX_BYTES, from the sizes
    its ZIP directory declares (nothing is unpacked; Python's zipfile never reads more than a
    member declares); a file that is no ZIP archive is left to the reader, which says it is no
    workbook."""
    limit = settings.WORKBOOK_MAX_BYTES
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        return
    if unpacked > limit:
        raise LimitExceeded(
            _(
                "The workbook unpacks to %(found)s MB; an import takes workbooks of at most "
                "%(limit)s MB unpacked."
            )
            % {"found": _megabytes(unpacked), "limit": _megabytes(limit)}
        )
