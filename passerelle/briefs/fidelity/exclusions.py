"""What the fidelity check leaves out on purpose, each with its reason. Nothing else is left
out: an expectation the brief does not hold is reported missing."""

from __future__ import annotations

from passerelle.briefs.fidelity.extract import Expectation

# (kind, text as the binder writes it) → why it is not looked for in the brief.
EXCLUDED: dict[tuple[str, str], str] = {
    ("name", "Comprehensive Regional Protection Solutions Framework"): (
        "The binder names the MIRPS Support Platform three ways; the records keep the "
        "framework's own name, Comprehensive Regional Protection and Solutions Framework "
        "(MIRPS), which the brief prints wherever the binder uses any of them."
    ),
    (
        "text",
        "Comprehensive Regional Framework for Protection and Solution (MIRPS) Support Platform",
    ): (
        "The binder's third name of the MIRPS Support Platform (see above); the brief titles the "
        "part with the framework's own name."
    ),
    ("text", "Recent key engagements by IRCC include"): (
        "A list's lead-in: the brief titles the list 'Recent key engagements by IRCC'; the verb "
        "that introduces the list says nothing more."
    ),
}


def excluded(expectation: Expectation) -> str | None:
    """The reason `expectation` is left out, or None."""
    return EXCLUDED.get(expectation.key)
