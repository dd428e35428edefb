"""The briefs API: a brief as a file (PDF, DOCX, Markdown, HTML) by content negotiation (Accept)
or `?format=`, in `?lang=en|fr`; the analysts' talking points and notes; released editions."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import renderers, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passerelle.briefs.binders.parts import part_kind
from passerelle.briefs.binders.services import freeze, latest_editions
from passerelle.briefs.briefing import api as briefing_api
from passerelle.briefs.document import Brief
from passerelle.briefs.filters import BriefEditionFilterSet
from passerelle.briefs.forms import BINDER_FIELDS
from passerelle.briefs.models import Binder, BinderPart, BriefEdition, BriefNote
from passerelle.briefs.services import FORMATS, build_brief, filename, render
from passerelle.core.api.viewsets import (
    ClassifiedSerializerMixin,
    RestrictedModelViewSet,
    RestrictedReadOnlyViewSet,
)


class _BriefRenderer(renderers.BaseRenderer):
    """Renders a Brief in one format; anything else (an error) as JSON text."""

    fmt = ""
    charset = None

    def render(self, data: Any, accepted_media_type: Any = None, renderer_context: Any = None):
        if isinstance(data, Brief):
            response = (renderer_context or {}).get("response")
            if response is not None:
                name = filename(data, self.fmt)
                response["Content-Disposition"] = f'attachment; filename="{name}"'
            return render(data, self.fmt)
        response = (renderer_context or {}).get("response")
        if response is not None:  # an error is JSON, and says so
            response["Content-Type"] = "application/json"
        return renderers.JSONRenderer().render(data)


def _renderer(fmt: str, media_type: str) -> type[_BriefRenderer]:
    return type(
        f"Brief{fmt.upper()}Renderer",
        (_BriefRenderer,),
        {"fmt": fmt, "format": fmt, "media_type": media_type.split(";")[0]},
    )


RENDERERS = [_renderer(fmt, media) for fmt, media in FORMATS.items() if fmt != "html"]
RENDERERS.insert(0, RENDERERS.pop(1))  # PDF first: the default


class BriefFileView(APIView):
    """A brief as a file: `Accept: application/pdf` (the default), DOCX, `text/markdown`, or
    `?format=pdf|docx|md`; `?lang=fr` for French."""

    permission_classes = [IsAuthenticated]
    renderer_classes = RENDERERS

    @extend_schema(
        parameters=[
            OpenApiParameter("lang", str, enum=["en", "fr"]),
            OpenApiParameter("format", str, enum=["pdf", "docx", "md"]),
        ],
        responses={(200, media.split(";")[0]): bytes for fmt, media in FORMATS.items()},
    )
    def get(self, request: Request, kind: str, subject: str = "") -> Response:
        language = request.query_params.get("lang", "en")
        if language not in ("en", "fr"):
            return Response({"detail": "lang is en or fr"}, status=400)
        brief = build_brief(kind=kind, subject=subject, user=request.user, language=language)  # type: ignore[arg-type]
        return Response(brief)


class BriefNoteSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = BriefNote
        fields = [
            "id",
            "brief_kind",
            "subject",
            "kind",
            "text_en",
            "text_fr",
            "order",
            "classification",
            "version",
        ]
        read_only_fields = ["version"]


class BriefNoteViewSet(RestrictedModelViewSet):
    """Talking points and notes analysts add to a brief before release."""

    queryset = BriefNote.objects.all()
    serializer_class = BriefNoteSerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.save(author=self.request.user)


class BriefEditionSerializer(serializers.ModelSerializer):
    released_by = serializers.CharField(source="released_by.username", read_only=True)

    class Meta:
        model = BriefEdition
        fields = [
            "id",
            "brief_kind",
            "subject",
            "language",
            "number",
            "title",
            "markdown",
            "classification",
            "illustrative",
            "released_by",
            "released_at",
        ]


class BriefEditionViewSet(RestrictedReadOnlyViewSet):
    """Released editions (kept as released; read only)."""

    queryset = BriefEdition.objects.select_related("released_by")
    serializer_class = BriefEditionSerializer
    filterset_class = BriefEditionFilterSet


class BinderSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Binder
        fields = ["id", "kind", *BINDER_FIELDS, "version"]
        read_only_fields = ["version"]


class BinderViewSet(RestrictedModelViewSet):
    """Binders (their covers); their parts at `/api/v1/briefs/binder-parts/?binder=<id>`. The
    binder as one file is its page's download (`/briefs/binders/<id>/download/`)."""

    queryset = Binder.objects.all()
    serializer_class = BinderSerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.save(author=self.request.user)


class BinderPartSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer):
    binder = serializers.PrimaryKeyRelatedField(queryset=Binder.objects.all())

    class Meta:
        model = BinderPart
        fields = [
            "id",
            "binder",
            "order",
            "kind",
            "subject",
            "frozen",
            "edition_en",
            "edition_fr",
            "title_en",
            "title_fr",
            "text_en",
            "text_fr",
            "classification",
            "version",
        ]
        read_only_fields = ["version", "edition_en", "edition_fr"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """A registered kind, a subject the writer may choose, and a frozen part only where a
        released edition exists (set to the latest, as the page does)."""
        kind_key = attrs.get("kind", getattr(self.instance, "kind", ""))
        try:
            kind = part_kind(kind_key)
        except ValueError:
            raise serializers.ValidationError(
                {"kind": f"unknown kind of part {kind_key!r}"}
            ) from None
        subject = attrs.get("subject", getattr(self.instance, "subject", ""))
        user = self.context["request"].user
        if kind.subjects is not None and subject not in dict(kind.subjects(user)):
            raise serializers.ValidationError({"subject": "not a subject you may choose"})
        frozen = attrs.get("frozen", getattr(self.instance, "frozen", False))
        if frozen and not any(latest_editions(kind.key, subject).values()):
            raise serializers.ValidationError(
                {"frozen": "no approved edition to freeze at: ask for the brief's approval first"}
            )
        return attrs

    def save(self, **kwargs: Any) -> Any:
        part = super().save(**kwargs)
        before = (part.edition_en_id, part.edition_fr_id)
        freeze(part)
        if (part.edition_en_id, part.edition_fr_id) != before:
            part.save()
        return part


class BinderPartViewSet(RestrictedModelViewSet):
    """A binder's parts (tabs), in order; filter by `binder`."""

    queryset = BinderPart.objects.all()
    serializer_class = BinderPartSerializer
    filterset_fields = ["binder", "kind"]


ROUTES = [
    ("notes", BriefNoteViewSet),
    ("editions", BriefEditionViewSet),
    *briefing_api.ROUTES,
    ("binders", BinderViewSet),
    ("binder-parts", BinderPartViewSet),
]


@extend_schema_view(get=extend_schema(operation_id="briefs_file_subject_retrieve"))
class SubjectBriefFileView(BriefFileView):
    """A country's or forum's brief as a file (the subject: ISO alpha-3 code or forum slug)."""


URLS = [
    path("file/<briefkind:kind>/", BriefFileView.as_view(), name="brief-file"),
    path("file/<briefkind:kind>/<str:subject>/", SubjectBriefFileView.as_view(), name="brief-file"),
]
