"""Every rule of every rules table fires on each of its examples and on none of its `not` texts.

A rule fires the way its module uses it: a cue on the text the cues read (question text, folded text...), a
concept when the one-pass, longest-first alternation picks it, a stop phrase when stripping removes it, an
action when the ordered action reading finds it, a keyword as whole words of the folded text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pytest

from bot.catalog.files import load_catalog
from bot.nlu.cues import code_alone, question_text, spelt
from bot.search import query
from bot.search.query import folded_query, prepare, strip_stop_phrases
from bot.search.resolver import ACTIONS, discriminates
from bot.text.abbreviations import fold_expanded
from bot.text.normalize import canonical, fold
from bot.text.rules import Rule, Table, all_tables
from bot.text.scope import _marked_word_present

Check = Callable[[Table, Rule, str], bool]


def regex_on(prepare_text: Callable[[str], str]) -> Check:
    """The rule, compiled alone as its table compiles it, finds a match in the prepared text."""
    return lambda table, rule, text: table.compile(rule).search(prepare_text(text)) is not None


def words_in(prepare_text: Callable[[str], str]) -> Check:
    """The rule's phrase is whole words of the prepared text."""
    return lambda table, rule, text: f" {rule.pattern} " in f" {prepare_text(text)} "


@cache
def _catalogue_pairs() -> frozenset[str]:
    """Word pairs of the catalogue's names and aliases, which stripping keeps (as ProcedureIndex.pairs)."""
    pairs: set[str] = set()
    for proc in load_catalog().procedures:
        for name in (proc.name, *proc.aliases):
            words = re.findall(r"\w+", prepare(name))
            pairs.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return frozenset(pairs)


def _core(text: str) -> str:
    """The query as the resolver scores it: prepared, stop phrases stripped, catalogue pairs kept."""
    return strip_stop_phrases(prepare(text), _catalogue_pairs())


def _spelt_right(table: Table, rule: Rule, text: str) -> bool:
    """A word of the text one swap away from the cue word is spelt as the cue word."""
    folded = fold_expanded(text)
    return rule.pattern in spelt(folded).split() and rule.pattern not in folded.split()


def _concept(table: Table, rule: Rule, text: str) -> bool:
    return any(m.group(0) == rule.pattern for m in query._CONCEPT_RE.finditer(folded_query(text)))


def _stopped(table: Table, rule: Rule, text: str) -> bool:
    """The phrase is among those strip_stop_phrases removes (its loop, recording what it matches)."""
    removed: set[str] = set()
    padded = f" {prepare(text)} "
    while True:
        removed.update(m.group(0) for m in query._STOP_RE.finditer(padded))
        stripped = query._STOP_RE.sub(" ", padded)
        if stripped == padded:
            return rule.pattern in removed
        padded = stripped


def _collision(table: Table, rule: Rule, text: str) -> bool:
    return any(m.group(0) == rule.pattern for m in query._COLLISION_RE.finditer(canonical(text).lower()))


def _action(table: Table, rule: Rule, text: str) -> bool:
    """The phrase is found as the resolver reads actions: in order, each phrase found taken out."""
    padded = " " + _core(text).replace("/", " ") + " "
    for phrase in ACTIONS:
        if f" {phrase} " in padded:
            if phrase == rule.pattern:
                return True
            padded = padded.replace(f" {phrase} ", " ")
    return False


def _marked(table: Table, rule: Rule, text: str) -> bool:
    return words_in(fold_expanded)(table, rule, text) and _marked_word_present(text, rule.to or "")


CHECKS: dict[str, Check] = {
    **{
        f"nlu/cues.yaml:{name}": regex_on(question_text)
        for name in (
            "PART_CUES",
            "HOW_CUE",
            "DOSSIER_STATUS",
            "SMALL_TALK_CUES",
            "CHANNEL_CHECK",
            "QUESTION_WORDS",
            "QUESTION_TAIL",
            "REQUEST_BEFORE",
            "INTERROGATIVE",
        )
    },
    **{
        f"nlu/cues.yaml:{name}": regex_on(fold_expanded)
        for name in ("COMPLAINT_STATUS", "FILING", "COMPLAINT_WORDS", "NAME_WORDS", "ANSWER_WORDS", "CORRECTION")
    },
    "nlu/cues.yaml:NAME_CONDITIONS": regex_on(lambda t: spelt(fold_expanded(t))),
    "nlu/cues.yaml:DOCUMENTS_IN_HAND": regex_on(lambda t: spelt(fold_expanded(t))),
    "nlu/cues.yaml:CENTRAL_WHERE": regex_on(canonical),
    "nlu/cues.yaml:CONDITIONS_ABBREVIATED": regex_on(fold),
    "nlu/cues.yaml:CODE_ALONE": lambda table, rule, text: code_alone(fold_expanded(text)),
    "nlu/cues.yaml:CUE_WORDS": _spelt_right,
    "search/vocabulary.yaml:CONCEPTS": _concept,
    "search/vocabulary.yaml:STOP_PHRASES": _stopped,
    "search/vocabulary.yaml:ACCENTED_COLLISIONS": _collision,
    "search/vocabulary.yaml:NEVER_KEPT": words_in(prepare),
    "search/vocabulary.yaml:ACCENTED_PARTICLES": lambda table, rule, text: (
        re.search(rule.pattern, canonical(text).lower()) is not None
    ),
    "search/vocabulary.yaml:KEPT_ANYWAY": lambda table, rule, text: f" {rule.pattern} " in f" {_core(text)} ",
    "search/vocabulary.yaml:FORM_WORDS": words_in(prepare),
    "search/vocabulary.yaml:CONTEXT_WORDS": words_in(prepare),
    "search/vocabulary.yaml:ACTIONS": _action,
    "search/vocabulary.yaml:LEVEL_HINTS": words_in(_core),
    "search/vocabulary.yaml:RETURN_CUES": words_in(fold_expanded),
    "search/vocabulary.yaml:DISCRIMINATORS": lambda table, rule, text: discriminates(
        (rule.pattern, rule.to or "", rule.against), prepare(text)
    ),
    "text/scope.yaml:OUT_OF_SCOPE_TOPICS": words_in(fold_expanded),
    "text/scope.yaml:OUT_OF_SCOPE_EVEN_IN_SECTOR": words_in(fold_expanded),
    "text/scope.yaml:IN_SCOPE_WORDS": words_in(fold_expanded),
    "text/scope.yaml:MARKED_FORMS": _marked,
}

TABLES = {f"{file}:{name}": table for file, tables in all_tables().items() for name, table in tables.items()}
RULES = [
    pytest.param(key, rule, id=f"{key.split(':')[1]}/{rule.group + '/' if rule.group else ''}{rule.pattern[:40]}")
    for key, table in TABLES.items()
    for rule in table.rules
]


def test_every_table_has_a_check():
    assert set(TABLES) == set(CHECKS)


def test_no_rule_is_listed_twice():
    for key, table in TABLES.items():
        seen = [(r.group, r.pattern) for r in table.rules]
        assert len(seen) == len(set(seen)), key


@pytest.mark.parametrize(("key", "rule"), RULES)
def test_rule_fires_on_its_examples(key: str, rule: Rule):
    table, fires = TABLES[key], CHECKS[key]
    missed = [text for text in rule.examples if not fires(table, rule, text)]
    wrong = [text for text in rule.not_examples if fires(table, rule, text)]
    assert not missed and not wrong, f"{rule.why}: does not fire on {missed}, fires on {wrong}"
