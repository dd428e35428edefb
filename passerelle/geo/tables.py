"""The country list's table, for the page and its CSV."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from passerelle.core.tables import ExportColumn, LinkColumn, Table
from passerelle.geo.models import Country


class CountryTable(Table):
    caption = _("Countries and territories, with their ISO, UN M49 and UNHCR codes")
    name = LinkColumn(verbose_name=_("Name"), row=True, language_field="name")
    iso_alpha3 = ExportColumn(verbose_name=_("ISO alpha-3"), visible=True)
    iso_alpha2 = ExportColumn(verbose_name=_("ISO alpha-2"), visible=True)
    iso_numeric = ExportColumn(verbose_name=_("ISO numeric"), visible=True)
    unhcr_code = ExportColumn(verbose_name=_("UNHCR code"), visible=True)
    name_en = ExportColumn(verbose_name=_("Name (English)"))
    name_fr = ExportColumn(verbose_name=_("Name (French)"))
    m49 = ExportColumn(verbose_name=_("UN M49 code"))
    fold_by = "name"

    class Meta(Table.Meta):
        model = Country
        fields = ()
