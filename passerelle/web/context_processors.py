"""Values every page template needs: navigation, the other language's address, the user's role."""

import json

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from passerelle.core.classification import Classification
from passerelle.core.navigation import links_for


def shell(request: HttpRequest) -> dict[str, object]:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    other = next(code for code, _name in settings.LANGUAGES if code != language)
    return {
        "nav_links": links_for(request),
        "other_language": {
            "code": other,
            "name": get_language_info(other)["name_local"],
            "url": translate_url(request.get_full_path(), other),
        },
        "footer_links": footer_links(),
        # A view that shows records passes its own; a page that shows none is unclassified.
        "default_classification": Classification.UNCLASSIFIED,
    }


def footer_links() -> str:
    """The footer's links (gcds-footer `sub-links`: label to address, as JSON), in place of
    Canada.ca's own: every GC application's help, contact, problem report and accessibility."""
    links = {
        _("Help"): reverse("web:help"),
        _("Contact us"): reverse("web:contact"),
        _("Report a problem"): reverse("web:report_problem"),
        _("Accessibility"): reverse("web:accessibility"),
    }
    return json.dumps(links, ensure_ascii=False)
