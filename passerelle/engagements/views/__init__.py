"""The engagements' pages (pages.py) and the CSV import of engagements and follow-ups
(imports.py)."""
