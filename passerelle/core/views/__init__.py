"""The generic pages every app declares its own from (generic.py)."""
