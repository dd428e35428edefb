"""Partners: the organizations and forums the branch works with, who belongs to each forum and
who held which role in it over time, the frameworks they adopted, and the relationships between
partners. Countries are `geo.Country`; Canada is one of them (ISO alpha-3 `CAN`).

A member of a forum, a role holder or a party to a relationship is either a country or an
organization, never both (party.py's `PartyModel`): a check constraint holds that in the
database.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import BilingualNameMixin, InActiveLanguage, PasserelleModel
from passerelle.core.querysets import RestrictedQuerySet
from passerelle.partners.party import PartyModel, one_party
from passerelle.partners.periods import RoleSpan, conflict

CANADA = "CAN"


class PeriodQuerySet(RestrictedQuerySet[Any]):
    """Records whose period (`start`, `end`, either open) contains a date."""

    def on(self, day: date) -> PeriodQuerySet:
        return self.filter(
            Q(start__isnull=True) | Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day)
        )


class PeriodModel(models.Model):
    """A period from `start` to `end` (both inclusive, either open), and how precisely it is
    known: the binder gives some periods as years only ("Chair 2021-2022")."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day")
        MONTH = "month", _("Month")
        YEAR = "year", _("Year")

    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty while current."))
    precision = models.CharField(
        _("precision of the dates"), max_length=5, choices=Precision.choices, default="day"
    )

    class Meta:
        abstract = True

    @property
    def period(self) -> str:
        """The period as the binder writes it: 2021-2022 for years, else the dates."""
        if self.precision == self.Precision.YEAR:
            first = str(self.start.year) if self.start else "…"
            last = str(self.end.year) if self.end else ""
            return first if first == last else f"{first}-{last}"
        return f"{self.start or '…'} – {self.end or ''}".strip()


