"""Full-text search across the registries: partners, forums, engagements, irritants, countries.

An app declares a searchable model in the registry (`registry.register`): its English and French
title and text fields and how to link to a record. The index (`SearchEntry`, derived data, not
change-logged) is kept in step by model signals and rebuilt by `passerelle search-index
--rebuild`. Two backends read it: SQLite's FTS5 (diacritics folded, so "deplacement" finds
"déplacement") and PostgreSQL's text search with the English and French configurations (stems, so
"réunions" finds "réunion"). `services.search()` returns ranked results, never a record the user
may not view: every kind is filtered through its model's `restrict(user, "view")`.
"""
