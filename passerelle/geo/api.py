"""API for countries and country groups."""

from rest_framework import serializers

from passerelle.core.api import RestrictedReadOnlyViewSet
from passerelle.geo.models import Country, CountryGroup


class CountrySerializer(serializers.ModelSerializer[Country]):
    groups = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Country
        fields = [
            "id",
            "iso_alpha2",
            "iso_alpha3",
            "iso_numeric",
            "m49",
            "unhcr_code",
            "name_en",
            "name_fr",
            "region_m49",
            "subregion_m49",
            "groups",
        ]


class CountryGroupSerializer(serializers.ModelSerializer[CountryGroup]):
    members = serializers.SlugRelatedField(slug_field="iso_alpha3", many=True, read_only=True)

    class Meta:
        model = CountryGroup
        fields = ["id", "slug", "name_en", "name_fr", "description_en", "description_fr", "members"]


class CountryViewSet(RestrictedReadOnlyViewSet):
    """Countries and territories with their ISO, M49 and UNHCR codes and English/French names."""

    queryset = Country.objects.prefetch_related("groups")
    serializer_class = CountrySerializer
    filterset_fields = ["iso_alpha2", "iso_alpha3", "m49", "unhcr_code", "groups__slug"]
    search_fields = ["name_en", "name_fr", "iso_alpha3"]
    lookup_field = "iso_alpha3"


class CountryGroupViewSet(RestrictedReadOnlyViewSet):
    """The groupings the binder uses (Five Eyes, MIRPS countries, EU members…)."""

    queryset = CountryGroup.objects.prefetch_related("members")
    serializer_class = CountryGroupSerializer
    lookup_field = "slug"


ROUTES = [("countries", CountryViewSet), ("groups", CountryGroupViewSet)]
