"""Placeholder until this module is written."""

from django.http import Http404, HttpRequest, HttpResponse


def overview(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def area_office_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def office_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def office_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def point_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def point_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def import_csv(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
