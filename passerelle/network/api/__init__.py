"""The network's API: the registry's viewsets (registry.py) and the coverage views (coverage.py)."""

from passerelle.network.api import coverage, registry

ROUTES = registry.ROUTES
URLS = registry.URLS + coverage.URLS
