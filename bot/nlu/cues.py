"""Question cues: the words that say what a citizen asks, whatever the procedure and however long the message.

"lệ phí bao nhiêu" asks for the fee, "mất mấy ngày" for the time, "nộp ở đâu" for the place, in any sentence.
DIET learns most of this, but a long message with context ("chào anh chị, tôi ở xã bên, ... mong trả lời sớm")
or words it never saw can pull it to the wrong intent. These cues are matched on folded text (no diacritics,
abbreviations expanded), with name fragments removed, so a name like "Giấy chứng nhận đủ điều kiện
cửa hàng bán lẻ xăng dầu" does not read as a question about conditions. (The mention is not cut out: DIET's
entity can swallow the question, "... xăng dầu cần điều kiện".)

The cues are data: bot/nlu/cues.yaml, one rule per pattern with why it exists and the texts it must fire on.
Standard library and PyYAML only (imported by the Rasa virtualenv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from bot import identifiers as ids
from bot.text.abbreviations import fold_expanded
from bot.text.normalize import canonical, fold
from bot.text.rules import tables_next_to
from bot.text.scope import in_scope, one_swap_apart, out_of_scope_topic

_RULES = tables_next_to(__file__, "cues.yaml")

# What is asked about a procedure: intent -> cue. Order matters only for reporting.
PART_CUES: dict[str, re.Pattern[str]] = _RULES["PART_CUES"].regexes()
HOW_CUE = _RULES["HOW_CUE"].regex()  # "how do I do it" when no particular part is asked
# one-stop dossier codes in any official form as pasted, a slipped dash or a lost digit included; complaint codes
DOSSIER_CODE = re.compile(ids.DOSSIER_CODE_MENTION, re.IGNORECASE)
COMPLAINT_CODE = re.compile(ids.COMPLAINT_CODE_MENTION, re.IGNORECASE)
DOSSIER_STATUS = _RULES["DOSSIER_STATUS"].regex()
_CODE_ALONE = _RULES["CODE_ALONE"].regex()
COMPLAINT_STATUS = _RULES["COMPLAINT_STATUS"].regex()
# Someone filing a complaint: such a text is never re-read as a status or procedure question.
FILING = _RULES["FILING"].regex()
COMPLAINT_WORDS = _RULES["COMPLAINT_WORDS"].regex()
# "Giấy chứng nhận (cửa hàng) đủ điều kiện ...": part of a procedure's name, not a question about conditions.
NAME_CONDITIONS = _RULES["NAME_CONDITIONS"].regex()
# Small talk that DIET can lose inside a long message; used only when nothing is asked about a procedure.
SMALL_TALK_CUES: dict[str, re.Pattern[str]] = _RULES["SMALL_TALK_CUES"].regexes()
# "Đây có phải trang hỗ trợ của Sở Công Thương không?": making sure of the channel is a greeting.
CHANNEL_CHECK = _RULES["CHANNEL_CHECK"].regex()
PART_INTENTS = frozenset(ids.PART_INTENTS)  # PART_CUES cue all but ask_procedure (tests/test_identifiers.py)
# DIET's answers the cues may correct: procedure questions, the catch-all ones long messages drift to, and
# small talk around a question ("chào ad, lệ phí bao nhiêu"). Form answers (affirm, deny, cancel, digits,
# corrections), complaints and requests for a person are DIET's alone unless it is unsure.
CORRECTABLE = PART_INTENTS | {
    "check_dossier_status",
    "ask_complaint_status",
    "out_of_scope",
    "chitchat",
    "greet",
    "thank",
    "goodbye",
    "bot_challenge",
}
UNSURE = 0.6
STATUS_INTENTS = frozenset({"check_dossier_status", "ask_complaint_status", "out_of_scope"})


# Words of a procedure's name: with one of them (or a sector word) an extracted mention is taken for a
# procedure; DIET also tags odd words ("chập chờn", "phở", "tạm biệt", "áp thấp nhiệt đới") as mentions.
NAME_WORDS = _RULES["NAME_WORDS"].regex()


def looks_like_mention(value: str) -> bool:
    folded = fold_expanded(value)
    return NAME_WORDS.search(folded) is not None or in_scope(folded, value)


@dataclass(frozen=True)
class Decision:
    intent: str
    reason: str


# Words of the cues typed fast ("mấy nàgy", "nộp olnine", "gồm nhnữg gì"): one swap of neighbouring letters
# is corrected before the cues are matched (words of four letters or more, see one_swap_apart).
CUE_WORDS: tuple[str, ...] = _RULES["CUE_WORDS"].phrases()
_SPELLING = re.compile(r"[a-z]{4,}")


def spelt(folded: str) -> str:
    """The folded text with cue words one letter swap away spelt right."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return next((w for w in CUE_WORDS if w != word and one_swap_apart(word, w)), word)

    return _SPELLING.sub(fix, folded)


