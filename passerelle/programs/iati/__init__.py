"""IATI 2.03: the program's activity and organisation files (export.py), their validation against
the schemas carried in data/iati-2.03 (schema.py), and the import of an activity file
(imports.py)."""
