"""`{% kept "name" %}…{% endkept %}`: a part of a page kept until the next write.

Django's own `{% cache %}` keeps the HTML only: a page served from it would be marked without
the records the part shows. This one keeps the part through core/datacache.py — the key holds
the data version (any write anywhere moves it), the reader themselves, the day and the
language — and with it the marking of what it was rendered from, counted again for the reader
whenever the part is served. Besides its name, the part is kept by the page's address with its
query (its filters, sort and page) and the template it is in. Only where the view says the
part's records are change-logged (`keep_until_write` in the context); elsewhere, and outside a
request, the part is rendered every time.

The view puts what the part needs in the context lazily (core/views/generic.py
`ObjectListView`): served from here, the part's queries are not run at all.
"""

from __future__ import annotations

import secrets
from typing import Any

from django import template
from django.template.base import Parser, Token
from django.utils.safestring import SafeString, mark_safe

from passerelle.core import datacache

register = template.Library()


class KeptNode(template.Node):
    child_nodelists = ("nodelist",)  # the blocks inside stay overridable ({% extends %})

    def __init__(self, nodelist: template.NodeList, name: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        if request is None or not context.get("keep_until_write"):
            return mark_safe(self.nodelist.render(context))  # noqa: S308 (rendered by Django)
        where = self.origin.name if self.origin else ""
        name = f"kept|{where}|{self.name.resolve(context)}|{request.get_full_path()}"
        stand_in, html = datacache.cached(
            name, lambda: self._render(context, request), reader=datacache.reader_identity()
        )
        # What belongs to this request, not to the one the part was kept from: a form's CSRF
        # token (another session of the same reader has another secret) and the nonce of an
        # inline style (the Content-Security-Policy names this response's own).
        if f"{stand_in}-csrf" in html:
            html = html.replace(f"{stand_in}-csrf", str(context.get("csrf_token") or ""))
        if f"{stand_in}-nonce" in html:
            html = html.replace(f"{stand_in}-nonce", str(getattr(request, "csp_nonce", "")))
        return mark_safe(html)  # noqa: S308 (what the nodelist rendered, escaped by Django)

    def _render(self, context: template.Context, request: Any) -> tuple[str, str]:
        stand_in = f"kept-{secrets.token_hex(16)}"
        nonce = request.__dict__.get("csp_nonce", _MISSING)
        request.csp_nonce = f"{stand_in}-nonce"
        try:
            with context.push(csrf_token=f"{stand_in}-csrf"):
                return stand_in, str(self.nodelist.render(context))
        finally:
            if nonce is _MISSING:
                del request.csp_nonce
            else:
                request.csp_nonce = nonce


_MISSING = object()


@register.tag
def kept(parser: Parser, token: Token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f'usage: {{% {bits[0]} "name" %}}…{{% endkept %}}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, parser.compile_filter(bits[1]))
