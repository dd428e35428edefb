"""The measures in briefs, built from live data with the briefs app's document model and
rendered by its renderers (HTML, PDF, DOCX, Markdown), in English and French:

- a **Question Period note** per measure, in the Government of Canada's layout: issue,
  suggested response, supplementary response, background;
- a **pathway brief**: the measure, where it stands, its timeline, its published progress, the
  projection, and our records beside the published figures;
- the sections other briefs take: the Fundamental Brief's crisis measures (the binder's words,
  cited, with the latest figures and their dates) and a country brief's measures.

Every published figure is printed with its as-of date and footnoted with its source page (a
secondary source says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override

from passerelle.briefs.document import Brief
from passerelle.briefs.facts import facts, mark
from passerelle.briefs.sections import Figure, Footnote, Section, Table
from passerelle.briefs.sourcing import Writer
from passerelle.core.classification import Classification
from passerelle.core.reader import marking_scope, reading_as_user
from passerelle.core.templatetags.passerelle import longdate, number
from passerelle.pathways import services
from passerelle.pathways.models import Commitment, Pathway, ProgressFigure

KINDS = ("qp-note", "pathway")


def _source_note(record: Any, writer: Writer, *, as_of: date | None) -> Footnote:
    """A row's source as its footnote: publisher, title (edition), locator, date."""
    source = record.source
    if source is None:
        return Footnote(
            source=_("Entered by a coordinator"), as_of=longdate(as_of) if as_of else ""
        )
    label = f"Source {source.key}"
    title = writer.text(source, "title", label=label)
    edition = writer.text(source, "edition", label=label)
    parts = [
        writer.text(source, "publisher", label=label),
        f"{title} ({edition})" if edition else title,
    ]
    locator = writer.text(record, "locator", label=label) if record.locator_en else ""
    # (no address: a long one breaks across lines in the PDF, where a reader finds it on the
    # source's page in Passerelle)
    parts += [locator, longdate(source.published) if source.published else ""]
    text = ", ".join(part for part in parts if part)
    if record.secondary:
        text += " — " + _("secondary source")
    return Footnote(source=text, as_of=longdate(as_of) if as_of else "")


def figure_text(figure: ProgressFigure) -> str:
    """The figure as a sentence's words: 'more than 45,800 people'."""
    value = number(figure.value)
    if figure.qualifier:
        value = f"{figure.get_qualifier_display()} {value}"
    return f"{value} {figure.get_unit_display()}"


def as_figure(figure: ProgressFigure, writer: Writer) -> Figure:
    label = str(figure.get_stage_display())
    if figure.stream:
        label += f" ({figure.stream})"
    return Figure(
        label=label,
        value=figure_text(figure),
        footnote=_source_note(figure, writer, as_of=figure.as_of),
        illustrative=figure.illustrative,
    )


def commitment_figure(commitment: Commitment, writer: Writer) -> Figure:
    value = f"{number(commitment.target)} {commitment.get_unit_display()}"
    if commitment.met_on:
        value += " — " + _("met on %(date)s") % {"date": longdate(commitment.met_on)}
    return Figure(
        label=f"{commitment.get_kind_display()}: {writer.text(commitment, 'label')}",
        value=value,
        footnote=_source_note(commitment, writer, as_of=commitment.effective),
        illustrative=commitment.illustrative,
    )


def latest_sentence(figure: ProgressFigure) -> str:
    return _("As of %(date)s: %(stage)s, %(figure)s.") % {
        "date": longdate(figure.as_of),
        "stage": str(figure.get_stage_display()).lower(),
        "figure": figure_text(figure),
    }


def status_sentence(summary: services.Summary) -> str:
    if summary.status.since:
        return _("Status: %(status)s since %(date)s.") % {
            "status": str(summary.status.label).lower(),
            "date": longdate(summary.status.since),
        }
    return _("Status: %(status)s.") % {"status": str(summary.status.label).lower()}


def projection_sentence(
    commitment: Commitment, projection: services.Projection, writer: Writer
) -> str:
    label = writer.text(commitment, "label")
    if commitment.met_on:
        return _("%(label)s: met on %(date)s.") % {
            "label": label,
            "date": longdate(commitment.met_on),
        }
    if projection.expected:
        interval = longdate(projection.latest) if projection.latest else _("no end")
        return _(
            "%(label)s: projected completion %(date)s (95%% interval %(first)s to %(last)s), "
            "from the recent rate."
        ) % {
            "label": label,
            "date": longdate(projection.expected),
            "first": longdate(projection.earliest),
            "last": interval,
        }
    return f"{label}: {projection.reason}"


def _measure_records(pathway: Pathway) -> list[Any]:
    return [pathway, *pathway.events.all(), *pathway.commitments.all(), *pathway.progress.all()]


