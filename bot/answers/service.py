"""Decide which procedure a message is about and compose the reply (used by the Rasa actions over HTTP).

The conversation's context comes in with each message: the procedure being discussed, the options the bot
offered last ("which one?"), the procedures discussed recently. A typed answer to a list is read against that
list first; a follow-up that names nothing goes to the procedure being discussed, or, with none, the bot asks
which one, offering the recent ones; a message naming something the catalogue does not hold gets an honest
"not in my list" with where to look instead of another procedure's facts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.answers.absent import certain_absent, is_absent, not_in_catalogue
from bot.answers.absent_model import confirms_absent
from bot.answers.choice import action_asked, match_choice, names_action
from bot.answers.compose import DEFAULT_LOCALE, Locale, Part, Reply, answer, ask_which, choose
from bot.answers.out_of_scope import matched_topic, out_of_scope_reply
from bot.catalog.schema import Procedure
from bot.search.elsewhere import ElsewhereIndex, Match
from bot.search.resolver import ProcedureIndex, Resolution

SWITCH_SCORE = 0.5  # a message naming another procedure this clearly switches the conversation to it
CHOICE_MIN = 0.4


def _choices(res: Resolution, index: ProcedureIndex | None = None) -> list[tuple[str, str]]:
    """Candidates worth offering: reasonably close to the best one, and naming every thing the message named
    ("giấy phép rượu" lists the liquor licences, not the tobacco one that only shares "giấy phép bán lẻ")."""
    if not res.candidates:
        return []
    floor = max(CHOICE_MIN, res.candidates[0].score * 0.8)
    close = [c for c in res.candidates[:4] if c.score >= floor]
    if index is not None and res.object_hits:
        named = set(res.object_hits)
        close = [c for c in close if named <= index.words_of(c.code)] or close
    return [(c.code, c.name) for c in close]


@dataclass
class BotAnswer:
    status: str  # answered | choose | ask_procedure | out_of_scope | not_in_catalogue
    reply: Reply
    procedure: Procedure | None
    candidates: list[tuple[str, str]]
    offered: list[str] = field(default_factory=list)  # codes of the list shown, for reading a typed choice next
    absent_phrase: str | None = None  # what was said not to be held, for the follow-ups about it


def _answered(proc: Procedure, part: Part, loc: Locale | str, page: int) -> BotAnswer:
    return BotAnswer("answered", answer(proc, part, loc, page=page), proc, [])


def _offer(options: list[tuple[str, str]], part: Part) -> BotAnswer:
    return BotAnswer("choose", choose(options, part), None, options, [code for code, _ in options])


ACTION_PHRASES = {"reissue": "Cấp lại", "amend": "Sửa đổi, bổ sung", "extend": "Gia hạn", "first": "Cấp mới"}


def _with_action_asked(index: ProcedureIndex, proc: Procedure, wanted: str | None) -> str | None:
    """The procedure for the action the message asks ("bị mất, xin cấp lại" of a licence: its re-issue): the
    procedure itself, its sibling of that action, or None when the catalogue holds no such sibling."""
    if not wanted or wanted in index.actions_of(proc.code) or names_action(proc.name, wanted):
        return proc.code
    return index.sibling(proc.code, wanted)


def _meant_in_list_context(index: ProcedureIndex, text: str, options: list[tuple[str, str]]) -> str | None:
    """The procedure a typed answer names once read with the words every offered name shares, when that is a
    confident match outside the list (a pick inside it is match_choice's)."""
    names = [name.lower().split() for _, name in options]
    shared = [w for w in dict.fromkeys(names[0]) if all(w in other for other in names[1:])]
    if len(options) < 2 or not shared:
        return None
    res = index.resolve(f"{text} {' '.join(shared)}")
    if res.confident and res.best.score >= SWITCH_SCORE and res.best.code not in dict(options):
        return res.best.code
    return None


def _handled_elsewhere(elsewhere: ElsewhereIndex, text: str, mention: str | None) -> Match | None:
    """A procedure of the reference list the message (or its mention) names more clearly than any we hold."""
    found = [elsewhere.match(phrase) for phrase in (text, mention) if phrase]
    return max((m for m in found if m is not None), key=lambda m: m.score, default=None)


def answer_question(
    index: ProcedureIndex,
    get: Callable[[str], Procedure | None],
    *,
    text: str,
    part: Part,
    mention: str | None = None,
    current_code: str | None = None,
    chosen_code: str | None = None,
    department: Locale | str = DEFAULT_LOCALE,
    page: int = 1,
    offered: list[str] | None = None,
    recent: list[str] | None = None,
    elsewhere: ElsewhereIndex | None = None,
    absent_phrase: str | None = None,
) -> BotAnswer:
    """Pick the procedure: an explicit choice, a typed answer to the list just offered, else the mention or a
    clear match of the whole message, else the procedure the conversation is already about."""
    if chosen_code and (proc := get(chosen_code)) is not None:
        return _answered(proc, part, department, page)
    if mention and current_code and not index.names_a_thing(mention):  # "bao lâu thì có giấy phép": the current one
        mention = None
    options = [(code, proc.name) for code in offered or [] if (proc := get(code)) is not None]
    res = index.resolve(text) if text else None
    if options and text:
        choice = match_choice(text, options)
        named_other = res is not None and res.confident and res.best.code not in dict(options)
        # the list's action stands unless the answer names another: "văn phòng đại diện của thương nhân" to a
        # list of extensions matches the licence's first issue best, yet picks the extension listed
        if named_other and choice.chosen and not action_asked(text):
            named_other = not index.same_kind(res.best.code, choice.chosen)
        if choice.chosen and (proc := get(choice.chosen)) is not None and not named_other:
            return _answered(proc, part, department, page)
        # "bán buôn, cấp mới ạ" to a list of tobacco licences that lacks the wholesale one: the typed answer read
        # with what the listed names share ("cấp giấy phép thuốc lá") names the procedure meant
        if not choice.chosen and (meant := _meant_in_list_context(index, text, options)) and (proc := get(meant)):
            return _answered(proc, part, department, page)
        if choice.matched and len(choice.narrowed) > 1 and not named_other:
            return _offer(choice.narrowed, part)  # narrowed, never replaced
    wanted = action_asked(text) if text else None
    if current_code and not mention and text and not options:  # "còn cấp lại thì sao?": the current one's sibling
        # "cấp mới ạ" about a first issue already: that one, not a look-alike of the same action
        held = wanted in index.actions_of(current_code)
        sibling = current_code if held else (index.sibling(current_code, wanted) if wanted else None)
        if sibling and (res is None or not res.confident or res.best.code in (current_code, sibling)):
            proc = get(sibling)
            if proc is not None:
                return _answered(proc, part, department, page)
    # «quay lại cái rượu», «cái hóa chất kia»: back to a procedure discussed before
    back = index.recalled(text, recent, current_code) if recent and text and not options else None
    if back and (proc := get(back)) is not None:
        return _answered(proc, part, department, page)
    # another body's procedure ("C/O mẫu E", "ATTP cho quán ăn"): unless the message only follows up the current one
    names_something = bool(mention) or not current_code or (res is not None and bool(res.named_objects))
    if elsewhere is not None and names_something and (away := _handled_elsewhere(elsewhere, text, mention)):
        reply = not_in_catalogue(mention or text, res, part, department, elsewhere=away.entry)
        return BotAnswer("not_in_catalogue", reply, None, [], absent_phrase=mention or text)
    vetoed: list[bool] = []  # the model's veto of a rule's "not in my list", asked at most once

    def absent(found: Resolution, named: bool) -> bool:
        if not is_absent(found, named):
            return False
        if certain_absent(found):
            return True
        if not vetoed:
            vetoed.append(res is not None and not confirms_absent(index, elsewhere, text, res))
        return not vetoed[0]

    code = None
    candidates: list[tuple[str, str]] = []
    absent_res: Resolution | None = None
    if res is not None:  # the whole message first: it carries the action words ("cấp lại", "sửa đổi")
        stays = current_code and not mention and res.best is not None and not res.named_objects
        # a vetoed "not in my list" lists the candidates, it never answers the best one outright
        if res.confident and res.best.score >= SWITCH_SCORE and not is_absent(res, bool(mention)) and not stays:
            code = res.best.code
        elif not current_code or mention:
            candidates = _choices(res, index)
            if absent(res, bool(mention)):
                absent_res = res
    if not code and mention:
        by_mention = index.resolve(mention)
        if by_mention.confident and not is_absent(by_mention, True):
            code, candidates, absent_res = by_mention.best.code, [], None
        elif not candidates:
            candidates = _choices(by_mention, index)
            if absent_res is None and absent(by_mention, True):
                absent_res = by_mention
    if not code and current_code and not mention and absent_res is None:
        code, candidates = current_code, []
    if code and res is not None and (proc := get(code)) is not None:
        code = _with_action_asked(index, proc, wanted)
        if code is None:  # "giấy phép bán lẻ rượu bị mất, xin cấp lại": its re-issue is not held
            phrase = f"{ACTION_PHRASES[wanted]} {proc.name}" if wanted in ACTION_PHRASES else proc.name
            reply = not_in_catalogue(phrase, res, part, department)
            return BotAnswer("not_in_catalogue", reply, None, [], absent_phrase=phrase)
    if code and (proc := get(code)) is not None:
        return _answered(proc, part, department, page)
    if text and matched_topic(text):  # "làm hộ chiếu ở đâu" understood as a procedure question
        return BotAnswer("out_of_scope", Reply(out_of_scope_reply(text)), None, [])
    if absent_res is not None:
        phrase = mention or text
        reply = not_in_catalogue(phrase, absent_res, part, department)
        return BotAnswer("not_in_catalogue", reply, None, [], absent_phrase=phrase)
    if candidates:
        discussed = next((c for c in recent or [] if c in dict(candidates)), None)
        if discussed and (proc := get(discussed)) is not None:  # "quay lại văn phòng đại diện": the one discussed
            return _answered(proc, part, department, page)
        return _offer(candidates, part)
    if options:  # still unclear: the same list again rather than a new one
        return _offer(options, part)
    if absent_phrase and not mention:  # "vậy nộp ở đâu" right after «not in my list»: still not held
        reply = not_in_catalogue(absent_phrase, None, part, department)
        return BotAnswer("not_in_catalogue", reply, None, [], absent_phrase=absent_phrase)
    recent_options = [(code, proc.name) for code in recent or [] if (proc := get(code)) is not None][:3]
    return BotAnswer("ask_procedure", ask_which(recent_options, part), None, [], [c for c, _ in recent_options])
