"""The network map: its data (offices and biometric collection points as GeoJSON-like features)
and its server-side rendering as SVG or PNG, for briefs and for browsers without scripts.

The page draws the same features in the browser with d3-geo (static/network/map.js); both use
the world-atlas TopoJSON shapes (Natural Earth, 1:110m) and the Natural Earth I projection, so
the two maps look alike. Antarctica is left out of both: the network has nothing there and it
would take a fifth of the height.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from passerelle.core.charts import presentation_attributes
from passerelle.core.classification import Classification
from passerelle.core.marking import page_classification, shows_illustrative
from passerelle.core.text import fold
from passerelle.geo.models import Country
from passerelle.network.atlas import (
    decode_polygons,
    natural_earth,
    unwrap,
    world_topology,
)
from passerelle.network.models import AreaOffice, BiometricCollectionPoint, Office, StaffingSnapshot

POINT_KIND = "biometric_collection_point"
"""The kind filter's value for biometric collection points, beside the office kinds."""

ANTARCTICA = "010"  # ISO 3166 numeric, the feature id in world-atlas

# One colour per kind, at least 3:1 against the land and the sea (WCAG 1.4.11); map.js and
# map.css use the same values.
COLOURS = {
    Office.Kind.VISA_OFFICE: "#26374a",
    Office.Kind.LIAISON_OFFICE: "#7a4b00",
    Office.Kind.PERMANENT_MISSION: "#6b2c91",
    Office.Kind.GLOBAL_OPERATIONS_CENTRE: "#a62a1e",
    POINT_KIND: "#0b6e6e",
}
LAND, BORDER, SEA = "#dfe3e6", "#ffffff", "#f3f7fa"


def kind_choices() -> list[tuple[str, str]]:
    """The kinds a map can be filtered by: the office kinds, then biometric collection points."""
    offices = [(str(value), str(label)) for value, label in Office.Kind.choices]
    return [*offices, (POINT_KIND, _("Biometric collection point"))]


# --- Map data -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MapSelection:
    """What one user may see on the map on one date, as restricted querysets (for the page
    marking) before they become features."""

    as_of: date
    region: str | None
    offices: QuerySet[Office]
    points: QuerySet[BiometricCollectionPoint]
    staffing: QuerySet[StaffingSnapshot]
    area_offices: QuerySet[AreaOffice]
    countries: QuerySet[Country]


def select(
    user: Any, *, as_of: date, region: str | None = None, kinds: Iterable[str] | None = None
) -> MapSelection:
    """The offices and points in service on `as_of` that `user` may view, in the UN M49 area
    `region` (a region, sub-region or intermediate region code) and of the `kinds` given
    (office kinds and/or POINT_KIND; all when None)."""
    offices = Office.objects.in_service(as_of).restrict(user, "view")
    points = BiometricCollectionPoint.objects.in_service(as_of).restrict(user, "view")
    countries = Country.objects.restrict(user, "view")
    if region:
        in_region = Q(region_m49=region) | Q(subregion_m49=region)
        in_region |= Q(intermediate_region_m49=region)
        countries = countries.filter(in_region)
    offices = offices.filter(country__in=countries)
    points = points.filter(country__in=countries)
    if kinds is not None:
        chosen = set(kinds)
        offices = offices.filter(kind__in=chosen - {POINT_KIND})
        if POINT_KIND not in chosen:
            points = points.none()
    staffing = StaffingSnapshot.objects.restrict(user, "view").filter(
        office__in=offices, as_of__lte=as_of
    )
    return MapSelection(
        as_of=as_of,
        region=region or None,
        offices=offices.order_by("name_en"),
        points=points.order_by("name_en"),
        staffing=staffing,
        area_offices=AreaOffice.objects.restrict(user, "view"),
        countries=countries,
    )


def _latest_staffing(staffing: QuerySet[StaffingSnapshot]) -> dict[int, StaffingSnapshot]:
    latest: dict[int, StaffingSnapshot] = {}
    for snapshot in staffing.order_by("office_id", "-as_of"):
        latest.setdefault(snapshot.office_id, snapshot)
    return latest


def _feature(identifier: str, longitude: float, latitude: float, **properties: Any) -> dict:
    return {
        "type": "Feature",
        "id": identifier,
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": properties,
    }