def qp_sections(pathway: Pathway, *, language: str) -> list[Section]:
    """The Question Period note: issue, suggested response, supplementary response, background."""
    writer = Writer(language)
    summary = services.summary(pathway)
    latest = services.latest_figures(pathway)
    name = writer.text(pathway, "name")
    issue = Section(
        key="issue",
        title=_("Issue"),
        paragraphs=[
            _(
                "%(name)s, in response to the %(crisis)s: where the measure stands and what "
                "Canada committed."
            )
            % {"name": name, "crisis": writer.text(pathway, "crisis")}
        ],
    )
    suggested = Section(key="suggested-response", title=_("Suggested response"))
    if pathway.binder_text_en:
        suggested.items.append(writer.text(pathway, "binder_text"))
    suggested.items.append(status_sentence(summary))
    suggested.items += [latest_sentence(f) for f in latest]
    suggested.figures = [as_figure(f, writer) for f in latest]
    supplementary = Section(key="supplementary-response", title=_("Supplementary response"))
    for commitment in summary.commitments:
        supplementary.items.append(
            projection_sentence(commitment, summary.projections[commitment.pk], writer)
        )
    supplementary.figures = [commitment_figure(c, writer) for c in summary.commitments]
    if summary.next_event:
        supplementary.items.append(
            _("Next: %(kind)s on %(date)s.")
            % {
                "kind": summary.next_event.get_kind_display(),
                "date": longdate(summary.next_event.date),
            }
        )
    if not supplementary.items:
        supplementary.items.append(_("No commitment or cap was published for this measure."))
    background = Section(key="background", title=_("Background"))
    for label, field in ((_("Public policy"), "public_policy"), (_("Eligibility"), "eligibility")):
        if getattr(pathway, f"{field}_en"):
            background.paragraphs.append(f"{label}: {writer.text(pathway, field)}")
    background.tables.append(timeline_table(pathway, writer))
    sections = [issue, suggested, supplementary, background]
    for section in sections:
        section.missing_french = list(writer.missing)
        mark(section, _measure_records(pathway))
    return sections


def timeline_table(pathway: Pathway, writer: Writer) -> Table:
    rows = [
        [
            longdate(e.date),
            str(e.get_kind_display()),
            writer.text(e, "description"),
            _source_note(e, writer, as_of=None).source,
        ]
        for e in services.timeline(pathway)
    ]
    return Table(
        caption=_("Timeline"),
        columns=[_("Date"), _("Event"), _("Description"), _("Source")],
        rows=rows,
        illustrative=pathway.illustrative,
    )


def pathway_sections(pathway: Pathway, *, language: str) -> list[Section]:
    """The pathway brief: the measure, where it stands, its progress and our records."""
    from passerelle.pathways.records import records_funnel

    writer = Writer(language)
    summary = services.summary(pathway)
    about = Section(key="about", title=_("The measure"))
    about.paragraphs.append(
        f"{_('Crisis')}: {writer.text(pathway, 'crisis')}. "
        f"{_('Kind')}: {pathway.get_kind_display()}."
    )
    for label, field in (
        (_("In the transition binder"), "binder_text"),
        (_("Public policy"), "public_policy"),
        (_("Eligibility"), "eligibility"),
    ):
        if getattr(pathway, f"{field}_en"):
            about.paragraphs.append(f"{label}: {writer.text(pathway, field)}")
    about.items = [line for line in writer.text(pathway, "streams").splitlines() if line.strip()]
    standing = Section(key="standing", title=_("Where it stands"), items=[status_sentence(summary)])
    standing.figures = [commitment_figure(c, writer) for c in services.versions(pathway)]
    standing.items += [
        projection_sentence(c, summary.projections[c.pk], writer) for c in summary.commitments
    ]
    if summary.commitments:
        standing.items.append(str(services.METHOD))
    progress = Section(key="progress", title=_("Published progress"))
    progress.figures = [
        as_figure(f, writer)
        for f in sorted(pathway.progress.all(), key=lambda f: (f.as_of, f.stage))
    ]
    timeline = Section(
        key="timeline", title=_("Timeline"), tables=[timeline_table(pathway, writer)]
    )
    sections = [about, standing, progress, timeline]
    found = records_funnel(pathway)
    if found is not None:
        sections.append(records_section(found))
    for section in sections:
        section.missing_french = list(writer.missing)
        mark(section, _measure_records(pathway))
    return sections


