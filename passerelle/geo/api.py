"""API for countries, country groups and UN M49 regions."""

from rest_framework import serializers

from passerelle.core.api.viewsets import RestrictedReadOnlyViewSet
from passerelle.geo.filters import CountryFilterSet, RegionFilterSet
from passerelle.geo.models import Country, CountryGroup, Region


class CountrySerializer(serializers.ModelSerializer[Country]):
    groups = serializers.SerializerMethodField()

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
            "intermediate_region_m49",
            "groups",
            "classification",
            "illustrative",
        ]

    def get_groups(self, country: Country) -> list[str]:
        """Slugs of the groups the reader may see (a group above their clearance stays hidden)."""
        request = self.context.get("request")
        clearance = getattr(getattr(request, "user", None), "clearance", 0)
        return [group.slug for group in country.groups.all() if group.classification <= clearance]


class CountryGroupSerializer(serializers.ModelSerializer[CountryGroup]):
    members = serializers.SerializerMethodField()

    class Meta:
        model = CountryGroup
        fields = [
            "id",
            "slug",
            "name_en",
            "name_fr",
            "description_en",
            "description_fr",
            "members",
            "classification",
            "illustrative",
        ]

    def get_members(self, group: CountryGroup) -> list[str]:
        """ISO alpha-3 codes of the members the reader may see."""
        request = self.context.get("request")
        clearance = getattr(getattr(request, "user", None), "clearance", 0)
        return [c.iso_alpha3 for c in group.members.all() if c.classification <= clearance]


class RegionSerializer(serializers.ModelSerializer[Region]):
    parent_code = serializers.SlugRelatedField[Region](
        source="parent", slug_field="code", read_only=True, allow_null=True
    )

    class Meta:
        model = Region
        fields = ["id", "code", "level", "parent_code", "name_en", "name_fr"]


# The `type: ignore[misc]` on each `queryset`: core's mixin declares it a ClassVar, which DRF's
# stubs declare an instance variable.


class CountryViewSet(RestrictedReadOnlyViewSet):
    """Countries and territories with their ISO, M49 and UNHCR codes and English/French names.

    Filters: `group` (group slug), `region` (M49 region, sub-region or intermediate region code,
    e.g. 019 for the Americas), `q` or `search` (name in either language, or any code)."""

    queryset = Country.objects.prefetch_related("groups")
    serializer_class = CountrySerializer
    filterset_class = CountryFilterSet
    search_fields = ["name_en", "name_fr", "iso_alpha2", "iso_alpha3", "unhcr_code"]
    ordering_fields = ["name_en", "name_fr", "iso_alpha3", "iso_numeric"]
    lookup_field = "iso_alpha3"


class CountryGroupViewSet(RestrictedReadOnlyViewSet):
    """The groupings the binder uses (Five Eyes, MIRPS countries, EU members…)."""

    queryset = CountryGroup.objects.prefetch_related("members")
    serializer_class = CountryGroupSerializer
    search_fields = ["slug", "name_en", "name_fr"]
    lookup_field = "slug"


class RegionViewSet(RestrictedReadOnlyViewSet):
    """UN M49 regions, sub-regions and intermediate regions, each with its parent's code."""

    queryset = Region.objects.select_related("parent")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    search_fields = ["name_en", "name_fr", "code"]
    lookup_field = "code"


ROUTES = [
    ("countries", CountryViewSet),
    ("groups", CountryGroupViewSet),
    ("regions", RegionViewSet),
]