def features_of(selection: MapSelection) -> dict[str, Any]:
    """The selection as a GeoJSON FeatureCollection; names in the active language. Its
    `classification` and `illustrative` keys say how a map of it must be marked; `focus` lists
    the ISO numeric codes of the region's countries (empty for the world), for the map to zoom
    on them."""
    countries = {country.pk: country for country in selection.countries}
    area_offices = {area.pk: area.name for area in selection.area_offices}
    staffing = _latest_staffing(selection.staffing)
    kind_labels = dict(kind_choices())
    features = []
    for office in selection.offices:
        snapshot = staffing.get(office.pk)
        country = countries.get(office.country_id)
        features.append(
            _feature(
                f"office-{office.code}", office.longitude, office.latitude,
                layer="office", code=office.code, name=office.name, kind=office.kind,
                kind_label=str(kind_labels[office.kind]), city=office.city,
                country=country.name if country else "",
                country_code=country.iso_alpha3 if country else "",
                area_office=area_offices.get(office.area_office_id or 0, ""),
                canada_based=snapshot.canada_based if snapshot else None,
                locally_engaged=snapshot.locally_engaged if snapshot else None,
                staff_as_of=snapshot.as_of.isoformat() if snapshot else None,
            )
        )  # fmt: skip
    for point in selection.points:
        country = countries.get(point.country_id)
        features.append(
            _feature(
                f"point-{point.code}", point.longitude, point.latitude,
                layer="point", code=point.code, name=point.name, kind=POINT_KIND,
                kind_label=str(kind_labels[POINT_KIND]), city=point.city,
                country=country.name if country else "",
                country_code=country.iso_alpha3 if country else "",
                operator=point.operator, status=point.status,
                status_label=str(point.get_status_display()),
            )
        )  # fmt: skip
    # Offices first, then points, each by name in the active language (as the tables list them).
    features.sort(
        key=lambda f: (f["properties"]["layer"] != "office", fold(f["properties"]["name"]))
    )
    shown = (selection.offices, selection.points, selection.staffing)
    return {
        "type": "FeatureCollection",
        "as_of": selection.as_of.isoformat(),
        "classification": int(page_classification(*shown)),
        "illustrative": shows_illustrative(*shown),
        "focus": sorted(c.iso_numeric for c in countries.values()) if selection.region else [],
        "features": features,
    }


def map_features(
    user: Any, *, as_of: date, region: str | None = None, kinds: Iterable[str] | None = None
) -> dict[str, Any]:
    """The offices and points `user` may see on `as_of`, filtered by M49 region and kind, as a
    GeoJSON FeatureCollection (see `select` and `features_of`)."""
    return features_of(select(user, as_of=as_of, region=region, kinds=kinds))


def _draw_countries(
    axes: Any, limits: tuple[tuple[float, float], ...], fills: dict[str, str] | None = None
) -> None:
    """Each country's outer rings (holes are other countries, drawn over them), clipped to the
    projection's outline; a ring that runs past ±180° is drawn again 360° over, so what lies
    beyond the antimeridian appears on the other edge, as d3-geo draws it. `fills` colours
    countries by ISO numeric code (the others are land-coloured)."""
    fills = fills or {}
    from matplotlib.patches import PathPatch, Polygon
    from matplotlib.path import Path as PlotPath
    from matplotlib.transforms import Bbox

    edge = [natural_earth(180, lat) for lat in range(-90, 91)]
    edge += [natural_earth(-180, lat) for lat in range(90, -91, -1)]
    # A clip path replaces the axes' own clipping, so it is the outline cut to the view.
    (x0, x1), (y0, y1) = limits
    view = PlotPath([*edge, edge[0]], closed=True).clip_to_bbox(Bbox([[x0, y0], [x1, y1]]))
    outline = PathPatch(view, facecolor=SEA, edgecolor="none", zorder=0)
    axes.add_patch(outline)
    for country_id, polygons in decode_polygons(world_topology(), "countries"):
        if country_id == ANTARCTICA:
            continue
        for rings in polygons:
            ring = unwrap(rings[0])
            longitudes = [longitude for longitude, _latitude in ring]
            shifts = [0.0]
            shifts += [360.0] if min(longitudes) < -180 else []
            shifts += [-360.0] if max(longitudes) > 180 else []
            for shift in shifts:
                shape = Polygon(
                    [natural_earth(lon + shift, lat) for lon, lat in ring],
                    closed=True, facecolor=fills.get(country_id, LAND), edgecolor=BORDER,
                    linewidth=0.4,
                )  # fmt: skip
                axes.add_patch(shape)
                shape.set_clip_path(outline)


def _focus_positions(focus: set[str]) -> list[tuple[float, float]]:
    """The projected outlines of the countries in `focus` (ISO numeric codes)."""
    return [
        natural_earth(lon, lat)
        for country_id, polygons in decode_polygons(world_topology(), "countries")
        if country_id in focus
        for rings in polygons
        for lon, lat in unwrap(rings[0])
    ]