def records_section(found: Any) -> Section:
    rows = []
    for row in found.comparisons:
        published = row["published"]
        rows.append(
            [
                str(ProgressFigure(stage=row["stage"]).get_stage_display()),
                f"{figure_text(published)} ({longdate(published.as_of)})" if published else "—",
                f"{number(row['records'])} ({longdate(found.as_of)})",
                number(row["difference"]) if row["difference"] is not None else "—",
                {"records": _("Our records"), "published": _("Published"), "same": _("Same date")}[
                    row["newer"]
                ],
            ]
        )
    table = Table(
        caption=_("Published figures and our records, in applications"),
        columns=[_("Stage"), _("Published"), _("Our records"), _("Difference"), _("Newer")],
        rows=rows,
        illustrative=found.illustrative,
    )
    return Section(
        key="records",
        title=_("From our own records"),
        tables=[table],
        illustrative=found.illustrative,
    )


def build(
    kind: str, pathway_slug: str, *, user: Any, language: str, day: date | None = None
) -> Brief:
    """A measure's QP note (`qp-note`) or brief (`pathway`), as `user` may see it."""
    with reading_as_user(user), marking_scope() as read, override(language):
        pathway = services.pathways_queryset().filter(slug=pathway_slug).first()
        if pathway is None:
            from django.http import Http404

            raise Http404
        name = pathway.name_fr if language == "fr" and pathway.name_fr else pathway.name_en
        brief = Brief(
            kind=kind,
            subject=pathway.slug,
            language=language,
            title=(_("Question Period note: %s") if kind == "qp-note" else _("Pathway brief: %s"))
            % name,
            subtitle=_("International Affairs"),
            day=day or date.today(),
            cleared_to=Classification(user.clearance),
            read=read,
        )
        builder = qp_sections if kind == "qp-note" else pathway_sections
        brief.sections = builder(pathway, language=language)
    return brief


def fundamental_section(*, user: Any, language: str) -> Section | None:
    """The Fundamental Brief's crisis measures from the measures' records: the binder's
    words (cited to it) and each measure's latest published figures with their dates."""
    writer = Writer(language)
    measures = services.pathways()
    if not measures:
        return None
    general = [
        f for f in facts(user, "crisis-measures") if not f.countries.all() and f.value is None
    ]
    section = Section(
        key="crisis-measures",
        title=_("Recent Measures in Response to International Crises and Humanitarian Situations"),
        paragraphs=[writer.text(f, "text", label=f"Fact {f.key}") for f in general],
    )
    for pathway in measures:
        section.items.append(
            f"{writer.text(pathway, 'name')}: {writer.text(pathway, 'binder_text')}"
        )
        for figure in services.latest_figures(pathway):
            section.figures.append(
                _labelled(as_figure(figure, writer), writer.text(pathway, "name"))
            )
        for commitment in services.commitments_in_force(pathway):
            section.figures.append(
                _labelled(commitment_figure(commitment, writer), writer.text(pathway, "name"))
            )
    section.missing_french = writer.missing
    return mark(section, [*general, *_all(measures)])


def country_section(country: Any, *, user: Any, language: str) -> Section | None:
    """A country brief's measures concerning its nationals, with their latest figures."""
    writer = Writer(language)
    measures = [p for p in services.pathways() if country in p.countries.all()]
    if not measures:
        return None
    section = Section(key="crisis-measures", title=_("Crisis measures concerning its nationals"))
    for pathway in measures:
        summary = services.summary(pathway)
        section.items.append(
            f"{writer.text(pathway, 'name')}: {writer.text(pathway, 'binder_text')} "
            + status_sentence(summary)
        )
        section.figures += [
            _labelled(as_figure(f, writer), writer.text(pathway, "name"))
            for f in services.latest_figures(pathway)
        ]
    section.missing_french = writer.missing
    return mark(section, _all(measures))


def _labelled(figure: Figure, name: str) -> Figure:
    return Figure(
        label=f"{name} — {figure.label}",
        value=figure.value,
        footnote=figure.footnote,
        illustrative=figure.illustrative,
    )


def _all(measures: Iterable[Pathway]) -> list[Any]:
    return [record for pathway in measures for record in _measure_records(pathway)]


def register_binder_parts() -> None:
    """A measure's Question Period note and its brief as binder parts (briefs/binders/parts.py),
    about a measure the binder's reader may see."""
    from django.utils.translation import gettext_lazy

    from passerelle.briefs.binders.parts import PartKind, register_part_kind

    def subjects(user: Any) -> list[tuple[str, str]]:
        return [(p.slug, p.name) for p in Pathway.objects.restrict(user, "view")]

    for kind, label, order in (
        ("qp-note", gettext_lazy("Question Period note"), 40),
        ("pathway", gettext_lazy("Pathway brief"), 45),
    ):

        def part(binder_part: Any, *, user: Any, language: str, kind: str = kind) -> Brief:
            return build(kind, binder_part.subject, user=user, language=language)

        register_part_kind(PartKind(kind, label, part, subjects, order=order))
