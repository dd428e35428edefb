"""Text matching that ignores case and accents; free of Django so pure modules can use it."""

import unicodedata


def fold(text: str) -> str:
    """Lower case without accents or curly apostrophes: "Montréal", "MONTREAL" and "montreal" fold
    alike, so "etats-unis" finds "États-Unis"."""
    text = text.strip()
    if text.isascii():
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


ENGLISH_MARK = "[EN]"


def in_language(english: str, french: str, language: str) -> str:
    """A bilingual text in `language`: the English in English; in French the French, or, where
    it is still to be written, the English marked "[EN] " so that it is never mistaken for a
    translation (pages and briefs alike; the "translation to do" page lists the gaps)."""
    english, french = english or "", french or ""
    if not language.startswith("fr"):
        return english
    if french or not english:
        return french
    return f"{ENGLISH_MARK} {english}"


def unmarked(text: str) -> str:
    """`text` without the "[EN] " of an English stand-in (to sort it among the French)."""
    return text.removeprefix(f"{ENGLISH_MARK} ")
