"""The Fundamental Brief — International Affairs: the binder's brief, regenerated from the data.

Each part is a builder registered with `register_fundamental_section` (see `register()`), so other
apps' parts (indicators' global figures, order 25) fall into place between them.
"""

from __future__ import annotations


def register() -> None:
    """Register the Fundamental Brief's own sections (called from BriefsConfig.ready)."""
    from passerelle.briefs.fundamental import annex, context, engagement, programs
    from passerelle.briefs.sections import register_fundamental_section

    for key, builder, order in (
        ("context", context.context, 10),
        ("landscape", context.landscape, 20),
        ("trends", context.trends, 30),
        ("why-and-how", engagement.why_and_how, 40),
        ("bilateral", engagement.bilateral, 50),
        ("crisis-measures", context.crisis_measures, 60),
        ("multilateral", engagement.multilateral, 70),
        ("diplomacy", programs.diplomacy, 90),
        ("takeaways", context.takeaways, 100),
        ("annex", annex.annex, 200),
    ):
        register_fundamental_section(key, builder, order=order)