# Documents the citizen already has or knows about are context, not the question: "tôi đã chuẩn bị đủ giấy tờ
# rồi, giờ nộp ở đâu?", "khi nào chuẩn bị xong hồ sơ tôi quay lại", "giờ tôi đã biết cần chuẩn bị những gì".
DOCUMENTS_IN_HAND = _RULES["DOCUMENTS_IN_HAND"].regex()
# Central "mô" is "đâu" ("nộp ở mô", "chỗ mô"); only with its mark: "ở mỏ đá", "tôi mở" fold alike.
_CENTRAL_WHERE = _RULES["CENTRAL_WHERE"].regex()


def question_text(text: str) -> str:
    """Folded text with cue words spelt right, and without the fragments that look like questions but are not:
    procedure names ("... đủ điều kiện ...") and documents already in hand."""
    text = _CENTRAL_WHERE.sub(
        lambda m: m.group(1) + (" nào" if m.group(1).lower() in ("chỗ", "nơi") else " đâu"), canonical(text)
    )
    folded = NAME_CONDITIONS.sub(" ", spelt(fold_expanded(text)))
    return DOCUMENTS_IN_HAND.sub(" ", folded)


_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+|\n+")
QUESTION_WORDS = _RULES["QUESTION_WORDS"].regex()
# "không"/"chưa" ask only at the end of a clause ("nộp online được không ạ?"); elsewhere they deny
# ("trời mưa không ra tiệm được", "chưa rành lắm").
QUESTION_TAIL = _RULES["QUESTION_TAIL"].regex()


def asks(folded: str) -> bool:
    """Does this folded text (a sentence or a message) ask something?"""
    return QUESTION_WORDS.search(folded) is not None or QUESTION_TAIL.search(folded) is not None


def question_sentence(text: str) -> str | None:
    """The sentence that asks: the last one ending with "?", else the last with a question word. A long message
    wraps its question in context ("mỗi trang nói một kiểu, tôi đọc trên mạng ..."), whose words must not count."""
    sentences = [x.strip() for x in _SENTENCE_END.split(text) if x and x.strip()]
    if len(sentences) < 2:
        return None
    asked = [x for x in sentences if x.endswith("?")]
    if len(asked) > 1:  # "... cần điều kiện gì? Hồ sơ nộp cho ai?": the first that asks a part; the other is a button
        with_part = [x for x in asked if asked_parts(question_text(x))]
        return with_part[0] if with_part else asked[-1]
    asking = asked or [x for x in sentences if asks(fold_expanded(x))]
    return asking[-1] if asking else None


_CLAUSE_END = re.compile(r"[,.;:?!]")
# a folded Vietnamese syllable: onset, vowels, coda ("bzzt krrr pfft" has none, so DIET's confident "affirm" of it
# is a guess)
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]+(ch|ng|nh|[cmnpt])?")