def _limits(positions: list[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    """The x and y limits of the map: the world without Antarctica, or the positions given
    with a margin (never narrower than about 25° of longitude)."""
    if not positions:
        return (-2.85, 2.85), (-1.05, 1.45)
    edge = natural_earth(180, 0)[0]
    xs = [max(-edge, min(edge, x)) for x, _y in positions]
    ys = [y for _x, y in positions]
    margin = max(0.4 - (max(xs) - min(xs)), 0.0) / 2 + 0.08
    return (min(xs) - margin, max(xs) + margin), (min(ys) - margin, max(ys) + margin)


def world_figure(focus: set[str], fills: dict[str, str] | None = None) -> tuple[Any, Any]:
    """A figure and its axes with the world's countries drawn (`fills` colours some, by ISO
    numeric code), framed on the countries in `focus` or, without any, on the world without
    Antarctica: the ground of the network map and of another app's map of countries."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 5.6))
    axes = figure.add_axes((0.01, 0.1, 0.98, 0.8))
    axes.set_axis_off()
    axes.set_aspect("equal")
    limits = _limits(_focus_positions(focus))
    _draw_countries(axes, limits, fills)
    axes.set_xlim(*limits[0])
    axes.set_ylim(*limits[1])
    return figure, axes


def add_marking(
    figure: Any, *, classification: int, illustrative: bool, as_of: str | None = None
) -> None:
    """The line under a map: its classification, the date of its data where it has one, the
    shapes' credit, and, for made-up data, that it is not to be quoted."""
    parts = [str(Classification(classification).label)]
    if as_of is not None:
        parts.append(_("As of %(date)s") % {"date": as_of})
    parts.append(
        pgettext("map credit", "Shapes: Natural Earth via world-atlas; Natural Earth I projection")
    )
    if illustrative:
        parts.append(_("Illustrative data: not real, not to be quoted"))
    figure.text(0.01, 0.015, " · ".join(parts), fontsize=8, ha="left", color="#333333")


def _figure(features: dict[str, Any], *, title: str, language: str) -> Any:
    from matplotlib.lines import Line2D

    with translation.override(language):
        figure, axes = world_figure(set(features.get("focus") or ()))
        for feature in sorted(
            features["features"], key=lambda f: f["properties"]["layer"] != "point"
        ):
            x, y = natural_earth(*feature["geometry"]["coordinates"])
            properties = feature["properties"]
            is_point = properties["layer"] == "point"
            marker = Line2D(
                [x], [y], linestyle="none", marker="o" if is_point else "s",
                markersize=3.5 if is_point else 6,
                markerfacecolor=COLOURS[properties["kind"]]
                if not is_point or properties.get("status") == "open" else "white",
                markeredgecolor=COLOURS[properties["kind"]] if is_point else "white",
                markeredgewidth=0.8,
            )  # fmt: skip
            marker.set_gid(feature["id"])
            axes.add_line(marker)
        figure.suptitle(title, x=0.01, y=0.97, ha="left", fontsize=14, fontweight="bold")
        axes.legend(
            handles=_legend_handles(features),
            loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=3, frameon=False, fontsize=9,
        )  # fmt: skip
        add_marking(
            figure,
            classification=features.get("classification", 0),
            illustrative=bool(features.get("illustrative")),
            as_of=features["as_of"],
        )
        return figure


def _legend_handles(features: dict[str, Any]) -> list[Any]:
    from matplotlib.lines import Line2D

    shown = {feature["properties"]["kind"] for feature in features["features"]}
    handles = []
    for kind, label in kind_choices():
        if kind not in shown and shown:
            continue
        is_point = kind == POINT_KIND
        handles.append(
            Line2D(
                [], [], linestyle="none", marker="o" if is_point else "s",
                markersize=6, markerfacecolor=COLOURS[kind], markeredgecolor=COLOURS[kind],
                label=str(label),
            )
        )  # fmt: skip
    if any(f["properties"].get("status") not in (None, "open") for f in features["features"]):
        handles.append(
            Line2D(
                [], [], linestyle="none", marker="o", markersize=6, markerfacecolor="white",
                markeredgecolor=COLOURS[POINT_KIND],
                label=_("Biometric collection point, not open"),
            )
        )  # fmt: skip
    return handles


def render_svg(features: dict[str, Any], *, title: str, language: str) -> str:
    """The map as an SVG document whose text stays text (legend, title and marking are
    `<text>` elements, in `language`); each marker is a group whose id is its feature's id."""
    import matplotlib

    figure = _figure(features, title=title, language=language)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "passerelle-map"}):
        # matplotlib writes the title as the SVG's <title>, which names it for screen readers.
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
    return presentation_attributes(buffer.getvalue())


def render_png(features: dict[str, Any], *, title: str, language: str, dpi: int = 200) -> bytes:
    """The map as a PNG image, for documents that cannot embed SVG (DOCX)."""
    figure = _figure(features, title=title, language=language)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Title": title})
    return buffer.getvalue()
