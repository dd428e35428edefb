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