def gibberish(folded: str) -> bool:
    """Several letter strings and not one Vietnamese syllable or digit ("bzzt krrr pfft"; not "oki", "0912…")."""
    words = re.findall(r"[a-z]+", folded)
    return len(words) >= 2 and not re.search(r"\d", folded) and not any(_SYLLABLE.fullmatch(w) for w in words)


# "cho mình xin checklist documents ...": a part asked for with a request before it
REQUEST_BEFORE = _RULES["REQUEST_BEFORE"].regex()
# a cue that is a question by itself: "gồm những gì", "(bao) nhiêu tiền", "mất mấy ngày", "ở đâu"
INTERROGATIVE = _RULES["INTERROGATIVE"].regex()


def _part_matches(folded: str) -> list[tuple[int, int, str]]:
    """Every part cue's matches as (start, end, intent), in text order."""
    return sorted((m.start(), m.end(), intent) for intent, cue in PART_CUES.items() for m in cue.finditer(folded))


def primary_part(folded: str) -> str | None:
    """Of several parts cued, the one asked: the first whose cue is itself a question ("gồm những gì") or is
    followed, in its clause and before any other cue, by a question word ("... qua mạng được hay không");
    when none is, the last cued (Vietnamese puts the question at the end)."""
    matches = _part_matches(folded)
    if not matches:
        return None
    for i, (start, end, intent) in enumerate(matches):
        stop = _CLAUSE_END.search(folded, end)
        limit = min(stop.start() if stop else len(folded), matches[i + 1][0] if i + 1 < len(matches) else len(folded))
        requested = REQUEST_BEFORE.search(folded[max(0, start - 30) : start]) is not None
        if requested or INTERROGATIVE.search(folded[start:end]) or asks(folded[end:limit]):
            return intent
    return matches[-1][2]


def asked_parts(folded: str) -> list[str]:
    """Part intents cued in the text, in the order their first cue appears."""
    return list(dict.fromkeys(intent for _, _, intent in _part_matches(folded)))


# Words of a yes/no answer: an unsure affirm/deny without any of them is not an answer ("zxqv wkrp").
ANSWER_WORDS = _RULES["ANSWER_WORDS"].regex()
CORRECTION = _RULES["CORRECTION"].regex()
DOUBT = "nlu_fallback"  # the decision that lowers DIET's confidence so the fallback answers
CONDITIONS_ABBREVIATED = _RULES["CONDITIONS_ABBREVIATED"].regex()  # "đk j", "cần đk": on fold(), "dk" not expanded


KEEP = Decision("", "DIET's answer stands")  # a step's verdict that ends the reading with DIET's intent
COURTESIES = ("greet", "thank", "goodbye", "bot_challenge", "chitchat")


@dataclass
class _Message:
    """One message as the steps of `decide` read it; the costly readings are made once, when first needed."""

    text: str
    intent: str | None
    unsure: bool
    has_mention: bool

    @cached_property
    def raw(self) -> str:  # folded, abbreviations expanded
        return fold_expanded(self.text)

    @cached_property
    def folded(self) -> str:  # the question text: cue words spelt right, names and documents in hand cut out
        return question_text(self.text)

    @cached_property
    def filing(self) -> bool:
        return FILING.search(self.raw) is not None

    @cached_property
    def complaint(self) -> bool:
        return self.filing or COMPLAINT_WORDS.search(self.raw) is not None

    @cached_property
    def focus(self) -> str | None:  # the asking sentence of a longer message
        return question_sentence(self.text)

    @cached_property
    def asking(self) -> str:  # the asking sentence alone when there is one: the context around it has words of its own
        return question_text(self.focus) if self.focus else self.folded

    @cached_property
    def may_be_how(self) -> bool:
        catch_all = self.intent in ("out_of_scope", "chitchat") or self.unsure
        in_scope_now = catch_all and (self.has_mention or in_scope(self.raw, self.text))
        return self.intent in PART_INTENTS or in_scope_now


