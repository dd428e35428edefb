"""The engagements' API: serializers (serializers.py) and endpoints (viewsets.py)."""

from passerelle.engagements.api import viewsets

ROUTES = viewsets.ROUTES
