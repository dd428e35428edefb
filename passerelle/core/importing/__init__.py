"""The import framework: an app declares its kinds of CSV file and its row parsers; the kernel
reads the file within the limits, reports every bad cell with its row and column, checks the
importer's rights, and writes all or nothing (or nothing, on a dry run), in the change log.

| module | what it holds |
|---|---|
| report.py | `RowError` (row, column, reason, file), `ImportReport` (counts and errors) |
| cells.py | `RowReader`: reading a row's cells (text, codes, choices, dates, numbers, lists…) |
| files.py | `read_text` (size limit, UTF-8), `read_rows` (header, marking lines, row limit) |
| importer.py | `ParsedRow`, `FileKind`, `Importer` (the run), `parse_rows`, `check_rights` |
| records.py | `upsert`, `set_links`, `set_citation`: writing one row's record |

The upload page is core/imports.py with web/imports/_form.html and _report.html; the command is
core/commands.py `CSVImportCommand`. docs/development.md ("An importer") shows an app's side.
"""