def _form_answer(m: _Message) -> Decision | None:
    """An affirm/deny/cancel/correction without a yes/no word: a courtesy, or doubt when DIET is unsure."""
    if m.intent not in ("affirm", "deny", "cancel", "correct_complaint"):
        return None
    if ANSWER_WORDS.search(m.raw) or CORRECTION.search(m.raw):
        return None
    if m.filing:  # "phan anh": wanting to complain, not a yes
        return Decision("file_complaint", "a complaint word, not a yes/no")
    talk = question_text(m.text)
    for courtesy in COURTESIES:  # "good morning" is no yes
        if SMALL_TALK_CUES[courtesy].search(talk):
            return Decision(courtesy, "a courtesy, not a yes/no")
    if m.unsure and m.intent != "correct_complaint":
        return Decision(DOUBT, "an unsure yes/no without a yes/no word")
    if gibberish(m.raw):
        return Decision(DOUBT, "a yes/no of no Vietnamese word at all (gibberish)")
    return None


def _keyboard_mash(m: _Message) -> Decision | None:
    """Small talk or out of scope read into letters that make no Vietnamese syllable ("bzzt krrr pfft"): not
    understood, so the two-stage fallback (and its offer of a person) applies."""
    if m.intent in ("chitchat", "out_of_scope") and gibberish(m.raw):
        return Decision(DOUBT, "no Vietnamese word at all (gibberish)")
    return None


def code_alone(raw: str) -> bool:
    """Whether the message (folded, abbreviations expanded) is a dossier code and nothing more than «mã (hồ sơ)
    là …», «… ạ»."""
    return DOSSIER_CODE.search(raw) is not None and _CODE_ALONE.search(DOSSIER_CODE.sub(" qcodeq ", raw)) is not None


def _correctable(m: _Message) -> Decision | None:
    """Form answers, digits and the like are DIET's alone unless it is unsure."""
    return None if m.intent in CORRECTABLE or m.intent in ("file_complaint", "request_human") or m.unsure else KEEP


def _status_and_complaints(m: _Message) -> Decision | None:
    """Codes and status questions, complaints being filed, and topics of other agencies."""
    if COMPLAINT_CODE.search(m.raw) or (COMPLAINT_STATUS.search(m.raw) and not m.filing):
        return Decision("ask_complaint_status", "complaint status cue")
    if m.intent == "file_complaint" and m.complaint:
        return KEEP
    if code_alone(m.raw):
        return Decision("inform_digits", "a dossier code on its own")
    if not m.complaint and (DOSSIER_CODE.search(m.raw) or DOSSIER_STATUS.search(m.folded)):
        return Decision("check_dossier_status", "dossier status cue")
    # a complaint being filed is recorded whatever its topic (power cuts are the Sở's to look into too)
    if m.filing and m.intent != "file_complaint":
        return Decision("file_complaint", "someone filing a complaint")
    if out_of_scope_topic(m.raw, m.text):
        return Decision("out_of_scope", "topic another agency handles")
    return None


def _request_for_a_person(m: _Message) -> Decision | None:
    """DIET's request for a person stands, unless unsure with the words, or asking only who answers."""
    if m.intent != "request_human":
        return None
    wants_person = SMALL_TALK_CUES["request_human"].search(m.folded) is not None
    if m.unsure and wants_person:
        return Decision("request_human", "an unsure request for a person, with its words")
    if not wants_person and SMALL_TALK_CUES["bot_challenge"].search(m.folded):
        return Decision("bot_challenge", "asks whether a bot answers, asks for nobody")  # "ad là bot hả"
    return KEEP


def _complaint_words(m: _Message) -> Decision | None:
    return KEEP if m.complaint else None


def _small_talk_without_question(m: _Message) -> Decision | None:
    """ "ok mình đi chuẩn bị giấy tờ đây, chào nhé", "cảm ơn bạn đã hướng dẫn": courtesy, not a question."""
    asked = asks(m.folded) or "?" in m.text
    if asked or m.has_mention or in_scope(m.raw, m.text):
        return None
    for talk in ("goodbye", "thank", "greet", "bot_challenge", "chitchat"):
        if SMALL_TALK_CUES[talk].search(m.folded):
            return Decision(talk, "small talk without a question")
    return None