class NamedPartnerModel(BilingualNameMixin, PasserelleModel):
    """What organizations, forums and frameworks share: a slug, a name and an acronym in both
    languages, and a description."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=250)
    name_fr = models.CharField(_("name (French)"), max_length=250)
    acronym_en = models.CharField(_("acronym (English)"), max_length=30, blank=True)
    acronym_fr = models.CharField(_("acronym (French)"), max_length=30, blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name_en

    acronym = InActiveLanguage()

    description = InActiveLanguage()


class Organization(NamedPartnerModel):
    """An international, governmental, non-governmental or research organization."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organization")
        GOVERNMENT = "government", _("Government department or agency")
        NON_GOVERNMENTAL = "non_governmental", _("Non-governmental organization")
        RESEARCH = "research", _("Research organization")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    iati_identifier = models.CharField(
        _("IATI organization identifier"),
        max_length=100,
        blank=True,
        help_text=_("As in the IATI Organisation Registry, e.g. XM-DAC-41121 for UNHCR."),
    )
    website = models.URLField(_("website"), blank=True)
    headquarters = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations_headquartered",
        verbose_name=_("headquarters"),
    )
    countries = models.ManyToManyField(
        "geo.Country",
        blank=True,
        related_name="organizations",
        verbose_name=_("countries"),
        help_text=_("The country of a government body; the countries an organization works in."),
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")


class Forum(NamedPartnerModel):
    """A multilateral or regional forum, process, platform or initiative."""

    class Kind(models.TextChoices):
        MINISTERIAL = "ministerial", _("Ministerial meeting")
        SENIOR_OFFICIALS = "senior_officials", _("Senior officials' forum")
        REGIONAL_PROCESS = "regional_process", _("Regional consultative process")
        SUPPORT_PLATFORM = "support_platform", _("Support platform")
        GLOBAL_FORUM = "global_forum", _("Global forum")
        NETWORK = "network", _("Network")
        INITIATIVE = "initiative", _("Initiative or task force")
        GOVERNING_BODY = "governing_body", _("Governing body")

    class Scope(models.TextChoices):
        GLOBAL = "global", _("Global")
        REGIONAL = "regional", _("Regional")
        PLURILATERAL = "plurilateral", _("Plurilateral")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    scope = models.CharField(_("scope"), max_length=15, choices=Scope.choices)
    directed_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directs",
        verbose_name=_("receives direction from"),
    )
    secretariat = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forums_served",
        verbose_name=_("secretariat"),
    )
    established = models.DateField(_("established"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("forum")
        verbose_name_plural = _("forums")


class Membership(PartyModel, PeriodModel, PasserelleModel):
    """A country or an organization belonging to a forum, from `start` to `end`."""

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("forum")
    )

    objects = PeriodQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["forum", "start"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(condition=one_party(), name="membership_one_member"),
        ]

    def __str__(self) -> str:
        return f"{self.party} – {self.forum}"


class ForumRole(PartyModel, PeriodModel, PasserelleModel):
    """A role held in a forum over a period: Canada chaired the MIRPS Support Platform in
    2021-2022 and was its past chair in 2022-2023. (Named ForumRole because `Role` is a user's
    role in Passerelle, core/roles.py.)"""

    class Kind(models.TextChoices):
        CHAIR = "chair", _("Chair")
        PAST_CHAIR = "past_chair", _("Past chair")
        INCOMING_CHAIR = "incoming_chair", _("Incoming chair")
        CO_CHAIR = "co_chair", _("Co-chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        MEMBER = "member", _("Member")
        OBSERVER = "observer", _("Observer")

    forum = models.ForeignKey(
        Forum, on_delete=models.CASCADE, related_name="roles", verbose_name=_("forum")
    )
    role = models.CharField(_("role"), max_length=20, choices=Kind.choices)

    objects = PeriodQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["forum", "start", "role"]
        verbose_name = _("role in a forum")
        verbose_name_plural = _("roles in forums")
        constraints = [
            models.CheckConstraint(condition=one_party(), name="forumrole_one_holder"),
        ]

    def __str__(self) -> str:
        return f"{self.party} – {self.get_role_display()} – {self.forum} ({self.period})"

    @property
    def span(self) -> RoleSpan:
        holder = ("country", self.country_id) if self.country_id else ("org", self.organization_id)
        return RoleSpan(self.forum_id, holder, self.role, self.start, self.end)

    def clean(self) -> None:
        """A role overlaps no other that may not be held at the same time (partners/periods.py):
        one role at a time for a holder in a forum, one chair at a time."""
        super().clean()
        others = ForumRole.objects.filter(forum_id=self.forum_id).exclude(pk=self.pk)
        clash = next((o for o in others if conflict(self.span, o.span)), None)
        if clash is not None:
            raise ValidationError(
                _("This period overlaps another role in the forum: %(role)s.") % {"role": clash}
            )


class Framework(NamedPartnerModel):
    """A framework or agreement: the Global Compact for Migration, the Global Compact on
    Refugees, the Los Angeles Declaration on Migration and Protection…"""

    class Kind(models.TextChoices):
        COMPACT = "compact", _("Global compact")
        DECLARATION = "declaration", _("Declaration")
        AGREEMENT = "agreement", _("Agreement")
        FRAMEWORK = "framework", _("Framework")
        STRATEGY = "strategy", _("Strategy")

    kind = models.CharField(_("type"), max_length=15, choices=Kind.choices)
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    forum = models.ForeignKey(
        Forum,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="frameworks",
        verbose_name=_("forum"),
        help_text=_("The forum that carries it forward, if any."),
    )
    countries = models.ManyToManyField(
        "geo.Country",
        blank=True,
        related_name="frameworks",
        verbose_name=_("endorsing countries"),
    )

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("framework or agreement")
        verbose_name_plural = _("frameworks and agreements")


class Relationship(PartyModel, PeriodModel, PasserelleModel):
    """What one partner is to another, and since when: UNHCR is IRCC's primary referral partner
    for Government-Assisted Refugees. The party is a country or an organization, and so is the
    counterpart."""

    clearance_parents = (
        ("country", "organization"),
        ("counterpart_country", "counterpart_organization"),
    )

    class Kind(models.TextChoices):
        REFERRAL = "referral", _("Referral partner")
        SERVICE = "service", _("Service delivery partner")
        GOVERNANCE = "governance", _("Governance member")
        COOPERATION = "cooperation", _("Cooperation")
        CAPACITY_BUILDING = "capacity_building", _("Capacity building")
        FUNDING = "funding", _("Funding")

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    counterpart_country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relationships_as_counterpart",
        verbose_name=_("counterpart country"),
    )
    counterpart_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="relationships_as_counterpart",
        verbose_name=_("counterpart organization"),
    )
    nature_en = models.TextField(_("nature (English)"))
    nature_fr = models.TextField(_("nature (French)"))

    objects = PeriodQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        ordering = ["organization", "country", "kind"]
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.CheckConstraint(condition=one_party(), name="relationship_one_party"),
            models.CheckConstraint(
                condition=one_party("counterpart_"), name="relationship_one_counterpart"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.party} – {self.counterpart}: {self.get_kind_display()}"

    @property
    def counterpart(self) -> Any:
        return (
            self.counterpart_country
            if self.counterpart_country_id
            else self.counterpart_organization
        )

    nature = InActiveLanguage()


# People and the titles they held (a role over time, like a forum role): models/people.py.
from passerelle.partners.models.people import Appointment as Appointment  # noqa: E402
from passerelle.partners.models.people import Person as Person  # noqa: E402
