"""What pages, API, panels and briefs say of a measure, computed once here: its status, the
commitments and caps in force and their history, the latest published figures, the funnel, the
progress against a commitment, when a commitment was met, and the projected completion.

Every function reads through the restricted managers, so it shows the reader what they may see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from passerelle.pathways.models import (
    STAGE_ORDER,
    Commitment,
    Pathway,
    PathwayEvent,
    ProgressFigure,
    Stage,
)

# The events that set a measure's intake status, and the status each gives.
STATUS_EVENTS: dict[str, Any] = {
    PathwayEvent.Kind.ANNOUNCED: _("Announced"),
    PathwayEvent.Kind.OPENED: _("Open"),
    PathwayEvent.Kind.REOPENED: _("Open"),
    PathwayEvent.Kind.INTAKE_PAUSED: _("Intake paused"),
    PathwayEvent.Kind.CLOSED: _("Closed"),
}
OPEN = (PathwayEvent.Kind.OPENED, PathwayEvent.Kind.REOPENED)
# The most recent observations a projection is fitted to, and the fewest it needs.
WINDOW = 6
FEWEST = 3
CONFIDENCE = 0.95
METHOD = _(
    "Projection: a straight line is fitted by ordinary least squares (statsmodels) to the last "
    "six or fewer published figures of the stage the commitment counts (one a day, IRCC's own "
    "where a secondary source gives the same day), and extended to the target from the latest "
    "figure. The interval is where lines at the ends of the rate's confidence interval (95 "
    "percent) reach it. No projection is made for a met commitment, an intake that is not open, "
    "or from fewer than three figures."
)


@dataclass
class Status:
    label: Any
    since: date | None
    kind: str

    @property
    def is_open(self) -> bool:
        return self.kind in OPEN


def status(pathway: Pathway, *, on: date | None = None) -> Status:
    """The intake status on a day (today by default): the last status event up to it."""
    on = on or date.today()
    events = [e for e in _events(pathway) if e.kind in STATUS_EVENTS and e.date <= on]
    if not events:
        return Status(_("Not yet announced"), None, "")
    last = events[-1]
    return Status(STATUS_EVENTS[last.kind], last.date, last.kind)


def _events(pathway: Pathway) -> list[PathwayEvent]:
    return sorted(pathway.events.all(), key=lambda e: (e.date, e.pk))


def timeline(pathway: Pathway) -> list[PathwayEvent]:
    """The measure's events, oldest first."""
    return _events(pathway)


def versions(pathway: Pathway) -> list[Commitment]:
    """Every version of every commitment and cap, by key then date."""
    return sorted(pathway.commitments.all(), key=lambda c: (c.key, _effective(c)))


def next_event(pathway: Pathway, *, on: date | None = None) -> PathwayEvent | None:
    """The first event after the day (a supports' end, a reopening), if one is recorded."""
    on = on or date.today()
    return next((e for e in _events(pathway) if e.date > on), None)


def commitments_in_force(pathway: Pathway, *, on: date | None = None) -> list[Commitment]:
    """Per key, the version in effect on the day: the latest whose `effective` has come."""
    on = on or date.today()
    current: dict[str, Commitment] = {}
    for commitment in sorted(pathway.commitments.all(), key=_effective):
        if commitment.effective is None or commitment.effective <= on:
            current[commitment.key] = commitment
    return sorted(current.values(), key=lambda c: (c.kind, -c.target))


def _effective(commitment: Commitment) -> tuple[date, int]:
    return (commitment.effective or date.min, commitment.pk or 0)


def history(pathway: Pathway, key: str) -> list[Commitment]:
    """Every version of a commitment or cap, oldest first."""
    return sorted((c for c in pathway.commitments.all() if c.key == key), key=_effective)


def _preferred(figures: list[ProgressFigure]) -> ProgressFigure:
    """Of figures of the same day, the primary source's, else the first."""
    return next((f for f in figures if not f.secondary), figures[0])


def latest_figures(pathway: Pathway, *, stream: str = "") -> list[ProgressFigure]:
    """The latest published figure of each stage and unit (primary preferred on the same day),
    in the funnel's order."""
    by_stage: dict[tuple[str, str], list[ProgressFigure]] = {}
    for figure in pathway.progress.all():
        if figure.stream == stream:
            by_stage.setdefault((figure.stage, figure.unit), []).append(figure)
    latest = []
    for figures in by_stage.values():
        newest = max(f.as_of for f in figures)
        latest.append(_preferred([f for f in figures if f.as_of == newest]))
    return sorted(latest, key=lambda f: (STAGE_ORDER[f.stage], f.unit))