def _asked_part(m: _Message) -> Decision | None:
    """The part of the procedure the asking sentence cues."""
    parts = asked_parts(m.asking)
    if not parts and CONDITIONS_ABBREVIATED.search(fold(m.focus or m.text)):
        parts = ["ask_conditions"]
    if len(parts) == 1:
        return Decision(parts[0], "question cue")
    if len(parts) > 1:  # "nộp online được không, và bao lâu thì có?": the one asked first; the others are buttons
        return Decision(primary_part(m.asking) or parts[0], "the asked one of several question cues")
    return None


def _how_to(m: _Message) -> Decision | None:
    if HOW_CUE.search(m.asking) and m.may_be_how:
        return Decision("ask_procedure", "how-to cue")
    return None


def _asking_sentence_talk(m: _Message) -> Decision | None:
    """The asking sentence asks for a person or who answers: "... Chuyển giúp tôi sang người thật được không?" """
    for talk in ("request_human", "bot_challenge"):
        if m.focus and SMALL_TALK_CUES[talk].search(m.asking):
            return Decision(talk, "the asking sentence asks for a person or who answers")
    return None


def _cue_outside_asking_sentence(m: _Message) -> Decision | None:
    """The asking sentence says nothing clear: a single cue elsewhere ("Nhờ hướng dẫn các bước.") does."""
    if not m.focus:
        return None
    whole_parts = asked_parts(m.folded)
    if len(whole_parts) == 1:
        return Decision(whole_parts[0], "question cue outside the asking sentence")
    if not whole_parts and HOW_CUE.search(m.folded) and m.may_be_how:
        return Decision("ask_procedure", "how-to cue outside the asking sentence")
    return None


COURTESY = ("greet",)
COURTESY_MAX_WORDS = 15  # longer, a greeting opening a story is courtesy (thanks there are still the message)


def _drifted_small_talk(m: _Message) -> Decision | None:
    """What the message is about when DIET drifted or is unsure; thanks and greetings come last: around a
    question they are courtesy, alone they are the message."""
    drifted = m.intent in PART_INTENTS or m.intent in STATUS_INTENTS or m.intent in ("chitchat", "file_complaint")
    if m.has_mention or not (drifted or m.unsure):
        return None
    for talk in ("request_human", "bot_challenge", "goodbye", "chitchat", "thank", "greet"):
        cue = SMALL_TALK_CUES[talk]
        # «Chào anh chị. Gia đình tôi có cửa hàng…, nộp ở phường hay lên Sở?»: a greeting opening a story that asks
        # something in another sentence is courtesy
        if talk in COURTESY and len(m.folded.split()) > COURTESY_MAX_WORDS and m.focus and not cue.search(m.asking):
            continue
        if cue.search(m.asking) or cue.search(m.folded):
            if talk != m.intent or m.unsure:
                return Decision(talk, "small talk, nothing asked about a procedure")
            break
    if CHANNEL_CHECK.search(m.folded):
        return Decision("greet", "making sure of the channel")
    return None


# The steps in order: the first with a verdict decides (KEEP: DIET's intent stands).
STEPS = (
    _form_answer,
    _keyboard_mash,
    _correctable,
    _status_and_complaints,
    _request_for_a_person,
    _complaint_words,
    _small_talk_without_question,
    _asked_part,
    _how_to,
    _asking_sentence_talk,
    _cue_outside_asking_sentence,
    _drifted_small_talk,
)


def decide(text: str, intent: str | None, confidence: float, has_mention: bool = False) -> Decision | None:
    """The intent the cues point to when they contradict or confirm DIET; None to keep DIET's answer."""
    message = _Message(text, intent, confidence < UNSURE, has_mention)
    for step in STEPS:
        verdict = step(message)
        if verdict is not None:
            return None if verdict is KEEP else verdict
    return None
