"""Coverage API: the nearest points to a place, coverage by country, proposed new sites.

Every view reads the points through `BiometricCollectionPoint.objects.restrict(request.user)`:
a point above the reader's clearance is not used, so it cannot be inferred from a distance."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passerelle.core.permissions import RestrictedModelPermissions
from passerelle.network import gazetteer
from passerelle.network.models import BiometricCollectionPoint

if TYPE_CHECKING:
    from passerelle.network import coverage


class NearestQuery(serializers.Serializer):
    lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
    lon = serializers.FloatField(required=False, min_value=-180, max_value=180)
    city = serializers.CharField(required=False, max_length=200)
    country = serializers.CharField(required=False, max_length=3)
    k = serializers.IntegerField(required=False, default=5, min_value=1, max_value=50)
    as_of = serializers.DateField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_coordinates = "lat" in attrs and "lon" in attrs
        if bool(attrs.get("city")) == has_coordinates:
            raise serializers.ValidationError("Give either city (and country) or lat and lon.")
        if attrs.get("city"):
            try:
                place = gazetteer.resolve_place(attrs["city"], country=attrs.get("country"))
            except gazetteer.PlaceNotFound:
                raise serializers.ValidationError({"city": "Unknown city."}) from None
            except gazetteer.AmbiguousPlace as error:
                names = [f"{p.name}, {p.country_iso3}" for p in error.candidates[:20]]
                raise serializers.ValidationError(
                    {"city": [f"Ambiguous city; give a country. Candidates: {'; '.join(names)}"]}
                ) from None
            attrs["place"] = place
            attrs["lat"], attrs["lon"] = place.latitude, place.longitude
        return attrs


class AsOfQuery(serializers.Serializer):
    as_of = serializers.DateField(required=False)


class ProposalQuery(serializers.Serializer):
    k = serializers.IntegerField(required=False, default=5, min_value=1, max_value=50)
    radius = serializers.FloatField(required=False, default=250, min_value=1, max_value=2000)
    as_of = serializers.DateField(required=False)


AS_OF = OpenApiParameter(
    "as_of", OpenApiTypes.DATE, description="Points in service on this date (default today)."
)


class CoverageView(APIView):
    """Base: the permission to view points, and the points the reader may see."""

    permission_classes = [RestrictedModelPermissions]
    queryset = BiometricCollectionPoint.objects.none()  # tells DRF the model for permissions

    def points(self, as_of: date | None) -> coverage.Points[BiometricCollectionPoint]:
        """The points; NumPy (coverage.py) is imported by these views, not with the URLs."""
        from passerelle.network import coverage

        return coverage.points_for(self.request.user, as_of=as_of or date.today())


class NearestView(CoverageView):
    @extend_schema(
        summary="Nearest biometric collection points",
        description=(
            "The k points in service nearest to a place, by great-circle distance (km, to 0.1). "
            "The place is a city of the GeoNames gazetteer (cities of 15,000 people or more; "
            "a name shared by several cities needs `country`) or coordinates."
        ),
        parameters=[
            OpenApiParameter("lat", OpenApiTypes.FLOAT, description="Latitude, -90 to 90."),
            OpenApiParameter("lon", OpenApiTypes.FLOAT, description="Longitude, -180 to 180."),
            OpenApiParameter("city", OpenApiTypes.STR, description="City name (any language)."),
            OpenApiParameter("country", OpenApiTypes.STR, description="ISO alpha-2 or alpha-3."),
            OpenApiParameter("k", OpenApiTypes.INT, description="How many points (1-50, 5)."),
            AS_OF,
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        from passerelle.network import coverage

        query = NearestQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        found = coverage.nearest_points(
            data["lat"], data["lon"], points=self.points(data.get("as_of")), k=data["k"]
        )
        place = data.get("place")
        return Response(
            {
                "latitude": data["lat"],
                "longitude": data["lon"],
                "place": place and {"name": place.name, "country": place.country_iso3},
                "results": [coverage.nearest_as_json(item) for item in found],
            }
        )


class CountryCoverageView(CoverageView):
    @extend_schema(
        summary="Coverage by country",
        description=(
            "For every country with a city in the GeoNames gazetteer, the city population "
            "(cities of 15,000 people or more, not total population) within 100, 250 and 500 km "
            "of a point in service, and the countries with no point."
        ),
        parameters=[AS_OF],
        responses={200: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        from passerelle.network import coverage

        query = AsOfQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        points = self.points(query.validated_data.get("as_of"))
        countries = coverage.coverage_by_country(points)
        return Response(
            {
                "radii_km": list(gazetteer.DEFAULT_RADII),
                "countries_without_points": [c.country_iso3 for c in countries if not c.has_point],
                "countries": [
                    {
                        "country": c.country_iso3,
                        "iso_alpha2": c.country_code,
                        "has_point": c.has_point,
                        "cities": c.cities,
                        "city_population": c.city_population,
                        "covered_population": {str(r): n for r, n in c.covered_population.items()},
                        "share": {str(r): round(c.share(r), 4) for r in gazetteer.DEFAULT_RADII},
                    }
                    for c in countries
                ],
            }
        )


class ProposalsView(CoverageView):
    @extend_schema(
        summary="Proposed new sites",
        description=(
            "The next k gazetteer cities that would most increase the city population within "
            "`radius` km of a point, chosen greedily (each adds the most population not yet "
            "covered; within 1 − 1/e of the best possible set of k sites)."
        ),
        parameters=[
            OpenApiParameter("k", OpenApiTypes.INT, description="How many sites (1-50, 5)."),
            OpenApiParameter("radius", OpenApiTypes.FLOAT, description="Radius in km (250)."),
            AS_OF,
        ],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT},
    )
    def get(self, request: Request) -> Response:
        from passerelle.network import coverage

        query = ProposalQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        proposals = coverage.propose_sites(
            self.points(data.get("as_of")), k=data["k"], radius_km=data["radius"]
        )
        return Response(
            {
                "k": data["k"],
                "radius_km": data["radius"],
                "proposals": [
                    {
                        "rank": p.rank,
                        "city": p.place.name,
                        "country": p.place.country_iso3,
                        "latitude": p.place.latitude,
                        "longitude": p.place.longitude,
                        "added_population": p.added_population,
                        "covered_population": p.covered_population,
                        "share": round(p.share, 4),
                    }
                    for p in proposals
                ],
            }
        )


URLS = [
    path("nearest/", NearestView.as_view(), name="network-nearest"),
    path("coverage/", CountryCoverageView.as_view(), name="network-coverage"),
    path("proposals/", ProposalsView.as_view(), name="network-proposals"),
]
