"""Values every page template needs: navigation, the other language's address, the user's role."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

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
        # A view that shows records passes its own; a page that shows none is unclassified.
        "default_classification": Classification.UNCLASSIFIED,
    }
