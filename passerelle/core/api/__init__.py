"""The API's kernel (etags.py, viewsets.py, pagination.py, schema.py) and the core's own
endpoints (endpoints.py).

ROUTES is read lazily: REST framework's settings import pagination.py and schema.py from this
package while its own modules are still loading, so the package must not import them first."""

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "ROUTES":
        from passerelle.core.api import endpoints

        return endpoints.ROUTES
    raise AttributeError(name)
