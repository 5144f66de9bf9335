"""Decide which procedure a message is about and compose the reply (used by the Rasa actions over HTTP)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.compose import Part, Reply, answer, ask_which, choose
from bot.answers.out_of_scope import matched_topic, out_of_scope_reply
from bot.catalog.schema import Procedure
from bot.search.resolver import ProcedureIndex

SWITCH_SCORE = 0.5  # a message naming another procedure this clearly switches the conversation to it
CHOICE_MIN = 0.4


def _choices(res) -> list[tuple[str, str]]:
    """Candidates worth offering: reasonably close to the best one."""
    if not res.candidates:
        return []
    floor = max(CHOICE_MIN, res.candidates[0].score * 0.8)
    return [(c.code, c.name) for c in res.candidates[:4] if c.score >= floor]


@dataclass
class BotAnswer:
    status: str  # answered | choose | ask_procedure
    reply: Reply
    procedure: Procedure | None
    candidates: list[tuple[str, str]]


def answer_question(
    index: ProcedureIndex,
    get: callable,
    *,
    text: str,
    part: Part,
    mention: str | None = None,
    current_code: str | None = None,
    chosen_code: str | None = None,
    department: str = "Sở Công Thương",
) -> BotAnswer:
    """Pick the procedure: an explicit choice, else the mention, else a clear match of the whole message,
    else the procedure the conversation is already about; ask to choose when it is ambiguous."""
    code = chosen_code
    candidates: list[tuple[str, str]] = []
    if not code and text:  # the whole message first: it carries the action words ("cấp lại", "sửa đổi")
        res = index.resolve(text)
        if res.confident and res.best.score >= SWITCH_SCORE:
            code = res.best.code
        elif not current_code or mention:
            candidates = _choices(res)
    if not code and mention:
        res = index.resolve(mention)
        if res.confident:
            code = res.best.code
            candidates = []
        elif not candidates:
            candidates = _choices(res)
    if not code and current_code and not mention:
        code = current_code
        candidates = []
    if code:
        proc = get(code)
        if proc is not None:
            return BotAnswer("answered", answer(proc, part, department), proc, [])
    if text and matched_topic(text):  # "làm hộ chiếu ở đâu" understood as a procedure question
        return BotAnswer("out_of_scope", Reply(out_of_scope_reply(text)), None, [])
    if candidates:
        return BotAnswer("choose", choose(candidates, part), None, candidates)
    return BotAnswer("ask_procedure", ask_which(), None, [])
