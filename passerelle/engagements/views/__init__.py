"""The engagements' pages, declared over the kernel's generic views: engagements, the index and
the country panel (pages.py), follow-ups and commitments (followups.py), irritants
(irritants.py); and the CSV import of engagements and follow-ups (imports.py)."""
