"""The network's derived counts, as of any date: never typed, always computed from the records.

An overseas office is an office in service whose latest staffing snapshot on or before the date
has Canada-based staff, global operations centres apart (the binder counts them separately);
so Havana, with locally engaged staff only, is an office but not an overseas office. Staff totals
add each office's latest snapshot on or before the date, global operations centres included.
Everything is read through `restrict(user, "view")`: a user sees the totals of what they may see.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from passerelle.core.models import User
from passerelle.network.models import (
    AreaOffice,
    BiometricCollectionPoint,
    Office,
    StaffingSnapshot,
)

COUNTED_STATUSES = (
    BiometricCollectionPoint.Status.OPEN,
    BiometricCollectionPoint.Status.TEMPORARILY_CLOSED,
)


@dataclass(frozen=True)
class Staff:
    """One office's staff on a date (its latest snapshot on or before it)."""

    canada_based: int = 0
    locally_engaged: int = 0
    as_of: date | None = None


@dataclass(frozen=True)
class NetworkSummary:
    """The annex's totals, derived from the records on `as_of`."""

    area_offices: int
    overseas_offices: int
    global_operations_centres: int
    biometric_collection_points: int
    countries_with_biometric_collection_points: int
    canada_based_staff: int
    locally_engaged_staff: int
    as_of: date

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        return data


@dataclass
class AreaOfficeCounts:
    """What one area office is responsible for on a date: its region's overseas offices (its own
    hosting office among them) and global operations centres."""

    area_office: AreaOffice
    overseas_offices: list[Office] = field(default_factory=list)
    global_operations_centres: list[Office] = field(default_factory=list)
    other_offices: list[Office] = field(default_factory=list)

    @property
    def responsible_for(self) -> int:
        return len(self.overseas_offices)


@dataclass
class NetworkState:
    """The offices in service on a date, each with its staff, as one user may see them."""

    as_of: date
    offices: list[Office]
    staff: dict[int, Staff]

    def staff_of(self, office: Office) -> Staff:
        return self.staff.get(office.pk, Staff())

    def is_overseas_office(self, office: Office) -> bool:
        return (
            office.kind != Office.Kind.GLOBAL_OPERATIONS_CENTRE
            and self.staff_of(office).canada_based > 0
        )

    @property
    def overseas_offices(self) -> list[Office]:
        return [office for office in self.offices if self.is_overseas_office(office)]

    @property
    def global_operations_centres(self) -> list[Office]:
        return [o for o in self.offices if o.kind == Office.Kind.GLOBAL_OPERATIONS_CENTRE]


def latest_staff(snapshots: Any, *, as_of: date) -> dict[int, Staff]:
    """Each office's latest snapshot on or before `as_of`, from a snapshot queryset (one query)."""
    found: dict[int, Staff] = {}
    rows = snapshots.filter(as_of__lte=as_of).order_by("office_id", "-as_of")
    for office_id, taken, canada_based, locally_engaged in rows.values_list(
        "office_id", "as_of", "canada_based", "locally_engaged"
    ):
        found.setdefault(office_id, Staff(canada_based, locally_engaged, taken))
    return found


def network_state(*, as_of: date, user: User) -> NetworkState:
    """The offices in service on `as_of` that `user` may see, with their staff."""
    offices = list(
        Office.objects.in_service(as_of).restrict(user, "view").select_related("country")
    )
    snapshots = StaffingSnapshot.objects.restrict(user, "view").filter(
        office__in=[office.pk for office in offices]
    )
    return NetworkState(as_of, offices, latest_staff(snapshots, as_of=as_of))


def staffing_report(*, as_of: date, user: User) -> StaffingSnapshot | None:
    """A snapshot of `as_of` that names the report its figures come from ("GN Staff on
    Strength"), the report most snapshots of that date name; None when none does."""
    snapshots = (
        StaffingSnapshot.objects.restrict(user, "view").filter(as_of=as_of).exclude(report_en="")
    )
    reports = Counter(snapshots.values_list("report_en", flat=True))
    if not reports:
        return None
    return snapshots.filter(report_en=reports.most_common(1)[0][0]).first()


def points_in_service(*, as_of: date, user: User) -> Any:
    """The points `user` may see, in service on `as_of` and open or temporarily closed."""
    return (
        BiometricCollectionPoint.objects.in_service(as_of)
        .restrict(user, "view")
        .filter(status__in=COUNTED_STATUSES)
    )


def network_summary(
    *, as_of: date, user: User, state: NetworkState | None = None
) -> NetworkSummary:
    """The annex's totals on `as_of` as `user` may see them (five queries; fewer given the
    `state` already read, as area_office_counts takes it)."""
    state = state or network_state(as_of=as_of, user=user)
    in_service = {office.pk for office in state.offices}
    area_offices = AreaOffice.objects.restrict(user, "view").filter(office_id__in=in_service)
    points = points_in_service(as_of=as_of, user=user)
    country_ids = list(points.values_list("country_id", flat=True))
    return NetworkSummary(
        area_offices=area_offices.count(),
        overseas_offices=len(state.overseas_offices),
        global_operations_centres=len(state.global_operations_centres),
        biometric_collection_points=len(country_ids),
        countries_with_biometric_collection_points=len(set(country_ids)),
        canada_based_staff=sum(state.staff_of(o).canada_based for o in state.offices),
        locally_engaged_staff=sum(state.staff_of(o).locally_engaged for o in state.offices),
        as_of=as_of,
    )


def area_office_counts(
    *, as_of: date, user: User, state: NetworkState | None = None
) -> list[AreaOfficeCounts]:
    """For each area office `user` may see, in order, the overseas offices and global operations
    centres it is responsible for on `as_of`."""
    state = state or network_state(as_of=as_of, user=user)
    by_area: dict[int | None, list[Office]] = defaultdict(list)
    for office in state.offices:
        by_area[office.area_office_id].append(office)
    result = []
    for area_office in AreaOffice.objects.restrict(user, "view").select_related("office"):
        counts = AreaOfficeCounts(area_office)
        for office in by_area.get(area_office.pk, []):
            if state.is_overseas_office(office):
                counts.overseas_offices.append(office)
            elif office.kind == Office.Kind.GLOBAL_OPERATIONS_CENTRE:
                counts.global_operations_centres.append(office)
            else:
                counts.other_offices.append(office)
        result.append(counts)
    return result


def country_map_png(
    counts: dict[str, int],
    *,
    title: str,
    unit: str,
    language: str,
    classification: int,
    illustrative: bool,
    dpi: int = 110,
) -> bytes:
    """A PNG map of countries shaded by `counts` (ISO numeric code -> count; `unit` names what
    is counted, e.g. "projects"), drawn offline on the network map's atlas and kept on disk by
    its inputs (network/countrymap.py, network/mapcache.py). The caller gives the figures it
    may show and the marking of what they come from: the picture is marked with it."""
    from passerelle.network import countrymap, mapcache

    data = countrymap.features(
        counts, unit=unit, classification=classification, illustrative=illustrative
    )
    return mapcache.png(data, title=title, language=language, dpi=dpi, render=countrymap.render_png)
