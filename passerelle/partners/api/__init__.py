"""The partners' API: serializers (serializers.py) and endpoints (viewsets.py)."""

from passerelle.partners.api import viewsets

ROUTES = viewsets.ROUTES
