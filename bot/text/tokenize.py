"""Word segmentation with underthesea that keeps offsets into the original text.

underthesea joins the syllables of a word with single spaces and may alter characters, so its output is
mapped back onto the input: the text is canonicalised once (NFC and tone placement keep a per-character
alignment), segmented, and each word's syllables are located in order.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bot.text.normalize import canonical_tones


@dataclass(frozen=True)
class Token:
    text: str  # the word as it appears in the original text (syllables and the spacing between them)
    start: int  # offset into the original text
    end: int


def _nfc_with_alignment(text: str) -> tuple[str, list[int]]:
    """NFC per grapheme cluster; returns the new text and, for each of its characters, the original offset."""
    out: list[str] = []
    origin: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        composed = unicodedata.normalize("NFC", text[i:j])
        out.append(composed)
        origin.extend([i] * len(composed))
        i = j
    return "".join(out), origin


def canonical_with_alignment(text: str) -> tuple[str, list[int]]:
    composed, origin = _nfc_with_alignment(text)
    toned = canonical_tones(composed)
    if len(toned) != len(composed):  # defensive: canonical_tones is length-preserving on NFC text
        return composed, origin
    return toned, origin


@lru_cache(maxsize=1)
def _segmenter():
    from underthesea import word_tokenize  # imported lazily: heavy, and optional for pure text helpers

    return word_tokenize


def _segment(text: str) -> list[str]:
    try:
        return _segmenter()(text, use_token_normalize=False)
    except Exception:  # underthesea can fail on odd input; fall back to whitespace words
        return text.split()


def tokenize(text: str) -> list[Token]:
    """Words of `text` with offsets into `text` itself (not into a normalised copy)."""
    if not text or not text.strip():
        return []
    norm, origin = canonical_with_alignment(text)
    tokens: list[Token] = []
    cursor = 0
    for word in _segment(norm):
        syllables = word.split()
        if not syllables:
            continue
        first = norm.find(syllables[0], cursor)
        if first < 0:
            continue  # underthesea produced something not in the text: skip rather than misalign
        pos = first + len(syllables[0])
        ok = True
        for syl in syllables[1:]:
            nxt = norm.find(syl, pos)
            if nxt < 0 or norm[pos:nxt].strip():
                ok = False
                break
            pos = nxt + len(syl)
        if not ok:
            # fall back to the first syllable alone; the rest will be matched as following words
            pos = first + len(syllables[0])
        start = origin[first]
        end = origin[pos - 1] + 1
        # extend end over combining marks that belonged to the last original cluster
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        tokens.append(Token(text=text[start:end], start=start, end=end))
        cursor = pos
    return tokens


def split_at(text: str, tokens: list[Token], boundaries: set[int]) -> list[Token]:
    """Split tokens that straddle a boundary offset (e.g. an annotated entity's start or end).

    underthesea may join a mention's last syllable with the next word ("rượu cần"); training examples
    must not have entity edges inside a token.
    """
    out: list[Token] = []
    for tok in tokens:
        cuts = sorted(b for b in boundaries if tok.start < b < tok.end)
        start = tok.start
        for cut in [*cuts, tok.end]:
            piece = text[start:cut]
            lead = len(piece) - len(piece.lstrip())
            piece = piece.strip()
            if piece:
                s = start + lead
                out.append(Token(text=piece, start=s, end=s + len(piece)))
            start = cut
    return out
