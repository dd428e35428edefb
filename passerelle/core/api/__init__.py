"""The API's kernel (etags.py, viewsets.py) and the core's own endpoints (endpoints.py)."""

from passerelle.core.api import endpoints

ROUTES = endpoints.ROUTES
