"""Briefing as the branch does it: the events principals attend, the calendar of what is due,
the requests (taskings) for briefs and notes, and the approval chain each kind of brief goes
through. Part of the briefs app (its models are the app's: briefs/models.py imports them)."""
