"""`passerelle jobs`: the command lives with the jobs package."""

from passerelle.core.jobs.command import Command

__all__ = ["Command"]
