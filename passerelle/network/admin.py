"""The network's records in the Django admin (administrators only)."""

from django.contrib import admin

from passerelle.core.admin import RestrictedAdmin
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Jurisdiction,
    Office,
    StaffingSnapshot,
)


@admin.register(AreaOffice)
class AreaOfficeAdmin(RestrictedAdmin):
    list_display = ["name_en", "office", "order", "classification", "illustrative"]
    search_fields = ["slug", "name_en", "name_fr"]


@admin.register(Office)
class OfficeAdmin(RestrictedAdmin):
    list_display = ["code", "name_en", "kind", "country", "area_office", "opened", "closed"]
    list_filter = ["kind", "area_office", "classification", "illustrative"]
    search_fields = ["code", "name_en", "name_fr", "city_en", "city_fr"]


@admin.register(StaffingSnapshot)
class StaffingSnapshotAdmin(RestrictedAdmin):
    list_display = ["office", "as_of", "canada_based", "locally_engaged"]
    list_filter = ["as_of"]
    search_fields = ["office__code", "office__name_en"]


@admin.register(BiometricCollectionPoint)
class BiometricCollectionPointAdmin(RestrictedAdmin):
    list_display = ["code", "name_en", "country", "operator", "status"]
    list_filter = ["status", "classification", "illustrative"]
    search_fields = ["code", "name_en", "name_fr", "city_en", "city_fr", "operator"]


@admin.register(Jurisdiction)
class JurisdictionAdmin(RestrictedAdmin):
    list_display = ["country", "office", "valid_from", "valid_to"]
    search_fields = ["country__name_en", "office__code"]
