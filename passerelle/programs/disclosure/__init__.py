"""The Proactive Disclosure of Grants and Contributions (open.canada.ca): the layout's rules
(layout.py), the quarterly CSV (export.py) and its import (imports.py)."""
