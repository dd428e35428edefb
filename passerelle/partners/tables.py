"""The partners' tables: each list page's HTML table and its CSV, from one declaration."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ChoiceColumn, ExportColumn, LinkColumn, Table
from passerelle.partners.models import Forum, Framework, Organization, Person


class PartnerTable(Table):
    """What forums, organizations and frameworks share: the name as a link, its acronym and
    type; the CSV adds the slug and both languages' names and acronyms."""

    name = LinkColumn(verbose_name=_("Name"), row=True, language_field="name")
    acronym = ExportColumn(verbose_name=_("Acronym"), visible=True, orderable=False)
    slug = ExportColumn(verbose_name=_("Slug"))
    name_en = ExportColumn(verbose_name=_("Name (English)"))
    name_fr = ExportColumn(verbose_name=_("Name (French)"))
    acronym_en = ExportColumn(verbose_name=_("Acronym (English)"))
    acronym_fr = ExportColumn(verbose_name=_("Acronym (French)"))
    kind = ChoiceColumn(verbose_name=_("Type"))
    fold_by = "name"

    class Meta(Table.Meta):
        sequence = ("name", "acronym", "kind", "...")
        exclude = ()

    def value_kind(self, record: object) -> str:
        return str(record.get_kind_display())  # type: ignore[attr-defined]


class ForumTable(PartnerTable):
    caption = _("Forums")
    scope = ChoiceColumn(verbose_name=_("Scope"))
    secretariat = LinkColumn(verbose_name=_("Secretariat"), orderable=False)
    directed_by = LinkColumn(
        verbose_name=_("Receives direction from"), orderable=False, visible=False
    )
    established = ExportColumn(verbose_name=_("Established"))
    website = ExportColumn(verbose_name=_("Website"))

    class Meta(PartnerTable.Meta):
        model = Forum
        fields = ()


class OrganizationTable(PartnerTable):
    iati_identifier = ExportColumn(verbose_name=_("IATI identifier"))
    headquarters = LinkColumn(verbose_name=_("Headquarters"), orderable=False)
    website = ExportColumn(verbose_name=_("Website"))

    class Meta(PartnerTable.Meta):
        model = Organization
        fields = ()


class FrameworkTable(PartnerTable):
    adopted = ExportColumn(verbose_name=_("Adopted"), visible=True)
    forum = LinkColumn(verbose_name=_("Forum"), orderable=False)

    class Meta(PartnerTable.Meta):
        model = Framework
        fields = ()


class PersonTable(Table):
    """People: the name as a link, their side and country, and their title today."""

    caption = _("People")
    name = LinkColumn(verbose_name=_("Name"), row=True)
    side = ChoiceColumn(verbose_name=_("Side"))
    country = LinkColumn(verbose_name=_("Country"), orderable=False)
    title_now = ExportColumn(verbose_name=_("Title today"), visible=True, orderable=False)
    slug = ExportColumn(verbose_name=_("Slug"))
    fold_by = "name"

    class Meta(Table.Meta):
        sequence = ("name", "side", "country", "title_now", "...")
        exclude = ()

    def value_side(self, record: Person) -> str:
        return str(record.get_side_display())

    def value_title_now(self, record: Person) -> str:
        current = record.title_on(date.today())
        return current.title if current is not None else ""

    def render_title_now(self, record: Person) -> str:
        return self.value_title_now(record)


class AppointmentTable(Table):
    """The titles a person held, latest first."""

    caption = _("Titles held")
    title = LinkColumn(verbose_name=_("Title"), row=True, orderable=False)
    organization = LinkColumn(verbose_name=_("Organization"), orderable=False)
    country = LinkColumn(verbose_name=_("Country"), orderable=False)
    start = ExportColumn(verbose_name=_("Start"), visible=True)
    end = ExportColumn(verbose_name=_("End"), visible=True)

    class Meta(Table.Meta):
        exclude = ()


class PersonAppointmentTable(AppointmentTable):
    """Every title held, with the person who held it."""

    person = LinkColumn(verbose_name=_("Person"), orderable=False)

    class Meta(AppointmentTable.Meta):
        sequence = ("person", "...")
