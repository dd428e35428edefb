"""Coverage and planning for the biometric collection points: the nearest points to a place, the
share of each country's city population near a point, and proposals of new sites.

Pure computation on numpy arrays, kept apart from the ORM: the functions take `Points` (the points
in service, with their coordinates) and a `Gazetteer` (cities with their population). Only the
adapters at the end (`in_service_points`, `points_for`) read the database.

The gazetteer, finding places by name, and the geometry of distances are in gazetteer.py.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar, cast

import numpy as np
from numpy.typing import NDArray

from passerelle.network.gazetteer import (
    DEFAULT_RADII,
    EARTH_RADIUS_KM,
    Gazetteer,
    Place,
    check_coordinates,
    geonames,
    haversine_km,
    unit_vectors,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from passerelle.network.models import BiometricCollectionPoint

_CHUNK = 512  # rows per block of a distance matrix: bounded memory, still vectorised


class Located(Protocol):
    latitude: float
    longitude: float


T = TypeVar("T")


# --- Inputs -------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Points(Generic[T]):
    """Points as arrays: the records themselves (to show), their coordinates and the ISO alpha-2
    code of their country."""

    items: tuple[T, ...]
    latitudes: NDArray[np.float64]
    longitudes: NDArray[np.float64]
    country_codes: tuple[str, ...]

    @classmethod
    def from_records(cls, records: Iterable[T], *, country_code: Callable[[T], str]) -> Points[T]:
        items = tuple(records)
        located: tuple[Located, ...] = tuple(cast(Located, item) for item in items)
        return cls(
            items=items,
            latitudes=np.array([item.latitude for item in located], dtype=np.float64),
            longitudes=np.array([item.longitude for item in located], dtype=np.float64),
            country_codes=tuple(country_code(item).upper() for item in items),
        )

    def __len__(self) -> int:
        return len(self.items)


# --- Nearest points and places ------------------------------------------------------------------


@dataclass(frozen=True)
class NearestPoint(Generic[T]):
    point: T
    distance_km: float


def nearest_points(
    latitude: float, longitude: float, *, points: Points[T], k: int = 5
) -> list[NearestPoint[T]]:
    """The `k` points nearest to a place, nearest first, with distances rounded to 0.1 km."""
    check_coordinates(latitude, longitude)
    if k < 1:
        raise ValueError("k must be at least 1")
    distances = haversine_km(latitude, longitude, points.latitudes, points.longitudes)
    order = np.argsort(distances, kind="stable")[:k]
    return [NearestPoint(points.items[i], round(float(distances[i]), 1)) for i in order]


# --- Coverage -----------------------------------------------------------------------------------


def nearest_point_distances(points: Points[Any], gazetteer: Gazetteer) -> NDArray[np.float64]:
    """For every city of the gazetteer, the distance (km) to its nearest point (inf if none).

    The nearest point is the one with the largest dot product of unit vectors (the smallest
    angle), found by one matrix product per block; its distance is then the haversine."""
    if not len(points):
        return np.full(len(gazetteer), np.inf)
    vectors = unit_vectors(points.latitudes, points.longitudes)
    nearest = np.empty(len(gazetteer), dtype=np.int64)
    for start in range(0, len(gazetteer), _CHUNK * 8):
        block = slice(start, start + _CHUNK * 8)
        nearest[block] = np.argmax(gazetteer.unit_vectors[block] @ vectors.T, axis=1)
    return np.asarray(
        haversine_km(
            gazetteer.latitudes,
            gazetteer.longitudes,
            points.latitudes[nearest],
            points.longitudes[nearest],
        ),
        dtype=np.float64,
    )


def countries_without_points(points: Points[Any], countries: Iterable[str]) -> list[str]:
    """The ISO alpha-2 codes among `countries` where no point is, in order."""
    served = set(points.country_codes)
    return sorted({code.upper() for code in countries} - served)


@dataclass(frozen=True)
class CountryCoverage:
    """How much of a country's city population (gazetteer cities, not total population) lies
    within each radius of a point."""

    country_code: str
    country_iso3: str
    country_name: str
    cities: int
    city_population: int
    covered_population: Mapping[int, int]
    has_point: bool

    def share(self, radius_km: int) -> float:
        """Covered share in [0, 1]."""
        if not self.city_population:
            return 0.0
        return self.covered_population[radius_km] / self.city_population


def coverage_by_country(
    points: Points[Any],
    radii: Sequence[int] = DEFAULT_RADII,
    *,
    gazetteer: Gazetteer | None = None,
) -> list[CountryCoverage]:
    """For every country with a city in the gazetteer, its city population within each radius
    of a point; by ISO alpha-2 code."""
    gazetteer = gazetteer or geonames()
    codes, owner = np.unique(gazetteer.country_codes, return_inverse=True)
    population = gazetteer.populations.astype(np.float64)
    totals = np.bincount(owner, weights=population, minlength=len(codes))
    cities = np.bincount(owner, minlength=len(codes))
    nearest = nearest_point_distances(points, gazetteer)
    covered = {
        radius: np.bincount(owner, weights=population * (nearest <= radius), minlength=len(codes))
        for radius in radii
    }
    served = set(points.country_codes)
    return [
        CountryCoverage(
            country_code=str(code),
            country_iso3=gazetteer.iso3.get(str(code), ""),
            country_name=gazetteer.country_names.get(str(code), str(code)),
            cities=int(cities[i]),
            city_population=int(totals[i]),
            covered_population={radius: int(covered[radius][i]) for radius in radii},
            has_point=str(code) in served,
        )
        for i, code in enumerate(codes)
    ]


# --- Proposals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    """A proposed site, in the order chosen: the population it adds and the running total."""

    rank: int
    place: Place
    added_population: int
    covered_population: int
    total_population: int

    @property
    def share(self) -> float:
        """The gazetteer's city population covered once this site and those before it open."""
        return self.covered_population / self.total_population if self.total_population else 0.0


