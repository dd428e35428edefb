"""`passerelle network nearest|coverage|propose`: the coverage and planning questions from the
command line, as the system (every point in service, whatever its classification)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from django.core.management.base import CommandError, CommandParser

from passerelle.core.commands import PasserelleCommand
from passerelle.network import coverage, gazetteer
from passerelle.network.models import BiometricCollectionPoint


class Command(PasserelleCommand):
    help = (
        "Coverage of the biometric collection points: the nearest points to a place, the share "
        "of each country's city population near a point, and proposed new sites. Runs as the "
        "system, not as a user: it reads every point in service (BiometricCollectionPoint."
        "objects.all()), whatever its classification. Cities: GeoNames (CC BY 4.0), cities of "
        "15,000 people or more."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        nearest = actions.add_parser("nearest", help="The points nearest to a place.")
        nearest.add_argument("--lat", type=float, help="Latitude in degrees (-90 to 90).")
        nearest.add_argument("--lon", type=float, help="Longitude in degrees (-180 to 180).")
        nearest.add_argument("--city", help="A city name (English, local or alternate).")
        nearest.add_argument("--country", help="The city's country: ISO alpha-2 or alpha-3.")
        nearest.add_argument("--k", type=int, default=5, help="How many points (default 5).")
        covered = actions.add_parser(
            "coverage", help="City population within 100, 250 and 500 km of a point, by country."
        )
        propose = actions.add_parser(
            "propose", help="The next k sites that most increase the population covered."
        )
        propose.add_argument("--k", type=int, default=5, help="How many sites (default 5).")
        propose.add_argument(
            "--radius", type=float, default=250, help="Coverage radius in km (default 250)."
        )
        for sub in (nearest, covered, propose):
            sub.add_argument("--json", action="store_true", help="Print JSON.")
            sub.add_argument(
                "--as-of",
                type=date.fromisoformat,
                default=None,
                help="Points in service on this date, YYYY-MM-DD (default today).",
            )

    def run(self, *args: Any, action: str, **options: Any) -> None:
        queryset = coverage.in_service_points(
            BiometricCollectionPoint.objects.all(), as_of=options["as_of"] or date.today()
        )
        points = coverage.points_from(queryset)
        handler = {
            "nearest": self.show_nearest,
            "coverage": self.show_coverage,
            "propose": self.show_proposals,
        }
        handler[action](points, **options)

    def emit(self, data: Any, lines: list[str], *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self.stdout.write("\n".join(lines))

    def show_nearest(
        self, points: coverage.Points[BiometricCollectionPoint], **options: Any
    ) -> None:
        latitude, longitude = self.origin(options)
        if options["k"] < 1:
            raise CommandError("--k must be at least 1.")
        try:
            found = coverage.nearest_points(latitude, longitude, points=points, k=options["k"])
        except ValueError as error:
            raise CommandError(f"{error}.") from None
        rows = [coverage.nearest_as_json(item) for item in found]
        lines = [
            f"{row['distance_km']:>9,.1f} km  {row['code']}  {row['name']} "
            f"({row['city']}, {row['country']})"
            for row in rows
        ]
        self.emit(rows, lines or ["No point in service."], as_json=options["json"])

    def origin(self, options: dict[str, Any]) -> tuple[float, float]:
        """Coordinates from --lat/--lon, or from --city (and --country) through the gazetteer."""
        if options["city"]:
            if options["lat"] is not None or options["lon"] is not None:
                raise CommandError("Give either --city or --lat and --lon, not both.")
            try:
                place = gazetteer.resolve_place(options["city"], country=options["country"])
            except gazetteer.PlaceNotFound:
                where = f" in {options['country']}" if options["country"] else ""
                raise CommandError(f"Unknown city {options['city']!r}{where}.") from None
            except gazetteer.AmbiguousPlace as error:
                candidates = "\n".join(
                    f"  {p.name}, {p.country_code} ({p.country_iso3}), population "
                    f"{p.population:,}, {p.latitude:.4f} {p.longitude:.4f}"
                    for p in error.candidates[:20]
                )
                raise CommandError(
                    f"{options['city']!r} is ambiguous; add --country. Candidates:\n{candidates}"
                ) from None
            return place.latitude, place.longitude
        if options["lat"] is None or options["lon"] is None:
            raise CommandError("Give --lat and --lon, or --city.")
        try:
            coverage.check_coordinates(options["lat"], options["lon"])
        except ValueError as error:
            raise CommandError(f"{str(error).capitalize()}.") from None
        return options["lat"], options["lon"]

    def show_coverage(
        self, points: coverage.Points[BiometricCollectionPoint], **options: Any
    ) -> None:
        countries = coverage.coverage_by_country(points)
        rows: list[dict[str, Any]] = [
            {
                "country": item.country_iso3 or item.country_code,
                "name": item.country_name,
                "has_point": item.has_point,
                "cities": item.cities,
                "city_population": item.city_population,
                "covered_population": {str(r): n for r, n in item.covered_population.items()},
                "share": {str(r): round(item.share(r), 4) for r in coverage.DEFAULT_RADII},
            }
            for item in countries
        ]
        lines = ["country  point  city pop.        100 km  250 km  500 km"] + [
            f"{row['country']:<8} {'yes' if row['has_point'] else 'no':<6} "
            f"{row['city_population']:>13,}  "
            + "  ".join(f"{row['share'][str(r)]:>6.1%}" for r in coverage.DEFAULT_RADII)
            for row in rows
        ]
        self.emit(rows, lines, as_json=options["json"])

    def show_proposals(
        self, points: coverage.Points[BiometricCollectionPoint], **options: Any
    ) -> None:
        if options["k"] < 1 or options["radius"] <= 0:
            raise CommandError("--k must be at least 1 and --radius positive.")
        proposals = coverage.propose_sites(points, k=options["k"], radius_km=options["radius"])
        rows = [
            {
                "rank": p.rank,
                "city": p.place.name,
                "country": p.place.country_iso3 or p.place.country_code,
                "latitude": p.place.latitude,
                "longitude": p.place.longitude,
                "added_population": p.added_population,
                "covered_population": p.covered_population,
                "share": round(p.share, 4),
            }
            for p in proposals
        ]
        lines = [
            f"{row['rank']:>2}. {row['city']}, {row['country']}: +{row['added_population']:,} "
            f"(covered {row['share']:.1%})"
            for row in rows
        ]
        self.emit(rows, lines or ["No site would add any population."], as_json=options["json"])
