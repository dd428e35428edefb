"""People the branch briefs about and for: counterparts (a minister, an ambassador, a head of an
international organization) and Canada's own principals, with the titles each held over time.

They live in partners because a title held is a role over time, the app's other subject (a
forum's chair, a membership): a title is held in an organization or for a country's government,
over a period recorded the same way (`PeriodModel`, years or days). Engagements name the people
who took part (engagements' `Participant.person`), and the briefs app writes a person's one-page
biography note from these records.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from passerelle.core.models import InActiveLanguage, PasserelleModel, in_active_language


class Person(PasserelleModel):
    """Someone a principal meets, or a principal: their name as they write it, whose side they
    are on, the country they serve, and a short biography in each language."""

    class Side(models.TextChoices):
        CANADA = "canada", _("Canadian principal")
        COUNTERPART = "counterpart", _("Counterpart")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("As the person writes it."))
    honorific_en = models.CharField(_("honorific (English)"), max_length=60, blank=True)
    honorific_fr = models.CharField(_("honorific (French)"), max_length=60, blank=True)
    side = models.CharField(_("side"), max_length=15, choices=Side.choices)
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("country"),
        help_text=_("The country whose government the person serves, if any."),
    )
    biography_en = models.TextField(_("biography (English)"), blank=True)
    biography_fr = models.TextField(_("biography (French)"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name

    @property
    def honorific(self) -> str:
        return in_active_language(self.honorific_en, self.honorific_fr) if self.honorific_en else ""

    biography = InActiveLanguage()

    def title_on(self, day: date) -> Appointment | None:
        """The title the person held on `day` (the latest begun, if several)."""
        held = [a for a in self.appointments.all() if a.covers(day)]
        return max(held, key=lambda a: a.start or date.min, default=None)


class Appointment(PasserelleModel):
    """A title a person held, where, and when: "Secretary of Foreign Affairs, Government of
    Mexico, since 2024". The period is recorded as days or as years, like a forum role's."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="appointments", verbose_name=_("person")
    )
    title_en = models.CharField(_("title (English)"), max_length=250)
    title_fr = models.CharField(_("title (French)"), max_length=250, blank=True)
    organization = models.ForeignKey(
        "partners.Organization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("organization"),
    )
    country = models.ForeignKey(
        "geo.Country",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("country"),
        help_text=_("The government the title is held in, when not an organization's."),
    )
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Empty while current."))

    class Meta:
        ordering = ["person", "-start", "pk"]
        verbose_name = _("title held")
        verbose_name_plural = _("titles held")

    def __str__(self) -> str:
        return f"{self.person}: {self.title_en}"

    title = InActiveLanguage()

    name = title  # how tables and choices name it

    @property
    def period(self) -> str:
        """From – to, with an open end while current."""
        return f"{self.start or '…'} – {self.end or ''}".strip()

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)
