"""The searchable models of partners, engagements and geo (called from CoreConfig.ready)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register


def register_searchables() -> None:
    from passerelle.engagements.models import Engagement, Irritant
    from passerelle.geo.models import Country
    from passerelle.partners.models import Forum, Organization

    slug = {"slug": "slug"}
    pk = {"pk": "pk"}
    for searchable in (
        Searchable(
            "engagement",
            Engagement,
            Engagement._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("place_en", "summary_en", "outcomes_en"),
            french=("place_fr", "summary_fr", "outcomes_fr"),
            url_name="engagements:engagement_detail",
            url_kwargs=pk,
            order=1,
        ),
        Searchable(
            "irritant",
            Irritant,
            Irritant._meta.verbose_name_plural,
            "title_en",
            "title_fr",
            english=("description_en",),
            french=("description_fr",),
            url_name="engagements:irritant_detail",
            url_kwargs=pk,
            order=2,
        ),
        Searchable(
            "organization",
            Organization,
            Organization._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("acronym_en", "description_en"),
            french=("acronym_fr", "description_fr"),
            url_name="partners:organization_detail",
            url_kwargs=slug,
            order=3,
        ),
        Searchable(
            "forum",
            Forum,
            Forum._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("acronym_en", "description_en"),
            french=("acronym_fr", "description_fr"),
            url_name="partners:forum_detail",
            url_kwargs=slug,
            order=4,
        ),
        Searchable(
            "country",
            Country,
            Country._meta.verbose_name_plural,
            "name_en",
            "name_fr",
            english=("iso_alpha3",),
            url_name="geo:country_detail",
            url_kwargs={"iso_alpha3": "iso_alpha3"},
            order=5,
        ),
    ):
        register(searchable)
