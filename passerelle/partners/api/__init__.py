"""The partners' API: serializers (serializers.py) and endpoints (viewsets.py); people and the
titles they held (people.py)."""

from passerelle.partners.api import people, viewsets

ROUTES = [
    *viewsets.ROUTES,
    ("people", people.PersonViewSet),
    ("titles", people.AppointmentViewSet),
]