def latest(pathway: Pathway) -> ProgressFigure | None:
    """The most recent figure, the furthest stage on that day (primary preferred)."""
    figures = list(pathway.progress.all())
    if not figures:
        return None
    newest = max(f.as_of for f in figures)
    same_day = [f for f in figures if f.as_of == newest]
    primary = [f for f in same_day if not f.secondary] or same_day
    return max(primary, key=lambda f: (STAGE_ORDER[f.stage], f.value))


def observations(pathway: Pathway, commitment: Commitment) -> list[ProgressFigure]:
    """The figures that count toward a commitment (its stage, unit and stream), one a day
    (primary preferred), oldest first."""
    by_day: dict[date, list[ProgressFigure]] = {}
    for figure in pathway.progress.all():
        same = (figure.stage, figure.unit, figure.stream)
        if same == (commitment.stage, commitment.unit, commitment.stream):
            by_day.setdefault(figure.as_of, []).append(figure)
    return [_preferred(by_day[day]) for day in sorted(by_day)]


@dataclass
class Projection:
    """When an open commitment should be met at the recent rate, with its interval; or why no
    projection is made (`reason`)."""

    reason: Any = ""
    expected: date | None = None
    earliest: date | None = None
    latest: date | None = None  # None with an expected date: the interval has no end
    per_day: float | None = None
    used: list[ProgressFigure] = field(default_factory=list)


def projection(pathway: Pathway, commitment: Commitment, *, on: date | None = None) -> Projection:
    """The day the commitment's stage reaches its target, extrapolating a straight line fitted
    by ordinary least squares (statsmodels) to the last WINDOW observations; the interval is
    where the lines at the ends of the rate's 95 % confidence interval, drawn from the latest
    observation, reach the target. None for a met commitment, a closed or paused intake, fewer
    than FEWEST observations or a rate that does not rise."""
    if commitment.met_on:
        return Projection(_("Met: nothing to project."))
    if not status(pathway, on=on).is_open:
        return Projection(_("No projection: the intake is not open."))
    seen = observations(pathway, commitment)[-WINDOW:]
    if len(seen) < FEWEST:
        return Projection(_("No projection: fewer than three published observations."), used=seen)
    last = seen[-1]
    if last.value >= commitment.target:
        return Projection(_("Reached on the latest figure."), used=seen)
    rate, low, high = _rate(seen)
    if rate <= 0:
        return Projection(_("No projection: the published figures do not rise."), used=seen)
    remaining = commitment.target - last.value

    def reached(per_day: float) -> date:
        return last.as_of + timedelta(days=round(remaining / per_day))

    return Projection(
        expected=reached(rate),
        earliest=reached(high),
        latest=reached(low) if low > 0 else None,
        per_day=rate,
        used=seen,
    )


def _rate(seen: list[ProgressFigure]) -> tuple[float, float, float]:
    """The slope (per day) of the fitted line and its confidence interval."""
    import numpy as np
    import statsmodels.api as sm

    first = seen[0].as_of
    days = np.array([(f.as_of - first).days for f in seen], dtype=float)
    values = np.array([f.value for f in seen], dtype=float)
    fit = sm.OLS(values, sm.add_constant(days)).fit()
    low, high = fit.conf_int(alpha=1 - CONFIDENCE)[1]
    return float(fit.params[1]), float(low), float(high)


@dataclass
class Summary:
    """A measure as the overview, panels and briefs show it."""

    pathway: Pathway
    status: Status
    commitments: list[Commitment]
    latest: ProgressFigure | None
    next_event: PathwayEvent | None
    projections: dict[int, Projection]


def summary(pathway: Pathway, *, on: date | None = None) -> Summary:
    commitments = commitments_in_force(pathway, on=on)
    return Summary(
        pathway=pathway,
        status=status(pathway, on=on),
        commitments=commitments,
        latest=latest(pathway),
        next_event=next_event(pathway, on=on),
        projections={c.pk: projection(pathway, c, on=on) for c in commitments},
    )


def pathways_queryset() -> Any:
    """The measures the reader may see, with what the summaries and briefs read."""
    return Pathway.objects.prefetch_related(
        "events__source", "commitments__source", "progress__source", "countries", "partners"
    )


def pathways() -> list[Pathway]:
    """Every measure the reader may see, with what the summaries read."""
    return list(pathways_queryset())


def stage_label(stage: str) -> Any:
    return Stage(stage).label
