"""`GET /api/v1/search/?q=…&kind=…`: the same search as the page, as JSON."""

from __future__ import annotations

from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from passerelle.core.classification import Classification
from passerelle.core.search import registry
from passerelle.core.search.services import MAX_QUERY_LENGTH, search


class SearchQuery(serializers.Serializer[Any]):
    q = serializers.CharField(max_length=MAX_QUERY_LENGTH)
    kind = serializers.CharField(required=False, allow_blank=True)
    lang = serializers.ChoiceField(choices=["en", "fr"], required=False)
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50)

    def validate_kind(self, value: str) -> list[str] | None:
        kinds = [kind.strip() for kind in value.split(",") if kind.strip()]
        unknown = [kind for kind in kinds if kind not in registry.kinds()]
        if unknown:
            expected = ", ".join(registry.kinds())
            raise serializers.ValidationError(f"unknown kind {unknown[0]!r}; expected {expected}")
        return kinds or None


class SearchView(APIView):
    """Full-text search across the registered kinds, within the reader's permissions and
    clearance."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Search",
        description=(
            "Records matching `q` in English or French (accents optional), best first: a match "
            "in a title ranks before a match in the text. Only records the reader may view are "
            "returned or counted. `kind` narrows to one kind or several (comma-separated): "
            + ", ".join(registry.kinds())
            + ". `lang` chooses the language of titles and snippets (default: the request's); "
            "each result names the language its title and snippet are in (`title_language`, "
            "`snippet_language`): the other language where a record has no text in the one asked."
        ),
        parameters=[
            OpenApiParameter("q", str, required=True),
            OpenApiParameter("kind", str),
            OpenApiParameter("lang", str, enum=["en", "fr"]),
            OpenApiParameter("limit", int),
        ],
        responses={200: dict[str, Any]},
    )
    def get(self, request: Request) -> Response:
        query = SearchQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        language = data.get("lang") or getattr(request, "LANGUAGE_CODE", "en")[:2]
        language = language if language in ("en", "fr") else "en"
        results = search(
            request.user,
            data["q"],
            kinds=data.get("kind"),
            language=language,
            limit=data["limit"],
        )
        level = Classification(results.classification)
        response = Response(
            {
                "query": results.query,
                "count": results.total,
                "counts": results.counts,
                "classification": level.name.lower(),
                "language": language,
                "results": [
                    {
                        "kind": hit.kind,
                        "id": hit.record.pk,
                        "title": hit.title,
                        "title_language": hit.title_language or language,
                        "url": request.build_absolute_uri(hit.url) if hit.url else None,
                        "snippet": str(hit.snippet),
                        "snippet_language": hit.snippet_language or language,
                        "score": round(hit.score, 6),
                        "classification": Classification(hit.classification).name.lower(),
                        "illustrative": hit.illustrative,
                    }
                    for hit in results.hits
                ],
            }
        )
        response["X-Classification"] = level.name
        return response


ROUTES: list[Any] = []
URLS = [path("", SearchView.as_view(), name="search")]
