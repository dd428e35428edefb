"""An illustrative demo set of engagements, made up to exercise search, timelines and lists.

Every record is `illustrative=True` (pages and documents mark it so). The set is planned from a
seeded random generator over fixed inputs (the countries, organizations, forums, topics and
objectives of the reference data, in key order) and an anchor date, so the same seed and count
always plan the same records (planner.py); records are matched by their natural keys (an
engagement by English title and start date) and saved only where a value differs, so a second
run writes nothing.

The anchor is DEMO_TODAY, fixed rather than the day of the run: a run tomorrow plans the same
records instead of a second, shifted set. Engagements span the three years to the anchor, with
some after it (upcoming).

The anchor, the defaults and the wording are vocabulary.py's; loader.py's `load_demo` writes the
set.
"""
