"""Resolve a procedure mention against the catalogue.

Score = lexical BM25 over word unigrams and bigrams of the name and aliases (folded, typo-corrected query
words) blended with rapidfuzz similarity (character-level, so word order and typos matter less), adjusted
for the action the user asks for (cấp / cấp lại / sửa đổi...). The best candidate is *confident* only when
its score is high enough and clearly ahead of the runner-up; otherwise the bot asks the user to choose.
Action words, level hints, discriminators and form words are data: bot/search/vocabulary.yaml.
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
from bot.text.rules import tables_next_to

_RULES = tables_next_to(__file__, "vocabulary.yaml")

# Actions that distinguish sibling procedures, folded. Order matters: longest first.
ACTIONS: dict[str, str] = _RULES["ACTIONS"].mapping()
ACTION_WORDS = frozenset(w for phrase in ACTIONS for w in phrase.split())

LEXICAL_WEIGHT = 2.0
FUZZY_WEIGHT = 1.0
ACTION_BONUS = 0.12
# A sibling with an action ("cấp lại", "sửa đổi") when the user names none: "giấy chứng nhận cửa hàng xăng dầu"
# means the first issue. Must beat the few hundredths by which long shared names differ.
UNASKED_ACTION_PENALTY = 0.10
PARTIAL_TOP = 40  # texts that get the partial_ratio score (the rest keep token_set_ratio)
ALIAS_SIBLING_SIMILARITY = 97  # an alias is looser than the name: its base must be the sibling's own
SIBLING_SIMILARITY = 85  # "đăng ký sửa đổi nội dung CTKM may rủi" is a sibling of "đăng ký hoạt động KM may rủi"
LEVEL_HINTS: dict[str, str] = _RULES["LEVEL_HINTS"].mapping()
# Words that tell apart siblings named alike: (query phrase, word of the right sibling's name, words of the wrong)
DISCRIMINATORS: list[tuple[str, str, tuple[str, ...]]] = [
    (r.pattern, r.to or "", r.against) for r in _RULES["DISCRIMINATORS"].rules
]
DISCRIMINATOR_BONUS = 0.05
CONFIDENT_SCORE = 0.45
CONFIDENT_MARGIN = 0.04
MIN_SCORE = 0.15
# words that say what kind of paper or act, not what it is about: a missing "xin giấy" names nothing
FORM_WORDS = frozenset(_RULES["FORM_WORDS"].phrases())
# words of context, not of the thing asked about: a missing "công ty", "trụ sở", "bị hỏng" names nothing
CONTEXT_WORDS = frozenset(_RULES["CONTEXT_WORDS"].phrases())
RETURN_CUES = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in _RULES["RETURN_CUES"].phrases()) + r")\b")
NEGATORS = frozenset({"khong", "ko", "k", "hong", "hok"})
NOT_RULING_OUT = frozenset({"co", "biet", "ro", "can", "duoc", "du", "mat", "thay", "hieu", "muon", "lam", "con"})
NEGATION_PENALTY = 0.3
ASKING_WORDS = frozenset({"hoi"})  # "hỏi" (ask) folds like "hồi" of "thu hồi" (revoke)
OBJECT_PENALTY = 0.25  # a procedure lacking the things the message names ("rượu" of "giấy phép kinh doanh rượu")
OBJECT_MIN_IDF = 1.0
OBJECT_MAX_WORDS = 6  # words this common in the names say little about what a procedure is about
MISSING_TERM_IDF = 2.5  # a two-word catalogue term this rare names a thing (thuốc lá, hóa chất), not a form word
NEAR_CANDIDATES = 2  # a missing pair names a thing when the runner-up (rank 2) uses a word of it


def _actions(folded: str) -> set[str]:
    found: set[str] = set()
    text = " " + folded.replace("/", " ") + " "  # "sửa đổi, bổ sung/cấp lại" names two actions
    for phrase, action in ACTIONS.items():
        if f" {phrase} " in text:
            found.add(action)
            text = text.replace(f" {phrase} ", " ")
    return found


def _without_actions(folded: str) -> str:
    text = " " + folded.replace("/", " ") + " "
    for phrase in ACTIONS:
        text = text.replace(f" {phrase} ", " ")
    return re.sub(r"\s+", " ", text).strip()


def _base(folded_name: str) -> str:
    """The name without its action: 'cap lai giay phep ban le ruou' and 'cap giay phep ban le ruou' share one."""
    text = " " + re.sub(r"[^\w\s]", " ", folded_name) + " "
    for phrase in ACTIONS:
        text = text.replace(f" {phrase} ", " ")
    return re.sub(r"^(thu tuc )?(cap |dang ky |thong bao )?", "", re.sub(r"\s+", " ", text).strip())


_SENTENCE = re.compile(r"[.!?;:\n]+")
LONG_CLAUSE_WORDS = 14


def _alike(base: str, other: str, needed: int) -> bool:
    """Two names without their actions are one kind of paper: the words alike and the whole name alike, not one
    name inside the other ("bán lẻ rượu" is no sibling of "bán lẻ sản phẩm thuốc lá")."""
    return fuzz.token_set_ratio(base, other) >= needed and fuzz.token_sort_ratio(base, other) >= needed


def discriminates(rule: tuple[str, str, tuple[str, ...]], prepared: str) -> bool:
    """A discriminator fires on the prepared query when its phrase is there and none of its `against` words is."""
    phrase, _, against = rule
    padded = f" {prepared} "
    return f" {phrase} " in padded and not any(f" {w} " in padded for w in against)


def _clauses(text: str) -> list[str]:
    """Sentences of a long message (and comma clauses of a very long sentence), each with a few words."""
    if len(text.split()) < LONG_CLAUSE_WORDS:
        return []
    parts: list[str] = []
    for sentence in _SENTENCE.split(text):
        parts.append(sentence)
        if len(sentence.split()) >= LONG_CLAUSE_WORDS:
            parts.extend(sentence.split(","))
    return [p.strip() for p in parts if len(p.split()) >= 2]


def _pairs(words: list[str]) -> list[str]:
    return [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


def _terms(words: list[str]) -> list[str]:
    return words + [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


@dataclass
class _Doc:
    proc: Procedure
    texts: list[str]  # folded name and aliases
    terms: Counter
    length: int
    actions: set[str] = field(default_factory=set)
    plain_texts: list[str] = field(default_factory=list)  # the texts without their action words
    words: frozenset[str] = frozenset()  # every word of the name and aliases
    base: str = ""  # the name without its action
    alias_bases: tuple[str, ...] = ()  # each alias without its action (a sibling may be named like one of them)
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
    # catalogue terms of two words the query names but the best candidate lacks ("bán buôn thuốc lá" against
    # "bán buôn rượu": thuốc lá), and query words the catalogue does not know at all
    missing_terms: tuple[str, ...] = ()
    unknown_words: tuple[str, ...] = ()
    # query words the best candidate has beyond the form words ("giấy phép kinh doanh" alone names nothing)
    object_hits: tuple[str, ...] = ()
    # share of the query's catalogue-term weight (IDF of its words and word pairs) the best candidate has
    coverage: float = 1.0
    # the action asked ("cấp lại", "sửa đổi") that no procedure like the best one offers: "cấp lại giấy chứng nhận
    # cửa hàng LPG chai" when only its first issue is held
    action_missing: str | None = None
    # what the message names (rượu, thẻ an toàn điện) that the best candidate has: without one, a follow-up like
    # "à cho hỏi thêm nộp online được không" does not leave the procedure being discussed
    named_objects: tuple[str, ...] = ()
    # the missing pairs with a word that says what the message is about, that the best candidate never uses and
    # a close runner-up does ("le_ruou" against a tobacco licence when a liquor licence is next): a thing named;
    # a missing "thanh_pho" or "nhu_cau" is only the message's context
    missing_things: tuple[str, ...] = ()

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
            plain = [_without_actions(t) for t in texts]
            doc = _Doc(proc, texts, Counter(words), len(words), _actions(texts[0]), plain)
            doc.words = frozenset(w for w in words if "_" not in w)
            doc.base = _base(texts[0])
            doc.alias_bases = tuple(dict.fromkeys(_base(t) for t in texts[1:]))
            self.docs.append(doc)
        plain_bases = [d.base for d in self.docs if not d.actions - {"first"}]
        for doc in self.docs:
            doc.has_plain_sibling = bool(doc.actions - {"first"}) and any(
                fuzz.token_set_ratio(doc.base, base) >= SIBLING_SIMILARITY for base in plain_bases
            )
        n = len(self.docs) or 1
        df: Counter = Counter()
        for doc in self.docs:
            df.update(set(doc.terms))
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self.avg_len = sum(d.length for d in self.docs) / n if self.docs else 1.0
        self.vocab = sorted({t for t in self.idf if "_" not in t})
        # catalogue word pairs survive the stop words, except those led by a folded asking word: "hỏi giấy phép"
        # folds like the "(thu) hồi giấy phép" of a revocation's name
        self.pairs = frozenset(
            t.replace("_", " ") for t in self.idf if "_" in t and t.split("_")[0] not in ASKING_WORDS
        )
        self.name_pairs = frozenset(pair for d in self.docs for pair in _pairs(re.findall(r"\w+", d.texts[0])))
        # BM25 weight of each term in each document, inverted: term -> [(doc position, weight)]
        self.postings: dict[str, list[tuple[int, float]]] = {}
        for i, doc in enumerate(self.docs):
            norm = self.k1 * (1 - self.b + self.b * doc.length / self.avg_len)
            for term, tf in doc.terms.items():
                weight = self.idf[term] * tf * (self.k1 + 1) / (tf + norm)
                self.postings.setdefault(term, []).append((i, weight))
        # every text flattened once, so one rapidfuzz call scores them all (per text list: with / without actions)
        self.flat = [(i, t) for i, d in enumerate(self.docs) for t in d.texts]
        self.flat_plain = [(i, t) for i, d in enumerate(self.docs) for t in d.plain_texts]
        self.by_code = {d.proc.code: d for d in self.docs}

    def recalled(self, text: str, recent: list[str], current: str | None) -> str | None:
        """The procedure discussed before that a message goes back to («quay lại cái rượu», «cái hóa chất kia»):
        with a return cue, the recent one (not the current) whose name shares the rarest words with the message;
        None without a cue or a shared word."""
        if not RETURN_CUES.search(fold_expanded(text)):
            return None
        words = set(re.findall(r"\w+", prepare(text))) - FORM_WORDS - CONTEXT_WORDS
        others = [code for code in recent if code != current]  # newest first: a tie goes to the newer one
        scored = [(sum(self.idf.get(w, 0.0) for w in words & self.words_of(code)), code) for code in others]
        best = max(scored, key=lambda item: item[0], default=(0.0, None))
        return best[1] if best[0] > 0 else None

    def words_of(self, code: str) -> frozenset[str]:
        """Every word of a procedure's name and aliases (folded)."""
        doc = self.by_code.get(code)
        return doc.words if doc else frozenset()

    def actions_of(self, code: str) -> set[str]:
        """The actions a procedure's name covers ("sửa đổi, bổ sung/cấp lại": amend and reissue; none: first)."""
        doc = self.by_code.get(code)
        return (doc.actions or {"first"}) if doc else set()

    def names_a_thing(self, text: str) -> bool:
        """Whether the text names what a procedure is about (rượu, xăng, hóa chất), not only the kind of paper
        ("giấy phép", "hồ sơ")."""
        core = strip_stop_phrases(prepare(text), self.pairs)
        return bool(self._objects([self._correct(w) for w in re.findall(r"\w+", core)]))

    def same_kind(self, code: str, other: str) -> bool:
        """Whether two procedures differ only by action ("Cấp" and "Gia hạn" of one licence)."""
        a, b = self.by_code.get(code), self.by_code.get(other)
        return a is not None and b is not None and _alike(a.base, b.base, SIBLING_SIMILARITY)

    def sibling(self, code: str, action: str) -> str | None:
        """The procedure named like `code` but for another action ("cấp lại" of a "cấp"): same base name."""
        doc = self.by_code.get(code)
        if doc is None:
            return None
        # the name's base first, then the aliases' ("Huấn luyện và cấp mới thẻ an toàn điện" is also "cấp thẻ an
        # toàn điện", whose re-issue is "Cấp lại thẻ an toàn điện")
        bases = [(doc.base, SIBLING_SIMILARITY)] + [(b, ALIAS_SIBLING_SIMILARITY) for b in doc.alias_bases]
        for base, needed in bases:
            for other in self.docs:
                acts = other.actions or {"first"}
                if other is not doc and action in acts and _alike(other.base, base, needed):
                    return other.proc.code
        return None

    def _correct(self, word: str) -> str:
        """Map an out-of-vocabulary word to its closest catalogue word (typos: 'ruoi' -> 'ruou')."""
        if word in self.idf or len(word) < 4 or not self.vocab:
            return word
        match = process.extractOne(word, self.vocab, scorer=fuzz.ratio, score_cutoff=80)
        return match[0] if match else word

    def _bm25(self, terms: list[str]) -> list[float]:
        scores = [0.0] * len(self.docs)
        for term in terms:
            for i, weight in self.postings.get(term, ()):
                scores[i] += weight
        return scores

    def _fuzzy(self, core: str, flat: list[tuple[int, str]], bm25: list[float]) -> list[float]:
        """Best character-level similarity of the query to each document's texts (0-100).

        token_set_ratio for every text; the costlier partial_ratio (quadratic in length) only for the texts of the
        documents already ahead by words or token sets, the others keep their token-set score."""
        choices = [t for _, t in flat]
        sets = [0.0] * len(choices)
        for _, score, k in process.extract(core, choices, scorer=fuzz.token_set_ratio, limit=None):
            sets[k] = score
        ahead = sorted(range(len(choices)), key=lambda k: -(sets[k] / 100 + bm25[flat[k][0]]))[:PARTIAL_TOP]
        partial = list(sets)
        for k in ahead:
            partial[k] = fuzz.partial_ratio(core, choices[k])
        combined = [a * 0.6 + b * 0.4 for a, b in zip(sets, partial, strict=True)]
        best = [0.0] * len(self.docs)
        for (i, _), score in zip(flat, combined, strict=True):
            if score > best[i]:
                best[i] = score
        return best

    def resolve_whole(self, query: str, limit: int = 5) -> Resolution:
        """The whole text only, never one of its sentences (for decisions a passing mention must not sway)."""
        return self._resolve(query, limit)

    def resolve(self, query: str, limit: int = 5) -> Resolution:
        """The whole text, or for a long message its clearest sentence: "Chào anh chị, tôi ở xã bên...: giấy phép
        bán lẻ rượu cần gì? Mong trả lời sớm" is about the sentence that names a procedure, not the greeting."""
        whole = self._resolve(query, limit)
        parts = _clauses(query)
        if len(parts) < 2 or whole.confident:
            return whole
        best = whole
        for part in parts:
            res = self._resolve(part, limit)
            if len(res.normalized.split()) < 2 or res.best is None:  # "tôi ở xã bên": one word; gibberish: none
                continue
            # a sentence replaces the whole only when it names a procedure clearly (confident), and not one
            # the whole message rates lower: then the other sentences said something that matters
            # ("... đang bị tạm ngừng nhập khẩu, muốn xin giấy phép nhập khẩu ...")
            agrees = whole.best is None or res.best.code == whole.best.code or res.best.score >= whole.best.score
            if res.confident and agrees and (not best.confident or res.best.score > best.best.score):
                best = res
        if best is whole:
            return whole
        return Resolution(
            query,
            best.normalized,
            best.candidates,
            best.confident,
            best.missing_terms,
            best.unknown_words,
            best.object_hits,
            best.coverage,
            best.action_missing,
            best.named_objects,
            best.missing_things,
        )

    def _resolve(self, query: str, limit: int) -> Resolution:
        prepared = prepare(query)
        core = strip_stop_phrases(prepared, self.pairs)
        typed = re.findall(r"\w+", core)
        words = [self._correct(w) for w in typed]
        # a message whose every word had to be corrected names nothing for sure ("lam online luon dc ko":
        # "luon" -> "luong" of "lực lượng"): it may rank procedures, never settle on one
        as_typed = any(w in self.idf for w in typed if len(w) > 1)
        words, negated = self._without_negated(words)
        core = " ".join(words)
        if not any(len(w) > 1 for w in words) or not self.docs:  # nothing, or a stray letter ("cho e hỏi" -> "e")
            return Resolution(query, core, [], False)
        terms = _terms(words)
        wanted = _actions(core)
        level_hint = next((lvl for hint, lvl in LEVEL_HINTS.items() if f" {hint} " in f" {core} "), None)
        discriminators = [d for d in DISCRIMINATORS if discriminates(d, prepared)]
        max_possible = sum(self.idf.get(t, 0.0) for t in set(terms)) * (self.k1 + 1) or 1.0
        scored: list[tuple[float, _Doc]] = []
        bm25 = self._bm25(terms)
        # no action asked: compare with the names minus their action words, so "cấp lại gcn cửa hàng xăng dầu"
        # and "cấp gcn cửa hàng xăng dầu" look alike and only the penalty below tells them apart
        fuzzies = self._fuzzy(core, self.flat if wanted else self.flat_plain, [b / max_possible for b in bm25])
        named_things = self._objects(words)
        objects = named_things if len(words) <= OBJECT_MAX_WORDS else {}  # a story names things in passing
        object_weight = sum(objects.values())
        for i, doc in enumerate(self.docs):
            lexical = bm25[i] / max_possible  # share of the query's term weight this doc matches
            fuzzy = fuzzies[i]
            score = (LEXICAL_WEIGHT * lexical + FUZZY_WEIGHT * fuzzy / 100) / (LEXICAL_WEIGHT + FUZZY_WEIGHT)
            if wanted:
                offered = doc.actions or {"first"}  # a name without an action is the first issue
                score += ACTION_BONUS if wanted & offered else -ACTION_BONUS
            elif doc.has_plain_sibling:  # only "cấp lại"/"sửa đổi" siblings of a first issue we have
                score -= UNASKED_ACTION_PENALTY
            if object_weight:
                score -= OBJECT_PENALTY * sum(w for o, w in objects.items() if o not in doc.words) / object_weight
            if level_hint:
                score += 0.05 if level_hint in doc.proc.levels else -0.05
            if negated and negated & set(doc.terms):  # "chỉ kinh doanh thôi, không sản xuất"
                score -= NEGATION_PENALTY
            for _, right, wrong in discriminators:
                name = f" {doc.texts[0]} "
                if f" {right} " in name:
                    score += DISCRIMINATOR_BONUS
                elif any(f" {w} " in name for w in wrong):
                    score -= DISCRIMINATOR_BONUS
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
        top = scored[0][1]
        known = [t for t in dict.fromkeys(terms) if t in self.idf]
        total = sum(self.idf[t] for t in known) or 1.0
        coverage = sum(self.idf[t] for t in known if t in top.terms) / total
        # a thing named in another procedure's name that the best one lacks ("thuốc lá" against "bán buôn rượu"):
        # both words say what, not which paper or who ("chứng nhận trạm", "công ty" are no such thing)
        missing = tuple(
            t
            for t in known
            if "_" in t
            and self.idf[t] >= MISSING_TERM_IDF
            and t not in top.terms
            and t in self.name_pairs
            and not set(t.split("_")) & (FORM_WORDS | CONTEXT_WORDS)
        )
        unknown = tuple(
            w for w in dict.fromkeys(words) if w not in self.idf and len(w) > 2 and not any(c.isdigit() for c in w)
        )
        hits = tuple(w for w in dict.fromkeys(words) if w in top.words and w not in FORM_WORDS and len(w) > 1)
        confident = (
            as_typed
            and bool(candidates)
            and best >= CONFIDENT_SCORE
            and best - runner_up >= CONFIDENT_MARGIN
            and not assumed_action
            and not self._underspecified(words, scored, wanted)
        )
        offered_actions = top.actions or {"first"}
        lacking = sorted(wanted - offered_actions - {"first"})
        action_missing = lacking[0] if lacking and not (wanted & offered_actions) else None
        named = tuple(w for w in named_things if w in top.words)
        things: tuple[str, ...] = ()
        if missing:  # most messages lack no pair: the runners-up's words are gathered only when one does
            near_words = frozenset().union(*(d.words for _, d in scored[1:NEAR_CANDIDATES]))
            things = tuple(
                t
                for t in missing
                if any(w in named_things and w not in top.words and w in near_words for w in t.split("_"))
            )
        return Resolution(
            query,
            core,
            candidates,
            confident,
            missing,
            unknown,
            hits,
            round(coverage, 4),
            action_missing,
            named,
            things,
        )

    def _without_negated(self, words: list[str]) -> tuple[list[str], set[str]]:
        """The words with what the message rules out removed, and the catalogue pairs it rules out: «không sản
        xuất», «ko phải cấp lại», «chứ không phải bán buôn». Only a pair of a procedure's name counts; «không có»,
        «không biết», «không đủ điều kiện» rule nothing out."""
        negated: set[str] = set()
        kept: list[str] = []
        i = 0
        while i < len(words):
            j = i + 1 + (i + 1 < len(words) and words[i + 1] == "phai")
            pair = f"{words[j]}_{words[j + 1]}" if words[i] in NEGATORS and j + 1 < len(words) else ""
            if pair and pair in self.name_pairs and words[j] not in NOT_RULING_OUT:
                negated.add(pair)
                i = j + 2
                continue
            kept.append(words[i])
            i += 1
        return kept, negated

    def _objects(self, words: list[str]) -> dict[str, float]:
        """The words that say what the message is about (rượu, xăng, hóa chất), weighted by rarity: catalogue
        words that are neither form words (giấy phép, kinh doanh, cấp) nor context (công ty, tôi) nor actions."""
        return {
            w: self.idf[w]
            for w in dict.fromkeys(words)
            if w in self.idf
            and self.idf[w] >= OBJECT_MIN_IDF
            and len(w) > 1
            and w not in FORM_WORDS
            and w not in CONTEXT_WORDS
            and w not in ACTION_WORDS
        }

    def _underspecified(self, words: list[str], scored: list[tuple[float, _Doc]], wanted: set[str]) -> bool:
        """ "giấy phép rượu": every word the user gave fits bán lẻ rượu and sản xuất rượu alike, so ask which one.
        Siblings that differ only by action (cấp / cấp lại) do not count: no action means the first issue; nor
        does a procedure of an action the user did not ask that rates well below the best ("thông báo khuyến mãi
        giảm giá" is not "thông báo sửa đổi nội dung khuyến mại"); close behind, it does ("giấy phép thuốc lá":
        cấp lại giấy phép bán lẻ thuốc lá is as likely as the first one listed)."""
        best_score, top = scored[0]
        asked = {w for w in words if w in self.idf}
        if not asked or not asked <= top.words:
            return False
        if any(" ".join(words) == t for t in top.texts):  # the user typed a name or alias exactly
            return False
        return any(
            asked <= doc.words
            and score >= CONFIDENT_SCORE
            and not (
                doc.actions - {"first"} and not wanted & doc.actions and score < best_score - UNASKED_ACTION_PENALTY
            )
            and fuzz.token_set_ratio(doc.base, top.base) < SIBLING_SIMILARITY  # a sibling is not another kind
            for score, doc in scored[1:6]
        )
