"""What of this app search finds: its records' titles and text in each language, and
their pages (core/search/registry.py)."""

from __future__ import annotations

from passerelle.core.search.registry import Searchable, register, translated


def register_searchables() -> None:
    """Called from the app's AppConfig.ready()."""
    from passerelle.engagements.models import Commitment, Engagement, FollowUp, Irritant

    pk = {"pk": "pk"}
    register(
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
        )
    )
    register(
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
        )
    )
    register(
        Searchable(
            "follow-up",
            FollowUp,
            FollowUp._meta.verbose_name_plural,
            "action_en",
            "action_fr",
            english=("owner", lambda f: f.engagement.title_en),
            french=("owner", lambda f: f.engagement.title_fr),
            url_name="engagements:follow_up_detail",
            url_kwargs=pk,
            order=11,
        )
    )
    register(
        Searchable(
            "commitment",
            Commitment,
            Commitment._meta.verbose_name_plural,
            "description_en",
            "description_fr",
            english=(translated("en", Commitment.get_direction_display),),
            french=(translated("fr", Commitment.get_direction_display),),
            url_name="engagements:commitment_detail",
            url_kwargs=pk,
            order=12,
        )
    )
