"""The program's publications from the API: the IATI activity and organisation files and a
quarter's proactive-disclosure CSV, the same files as the publication page's downloads."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passerelle.core.permissions import RestrictedModelPermissions
from passerelle.programs.disclosure.export import DisclosureError, quarter_file
from passerelle.programs.fiscal import quarter_bounds
from passerelle.programs.iati import export as iati_export
from passerelle.programs.iati.schema import IATIError
from passerelle.programs.models import Project


class _Publication(APIView):
    """A publication file (the program page's downloads), as the reader may read it: only
    published, Unclassified records are ever in one."""

    permission_classes = [RestrictedModelPermissions]
    queryset = Project.objects.none()

    @staticmethod
    def file(content: bytes, name: str, content_type: str) -> HttpResponse:
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


PUBLICATION_ERRORS = OpenApiResponse(
    inline_serializer(
        "PublicationErrors", fields={"errors": serializers.ListField(child=serializers.CharField())}
    ),
    description="The records that would make the file invalid, each with its reason.",
)


class IATIActivitiesView(_Publication):
    """The IATI 2.03 activity file (XML), validated against the schema; 422 naming the projects
    that would make it invalid."""

    @extend_schema(responses={(200, "application/xml"): bytes, 422: PUBLICATION_ERRORS})
    def get(self, request: Request) -> HttpResponse | Response:
        try:
            return self.file(iati_export.activity_file(), "iati-activities.xml", "application/xml")
        except IATIError as error:
            return Response({"errors": [str(e) for e in error.errors]}, status=422)


class IATIOrganisationView(_Publication):
    """The IATI 2.03 organisation file (XML)."""

    @extend_schema(responses={(200, "application/xml"): bytes, 422: PUBLICATION_ERRORS})
    def get(self, request: Request) -> HttpResponse | Response:
        try:
            document = iati_export.organisation_file()
        except IATIError as error:
            return Response({"errors": [str(e) for e in error.errors]}, status=422)
        return self.file(document, "iati-organisation.xml", "application/xml")


class QuarterQuery(serializers.Serializer[Any]):
    quarter = serializers.RegexField(regex=r"^\d{4}-\d{2}-Q[1-4]$", help_text="e.g. 2024-25-Q3")

    def validate_quarter(self, value: str) -> str:
        try:
            quarter_bounds(value)
        except ValueError:
            raise serializers.ValidationError(
                _("Give a fiscal quarter such as 2024-25-Q3 (the second year follows the first).")
            ) from None
        return value


class DisclosureView(_Publication):
    """A quarter's proactive-disclosure CSV (`?quarter=2024-25-Q3`), or its nil report; 422
    listing row, column and reason when a project breaks the layout's rules."""

    @extend_schema(
        parameters=[QuarterQuery], responses={(200, "text/csv"): bytes, 422: PUBLICATION_ERRORS}
    )
    def get(self, request: Request) -> HttpResponse | Response:
        query = QuarterQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        quarter = query.validated_data["quarter"]
        try:
            document, nil, _illustrative = quarter_file(quarter)
        except DisclosureError as error:
            return Response({"errors": [str(e) for e in error.errors] or [str(error)]}, status=422)
        name = f"grants-{quarter}{'-nil' if nil else ''}.csv"
        return self.file(document, name, "text/csv; charset=utf-8")


URLS = [
    path("iati/activities/", IATIActivitiesView.as_view(), name="programs-api-iati-activities"),
    path(
        "iati/organisation/", IATIOrganisationView.as_view(), name="programs-api-iati-organisation"
    ),
    path("disclosure/", DisclosureView.as_view(), name="programs-api-disclosure"),
]