def propose_sites(
    points: Points[Any],
    *,
    k: int,
    radius_km: float = 250,
    candidates: Sequence[int] | None = None,
    gazetteer: Gazetteer | None = None,
) -> list[Proposal]:
    """The next `k` sites that most increase the city population within `radius_km` of a point
    (greedy maximum coverage, within 1 − 1/e of the best possible choice of k sites).

    Candidates are gazetteer cities (indices; all of them by default). Each step picks the
    candidate adding the most population not yet covered; fewer than `k` proposals when no
    candidate adds anything.
    """
    gazetteer = gazetteer or geonames()
    if k < 1:
        raise ValueError("k must be at least 1")
    if radius_km <= 0:
        raise ValueError("radius_km must be positive")
    chosen = tuple(range(len(gazetteer))) if candidates is None else tuple(candidates)
    indptr, neighbours = _neighbourhoods(gazetteer, chosen, float(radius_km))
    covered = nearest_point_distances(points, gazetteer) <= radius_km
    population = gazetteer.populations.astype(np.float64)
    total = int(gazetteer.populations.sum())
    running = int(gazetteer.populations[covered].sum())
    proposals: list[Proposal] = []
    for position, added in _lazy_greedy(indptr, neighbours, population, covered, k=k):
        running += added
        proposals.append(
            Proposal(len(proposals) + 1, gazetteer.place(chosen[position]), added, running, total)
        )
    return proposals


def _lazy_greedy(
    indptr: NDArray[np.int64],
    neighbours: NDArray[np.int32],
    population: NDArray[np.float64],
    covered: NDArray[np.bool_],
    *,
    k: int,
) -> Iterable[tuple[int, int]]:
    """(candidate position, population added) for up to k picks; marks `covered` as it goes.

    Lazy evaluation: a candidate's gain only shrinks as cities get covered, so a stale gain is an
    upper bound. Pop the best bound, recompute it; if it still beats every other bound, it is the
    best candidate, and most candidates are never recomputed."""
    owner = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    uncovered = population * ~covered
    gains = np.bincount(owner, weights=uncovered[neighbours], minlength=len(indptr) - 1)
    heap = [(-gain, int(position)) for position, gain in enumerate(gains) if gain > 0]
    heapq.heapify(heap)
    picked = 0
    while heap and picked < k:
        _stale, position = heapq.heappop(heap)
        cities = neighbours[indptr[position] : indptr[position + 1]]
        fresh = cities[~covered[cities]]
        gain = float(population[fresh].sum())
        if gain <= 0:
            continue
        if heap and gain < -heap[0][0]:
            heapq.heappush(heap, (-gain, position))
            continue
        covered[fresh] = True
        picked += 1
        yield position, int(gain)


