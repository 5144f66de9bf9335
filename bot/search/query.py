"""Turning what a citizen typed into folded search terms.

Steps: expand abbreviations, fold (no diacritics), map everyday words to the catalogue's vocabulary
("khuyến mãi" -> "khuyến mại", "tạp hóa" -> "bán lẻ", "pin mặt trời" -> "điện mặt trời"), and drop the
words that say what is asked rather than which procedure ("cần giấy tờ gì", "bao lâu", "lệ phí").
The word lists are data: bot/search/vocabulary.yaml.
"""

from __future__ import annotations

import re

from bot.text.abbreviations import fold_expanded
from bot.text.normalize import canonical
from bot.text.rules import tables_next_to

_RULES = tables_next_to(__file__, "vocabulary.yaml")

# Folded phrase -> folded replacement. Longest phrases are applied first.
CONCEPTS: dict[str, str] = _RULES["CONCEPTS"].mapping()
# Words that express the question, not the procedure. Folded; phrases allowed.
STOP_PHRASES: tuple[str, ...] = _RULES["STOP_PHRASES"].phrases()

_PUNCT = re.compile(r"[^\w\s/]", re.UNICODE)


def _alternation(phrases) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)  # longest first: "cay xang dau" before "cay xang"
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


_CONCEPT_RE = _alternation(CONCEPTS)


def _replace_phrases(text: str, mapping: dict[str, str]) -> str:
    """One pass, so a replacement is never matched again ("hoi cho" -> "hoi cho trien lam" stays that)."""
    pattern = _CONCEPT_RE if mapping is CONCEPTS else _alternation(mapping)
    text = pattern.sub(lambda m: f" {mapping[m.group(0)]} ", text)
    return re.sub(r"\s+", " ", text).strip()


# Phrases that fold into a procedure's words ("đã cấp" -> "da cap" like "đa cấp", "hỏi cho" like "hội chợ"):
# told apart while the diacritics are still there. Text typed without diacritics stays ambiguous.
ACCENTED_COLLISIONS: dict[str, str] = _RULES["ACCENTED_COLLISIONS"].mapping()
_PARTICLES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rule.pattern), rule.to or "") for rule in _RULES["ACCENTED_PARTICLES"].rules
]
_COLLISION_RE = re.compile("|".join(re.escape(k) for k in sorted(ACCENTED_COLLISIONS, key=len, reverse=True)))


# Industrial liquor licences split at 3 million litres a year: a capacity said in figures picks the side.
_CAPACITY = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?) ?(trieu|nghin|ngan) ?(lit|l)(?!\w)")
_CAPACITY_WORDS = re.compile(
    r"(tren|hon|tu|vuot|qua|toi thieu) 3 trieu lit|(duoi|chua toi|chua den|it hon) 3 trieu lit"
)
_SCALE = {"trieu": 1_000_000, "nghin": 1_000, "ngan": 1_000}
ABOVE, BELOW = "tu 3 trieu lit nam tro len", "duoi 3 trieu lit nam"


def _capacity(folded: str) -> str:
    def side_of_words(match: re.Match[str]) -> str:
        return ABOVE if match.group(1) else BELOW

    def side_of_figure(match: re.Match[str]) -> str:
        if match.group(1) == "3" and match.group(2) == "trieu":
            return match.group(0)  # "3 triệu lít" alone: the words around it say which side
        litres = float(match.group(1).replace(",", ".")) * _SCALE[match.group(2)]
        return ABOVE if litres >= 3_000_000 else BELOW

    return _CAPACITY.sub(side_of_figure, _CAPACITY_WORDS.sub(side_of_words, folded))


def folded_query(query: str) -> str:
    """Folded, expanded query with accented collisions told apart and capacities read, before concept mapping."""
    lowered = canonical(query).lower()
    lowered = _COLLISION_RE.sub(lambda m: ACCENTED_COLLISIONS[m.group(0)], lowered)
    for particle, plain in _PARTICLES:
        lowered = particle.sub(plain, lowered)
    folded = fold_expanded(lowered)
    return _PUNCT.sub(" ", _capacity(folded))


def prepare(query: str) -> str:
    """Folded, expanded, concept-mapped query (stop phrases still present)."""
    return _replace_phrases(folded_query(query), CONCEPTS)


MULTIWORD_STOPS = frozenset(p for p in STOP_PHRASES if " " in p)
# Function words never kept for a catalogue pair ("ở xã", "và cấp"): only content-like words fold into
# collisions worth keeping ("hội chợ" -> "hoi cho", "triển lãm" -> "trien lam").
_NEVER_KEPT = frozenset(_RULES["NEVER_KEPT"].phrases())
_KEPT_ANYWAY = frozenset(_RULES["KEPT_ANYWAY"].phrases())
_LONG_STOP_RE = re.compile(
    r"(?<=\s)(?:"
    + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=len, reverse=True) if p.count(" ") >= 2)
    + r")(?=\s)"
)
_STOP_RE = re.compile(
    r"(?<=\s)(?:" + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=len, reverse=True)) + r")(?=\s)"
)


def strip_stop_phrases(folded: str, keep_pairs: frozenset[str] = frozenset()) -> str:
    """Drop the words that say what is asked. `keep_pairs` are word pairs ("hoi cho", "trien lam") the catalogue
    uses in names: their words stay even when one alone is a stop word ("cho", "lam" fold like "chợ", "lãm")."""
    words = _LONG_STOP_RE.sub(" ", f" {folded} ").split()
    protected = set()
    for i, pair in enumerate(" ".join(p) for p in zip(words, words[1:], strict=False)):
        never = _NEVER_KEPT & set(pair.split()) and pair not in _KEPT_ANYWAY
        if pair in keep_pairs and pair not in MULTIWORD_STOPS and not never:
            protected.update((i, i + 1))
    masked = [f"\x00{i}\x00" if i in protected else w for i, w in enumerate(words)]
    text = f" {' '.join(masked)} "
    while True:  # one regex, repeated until stable: removing a phrase can expose another
        stripped = _STOP_RE.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"\x00(\d+)\x00", lambda m: words[int(m.group(1))], text)
    return re.sub(r"\s+", " ", text).strip()
