"""Vietnamese text normalisation.

Pure standard library on purpose: the Rasa virtualenv (Python 3.10, old pins) imports this module too.

Terms used here:
- *canonical* text: NFC, tone marks in the "new" placement (hòa, thủy, khỏe), original case kept.
- *folded* text: canonical, lower-cased, diacritics removed (đ -> d), whitespace collapsed. Used for matching.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (grave, acute, hook above, tilde, dot below).
_TONE_MARKS = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}

# Syllable-final clusters whose tone mark sits on the second vowel in the old placement
# ("hoà", "thuỷ", "khoẻ") and on the first in the new one ("hòa", "thủy", "khỏe").
_OLD_STYLE = re.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([\u0300\u0301\u0309\u0303\u0323])(?![^\W\d_])",
)

_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical_tones(text: str) -> str:
    """Move tone marks of final oa/oe/uy clusters to the first vowel (hoà -> hòa, thuỷ -> thủy).

    Length-preserving on NFC input, so character offsets stay valid.
    """
    decomposed = unicodedata.normalize("NFD", text)
    moved = _OLD_STYLE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def canonical(text: str) -> str:
    """NFC + new tone placement; case and spacing untouched."""
    return canonical_tones(nfc(text))


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    without = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Matching key: lower case, no diacritics, single spaces."""
    return _WS.sub(" ", strip_diacritics(canonical(text)).lower()).strip()


def has_diacritics(text: str) -> bool:
    return strip_diacritics(text) != text


def tone_marks_of(text: str) -> list[str]:
    """The tone marks of a text in order (used by tests and the typo generator)."""
    return [ch for ch in unicodedata.normalize("NFD", text) if ch in _TONE_MARKS]