@lru_cache(maxsize=4)
def _neighbourhoods(
    gazetteer: Gazetteer, candidates: tuple[int, ...], radius_km: float
) -> tuple[NDArray[np.int64], NDArray[np.int32]]:
    """For each candidate city, the indices of the cities within `radius_km` (itself included),
    as a sparse row structure (indptr, indices).

    Cities sorted by latitude; for each block of candidates only the latitude band that can be
    within reach is compared, by one matrix product of unit vectors: a city is within the radius
    when the dot product is at least cos(radius / R). In float64 this agrees with the haversine
    distance to well under a metre, so no second pass is needed."""
    angle = min(radius_km / EARTH_RADIUS_KM, np.pi)
    band = np.degrees(angle)
    threshold = np.cos(angle)
    by_latitude = np.argsort(gazetteer.latitudes, kind="stable")
    sorted_latitudes = gazetteer.latitudes[by_latitude]
    sorted_vectors = gazetteer.unit_vectors[by_latitude]
    wanted = np.asarray(candidates, dtype=np.int64)
    given_position = np.argsort(gazetteer.latitudes[wanted], kind="stable")
    order = wanted[given_position]
    rows, cols = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for start in range(0, len(order), _CHUNK):
        block = order[start : start + _CHUNK]
        low = np.searchsorted(sorted_latitudes, gazetteer.latitudes[block[0]] - band, "left")
        high = np.searchsorted(sorted_latitudes, gazetteer.latitudes[block[-1]] + band, "right")
        near = gazetteer.unit_vectors[block] @ sorted_vectors[low:high].T >= threshold
        row, col = np.nonzero(near)
        rows.append(given_position[start + row])
        cols.append(by_latitude[low + col])
    owner = np.concatenate(rows)
    grouped = np.argsort(owner, kind="stable")
    counts = np.bincount(owner, minlength=len(wanted))
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return indptr, np.concatenate(cols)[grouped].astype(np.int32)


def covered_population(points: Points[Any], *, radius_km: float, gazetteer: Gazetteer) -> int:
    """The gazetteer's city population within `radius_km` of a point."""
    return int(gazetteer.populations[nearest_point_distances(points, gazetteer) <= radius_km].sum())


# --- Adapters (the ORM) -------------------------------------------------------------------------


def in_service_points(
    queryset: QuerySet[BiometricCollectionPoint], *, as_of: date
) -> QuerySet[BiometricCollectionPoint]:
    """The points of `queryset` in service on `as_of`: open by their dates, not planned, and not
    closed without a closing date (a closing date, when there is one, says until when it served)."""
    from passerelle.network.models import BiometricCollectionPoint

    status = BiometricCollectionPoint.Status
    return (
        queryset.in_service(as_of)  # type: ignore[attr-defined]
        .exclude(status=status.PLANNED)
        .exclude(status=status.CLOSED, closed__isnull=True)
        .select_related("country")
    )


def points_from(queryset: QuerySet[BiometricCollectionPoint]) -> Points[BiometricCollectionPoint]:
    return Points.from_records(queryset, country_code=lambda point: point.country.iso_alpha2)


def points_for(user: Any, *, as_of: date) -> Points[BiometricCollectionPoint]:
    """The points `user` may see (restrict(user, "view")) that are in service on `as_of`."""
    from passerelle.network.models import BiometricCollectionPoint

    return points_from(
        in_service_points(BiometricCollectionPoint.objects.restrict(user, "view"), as_of=as_of)
    )


def nearest_as_json(nearest: NearestPoint[BiometricCollectionPoint]) -> dict[str, Any]:
    """One nearest point as the CLI and the API print it."""
    point = nearest.point
    return {
        "code": point.code,
        "name": point.name,
        "city": point.city,
        "country": point.country.iso_alpha3,
        "latitude": point.latitude,
        "longitude": point.longitude,
        "distance_km": nearest.distance_km,
    }
