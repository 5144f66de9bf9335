"""What Sở Công Thương does and does not handle, as folded keywords.

The backend (out-of-scope pointers) and the Rasa NLU (intent refinement) both use it.
Keywords are folded (no diacritics, lower case, abbreviations expanded) and matched as whole words. They are data:
bot/text/scope.yaml. Standard library and PyYAML only.
"""

from __future__ import annotations

import re

from bot.text.normalize import canonical, has_diacritics
from bot.text.rules import Table, tables_next_to

_RULES = tables_next_to(__file__, "scope.yaml")


def _topics(table: Table) -> list[tuple[tuple[str, ...], str]]:
    """(keywords, the competent body) of each group of a topic table."""
    return [(table.phrases(group), data["answer"]) for group, data in table.groups.items()]


# (folded keywords, the competent body) for topics other agencies handle
OUT_OF_SCOPE_TOPICS: list[tuple[tuple[str, ...], str]] = _topics(_RULES["OUT_OF_SCOPE_TOPICS"])
# Words that put a question inside the Công Thương sector even when an out-of-scope keyword appears
# ("hộ kinh doanh bán lẻ rượu", "thuế xăng dầu" is still asked of this department).
IN_SCOPE_WORDS: tuple[str, ...] = _RULES["IN_SCOPE_WORDS"].phrases()


def _has(folded: str, words: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {w} " in padded for w in words)


def one_swap_apart(a: str, b: str) -> bool:
    """Equal, or two neighbouring letters swapped ("cheiu" for "chieu"), the commonest fast-typing slip. Other
    one-letter differences are not accepted: "cong" must not read as "hong" (sổ hồng)."""
    if a == b:
        return True
    if len(a) != len(b) or len(a) < 4:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _has_typo_tolerant(folded: str, phrases: tuple[str, ...]) -> bool:
    """Like _has, but each word of a phrase may carry one swap of letters ("ho chieu" found in "ho cheiu")."""
    tokens = folded.split()
    for phrase in phrases:
        words = phrase.split()
        for start in range(len(tokens) - len(words) + 1):
            if all(one_swap_apart(t, w) for t, w in zip(tokens[start : start + len(words)], words, strict=True)):
                return True
    return False


# Sector words that are everyday words once folded: in a text typed with its marks, only the marked form
# counts ("hỏi cho chắc" is not "hội chợ", "bìa hồ sơ" is not "bia").
MARKED_FORMS: dict[str, str] = _RULES["MARKED_FORMS"].mapping()


def _marked_word_present(text: str, marked: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(marked) + r"(?!\w)", canonical(text).lower()) is not None


def in_scope(folded: str, text: str | None = None) -> bool:
    """Does the folded text name something of the Công Thương sector? `text`, the message as typed, settles
    folded words that are ambiguous when it has its diacritics."""
    padded = f" {folded} "
    marked = text is not None and has_diacritics(text)
    for word in IN_SCOPE_WORDS:
        if f" {word} " not in padded:
            continue
        if marked and word in MARKED_FORMS and not _marked_word_present(text, MARKED_FORMS[word]):
            continue
        return True
    return False


# Out-of-scope topics named with a sector word: paying a household bill is the supplier's business.
OUT_OF_SCOPE_EVEN_IN_SECTOR: list[tuple[tuple[str, ...], str]] = _topics(_RULES["OUT_OF_SCOPE_EVEN_IN_SECTOR"])


def out_of_scope_topic(folded: str, text: str | None = None) -> str | None:
    """The competent body for an out-of-scope topic named in folded text, unless the text is about the sector."""
    for keywords, where in OUT_OF_SCOPE_EVEN_IN_SECTOR:
        if _has(folded, keywords):
            return where
    if in_scope(folded, text):
        return None
    for keywords, where in OUT_OF_SCOPE_TOPICS:
        if _has(folded, keywords):
            return where
    cleaned = re.sub(r"[^\w\s/]", " ", folded)
    for keywords, where in OUT_OF_SCOPE_TOPICS:  # typed with a typo: only phrases of two words or more
        if _has_typo_tolerant(cleaned, tuple(k for k in keywords if " " in k)):
            return where
    return None
