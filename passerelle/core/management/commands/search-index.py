"""`passerelle search-index [--rebuild]`: the command lives with the search package."""

from passerelle.core.search.command import Command

__all__ = ["Command"]
