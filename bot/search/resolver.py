"""Resolve a procedure mention against the catalogue.

Score = lexical BM25 over word unigrams and bigrams of the name and aliases (folded, typo-corrected query
words) blended with rapidfuzz similarity (character-level, so word order and typos matter less), adjusted
for the action the user asks for (cấp / cấp lại / sửa đổi...). The best candidate is *confident* only when
its score is high enough and clearly ahead of the runner-up; otherwise the bot asks the user to choose.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from bot.catalog.schema import Procedure
from bot.search.query import prepare, strip_stop_phrases
from bot.text.abbreviations import fold_expanded

# Actions that distinguish sibling procedures, folded. Order matters: longest first.
ACTIONS: dict[str, str] = {
    "cap sua doi bo sung": "amend",
    "sua doi bo sung": "amend",
    "sua doi": "amend",
    "bo sung": "amend",
    "cap dieu chinh": "amend",
    "dieu chinh": "amend",
    "cap lai": "reissue",
    "gia han": "extend",
    "cham dut": "terminate",
    "thu hoi": "revoke",
    "cap moi": "first",  # "lần đầu", "xin mới": the first issue, said explicitly
}

LEXICAL_WEIGHT = 2.0
FUZZY_WEIGHT = 1.0
ACTION_BONUS = 0.08
# A sibling with an action ("cấp lại", "sửa đổi") when the user names none: "giấy chứng nhận cửa hàng xăng dầu"
# means the first issue. Must beat the few hundredths by which long shared names differ.
UNASKED_ACTION_PENALTY = 0.10
LEVEL_HINTS = {"cap xa": "xã", "cap phuong": "xã", "cap huyen": "huyện", "cap tinh": "tỉnh"}
CONFIDENT_SCORE = 0.45
CONFIDENT_MARGIN = 0.04
MIN_SCORE = 0.15


def _actions(folded: str) -> set[str]:
    found: set[str] = set()
    text = f" {folded} "
    for phrase, action in ACTIONS.items():
        if f" {phrase} " in text:
            found.add(action)
            text = text.replace(f" {phrase} ", " ")
    return found


def _base(folded_name: str) -> str:
    """The name without its action: 'cap lai giay phep ban le ruou' and 'cap giay phep ban le ruou' share one."""
    text = " " + re.sub(r"[^\w\s/]", " ", folded_name) + " "
    for phrase in ACTIONS:
        text = text.replace(f" {phrase} ", " ")
    return re.sub(r"^(cap|dang ky|thong bao) ", "", re.sub(r"\s+", " ", text).strip())


def _terms(words: list[str]) -> list[str]:
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass
class _Doc:
    proc: Procedure
    texts: list[str]  # folded name and aliases
    terms: Counter
    length: int
    actions: set[str] = field(default_factory=set)
    plain_texts: list[str] = field(default_factory=list)  # the texts that name no action
    words: frozenset[str] = frozenset()  # every word of the name and aliases
    base: str = ""  # the name without its action
    has_plain_sibling: bool = False  # an action procedure whose first-issue sibling is in the catalogue


@dataclass(frozen=True)
class Candidate:
    code: str
    name: str
    field: str
    score: float


@dataclass(frozen=True)
class Resolution:
    query: str
    normalized: str
    candidates: list[Candidate]
    confident: bool

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


class ProcedureIndex:
    """In-memory index over active procedures; rebuilt whenever the catalogue changes."""

    k1 = 1.2
    b = 0.5

    def __init__(self, procedures: list[Procedure]) -> None:
        self.docs: list[_Doc] = []
        for proc in procedures:
            # the same preparation as queries, so an alias like "mở cây xăng" still matches once mapped
            texts = [prepare(proc.name)] + [prepare(a) for a in proc.aliases]
            words: list[str] = []
            for text in texts:
                words.extend(_terms(re.findall(r"\w+", text)))
            plain = [t for t in texts if not _actions(t)]
            doc = _Doc(proc, texts, Counter(words), len(words), _actions(fold_expanded(proc.name)), plain)
            doc.words = frozenset(w for w in words if "_" not in w)
            doc.base = _base(fold_expanded(proc.name))
            self.docs.append(doc)
        plain_bases = {d.base for d in self.docs if not d.actions - {"first"}}
        for doc in self.docs:
            doc.has_plain_sibling = bool(doc.actions - {"first"}) and doc.base in plain_bases
        n = len(self.docs) or 1
        df: Counter = Counter()
        for doc in self.docs:
            df.update(set(doc.terms))
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.avg_len = sum(d.length for d in self.docs) / n if self.docs else 1.0
        self.vocab = sorted({t for t in self.idf if "_" not in t})
        self.pairs = frozenset(t.replace("_", " ") for t in self.idf if "_" in t)

    def _correct(self, word: str) -> str:
        """Map an out-of-vocabulary word to its closest catalogue word (typos: 'ruoi' -> 'ruou')."""
        if word in self.idf or len(word) < 4 or not self.vocab:
            return word
        match = process.extractOne(word, self.vocab, scorer=fuzz.ratio, score_cutoff=80)
        return match[0] if match else word

    def _bm25(self, doc: _Doc, terms: list[str]) -> float:
        score = 0.0
        for term in terms:
            tf = doc.terms.get(term, 0)
            if not tf:
                continue
            idf = self.idf.get(term, 0.0)
            score += idf * tf * (self.k1 + 1) / (tf + self.k1 * (1 - self.b + self.b * doc.length / self.avg_len))
        return score

    def resolve(self, query: str, limit: int = 5) -> Resolution:
        prepared = prepare(query)
        core = strip_stop_phrases(prepared, self.pairs)
        words = [self._correct(w) for w in re.findall(r"\w+", core)]
        core = " ".join(words)
        if not words or not self.docs:
            return Resolution(query, core, [], False)
        terms = _terms(words)
        wanted = _actions(core)
        level_hint = next((lvl for hint, lvl in LEVEL_HINTS.items() if f" {hint} " in f" {core} "), None)
        max_possible = sum(self.idf.get(t, 0.0) for t in set(terms)) * (self.k1 + 1) or 1.0
        scored: list[tuple[float, _Doc]] = []
        for doc in self.docs:
            lexical = self._bm25(doc, terms) / max_possible  # share of the query's term weight this doc matches
            # no action asked: an alias like "cấp lại gcn cửa hàng xăng dầu" must not lift the cấp lại sibling
            texts = doc.texts if wanted or not doc.plain_texts else doc.plain_texts
            fuzzy = max(fuzz.token_set_ratio(core, t) * 0.6 + fuzz.partial_ratio(core, t) * 0.4 for t in texts)
            score = (LEXICAL_WEIGHT * lexical + FUZZY_WEIGHT * fuzzy / 100) / (LEXICAL_WEIGHT + FUZZY_WEIGHT)
            if wanted:
                offered = doc.actions or {"first"}  # a name without an action is the first issue
                score += ACTION_BONUS if wanted & offered else -ACTION_BONUS
            elif doc.has_plain_sibling:  # only "cấp lại"/"sửa đổi" siblings of a first issue we have
                score -= UNASKED_ACTION_PENALTY
            if level_hint:
                score += 0.05 if level_hint in doc.proc.levels else -0.05
            scored.append((score, doc))
        scored.sort(key=lambda item: (-item[0], item[1].proc.code))
        candidates = [
            Candidate(d.proc.code, d.proc.name, d.proc.field, round(max(0.0, min(1.0, s)), 4))
            for s, d in scored[:limit]
            if s >= MIN_SCORE
        ]
        best = scored[0][0]
        runner_up = scored[1][0] if len(scored) > 1 else 0.0
        # never assume "cấp lại" / "sửa đổi" the user did not say: ask instead
        top_actions = scored[0][1].actions - {"first"}
        assumed_action = bool(top_actions) and not (wanted & top_actions)
        confident = (
            bool(candidates)
            and best >= CONFIDENT_SCORE
            and best - runner_up >= CONFIDENT_MARGIN
            and not assumed_action
            and not self._underspecified(words, scored)
        )
        return Resolution(query, core, candidates, confident)

    def _underspecified(self, words: list[str], scored: list[tuple[float, _Doc]]) -> bool:
        """"giấy phép rượu": every word the user gave fits bán lẻ rượu and sản xuất rượu alike, so ask which one.
        Siblings that differ only by action (cấp / cấp lại) do not count: no action means the first issue."""
        top = scored[0][1]
        asked = {w for w in words if w in self.idf}
        if not asked or not asked <= top.words:
            return False
        if any(" ".join(words) == t for t in top.texts):  # the user typed a name or alias exactly
            return False
        return any(
            asked <= doc.words and doc.base != top.base and score >= CONFIDENT_SCORE
            for score, doc in scored[1:6]
        )
