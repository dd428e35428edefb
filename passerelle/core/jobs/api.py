"""`/api/v1/core/jobs/`: the jobs a reader may see (their own; administrators: all), read only,
for a script that started work from the pages and waits for its result."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from passerelle.core.api.viewsets import ClassifiedSerializerMixin, RestrictedReadOnlyViewSet
from passerelle.core.models import Job


class JobSerializer(ClassifiedSerializerMixin, serializers.ModelSerializer[Job]):
    started_by = serializers.SlugRelatedField[Any](slug_field="username", read_only=True)

    class Meta:
        model = Job
        fields = [
            "id",
            "kind",
            "title",
            "started_by",
            "status",
            "done",
            "total",
            "phase",
            "result",
            "result_url",
            "error",
            "errors",
            "retry_of",
            "created",
            "started",
            "finished",
            "classification",
            "illustrative",
        ]


class JobViewSet(RestrictedReadOnlyViewSet):
    """Background jobs: status, progress, result and errors."""

    queryset = Job.objects.select_related("started_by")
    serializer_class = JobSerializer
    filterset_fields = ["kind", "status"]
