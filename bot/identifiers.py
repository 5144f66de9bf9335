"""Identifiers shared by the backend, the Rasa actions and the NLU components: defined here once.

Channels, sender ids, procedure, dossier and complaint codes, intent names and the Vietnam time zone. Standard
library only: both virtualenvs import it (the Rasa side imports only this module, bot.text and bot.nlu).
Patterns are strings (pydantic's `pattern=` and `re` both take them); ASCII digits only (`\\d` would accept
other scripts' digits).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

# --- time -------------------------------------------------------------------------------------------------------
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")  # Vietnam keeps no daylight saving time

# --- channels ---------------------------------------------------------------------------------------------------
ChatChannel = Literal["web", "telegram", "zalo"]  # where citizens chat with the bot (through the chat hub)
ComplaintChannel = Literal["web", "telegram", "zalo", "rest", "hotline"]  # where a complaint can come from
CHAT_CHANNELS: tuple[str, ...] = get_args(ChatChannel)
COMPLAINT_CHANNELS: tuple[str, ...] = get_args(ComplaintChannel)

# --- senders ----------------------------------------------------------------------------------------------------
# a channel's user or session id (the widget's session, a Telegram chat id, a Zalo user id)
SENDER_PATTERN = r"^[A-Za-z0-9_.:@-]{1,128}$"
# the Rasa sender id: "<channel>-<sender>" from the hub, "hotline:<operator>" from the staff desk, a REST id
RASA_SENDER_PATTERN = r"^[A-Za-z0-9_.:@+-]{1,200}$"


def rasa_sender_id(channel: str, sender: str) -> str:
    return f"{channel}-{sender}"


def parse_rasa_sender_id(sender_id: str) -> tuple[str, str] | None:
    """The inverse of rasa_sender_id: ("web", "abc") from "web-abc"; None for ids the hub did not make."""
    channel, _, sender = sender_id.partition("-")
    if channel not in CHAT_CHANNELS or not re.match(SENDER_PATTERN, sender):
        return None
    return channel, sender


# --- procedure codes (national catalogue: "2.000620") -----------------------------------------------------------
PROCEDURE_CODE = r"[1-9]\.[0-9]{6}"
PROCEDURE_CODE_PATTERN = rf"^{PROCEDURE_CODE}$"

# --- dossier codes (one-stop systems: "000.00.18.H12-250412-0007") ----------------------------------------------
DOSSIER_CODE_PATTERN = r"^[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}-[0-9]{6}-[0-9]{4}$"  # canonical form
# any code as a citizen or a receipt writes it, in a form field or a button payload (upper-cased first or not)
DOSSIER_REFERENCE = r"[A-Za-z0-9][A-Za-z0-9._/-]{2,63}"
DOSSIER_REFERENCE_PATTERN = rf"^{DOSSIER_REFERENCE}$"
_DAY_SEQ = r"\s*-?\s*[0-9][0-9\s-]{7,13}[0-9]"  # YYMMDD-NNNN, a slipped dash or a lost digit included
# something that looks like a dossier code inside a message, in any official form (full, "H05.22-…",
# "22.H05-…"), as pasted; match case-insensitively (the parser in bot.dossiers.codes reads it for real)
DOSSIER_CODE_MENTION = (
    rf"[0-9]{{3}}\s*\.\s*[0-9]{{2}}\s*\.\s*[0-9]{{2}}\s*\.\s*[a-z]\s*[0-9]{{1,2}}{_DAY_SEQ}"
    rf"|(?<![0-9a-z])[a-z]\s*[0-9]{{2}}\s*\.\s*[0-9]{{2}}{_DAY_SEQ}"
    rf"|(?<![0-9])[0-9]{{2}}\s*\.\s*[a-z]\s*[0-9]{{2}}{_DAY_SEQ}"
)

# --- complaint codes ("PAKN-2026-000123") -----------------------------------------------------------------------
COMPLAINT_PREFIX = "PAKN"
COMPLAINT_CODE = r"PAKN-[0-9]{4}-[0-9]{6,}"  # canonical; the sequence grows past 6 digits
COMPLAINT_CODE_PATTERN = rf"^{COMPLAINT_CODE}$"
_COMPLAINT_PARTS = r"pakn[\s\-_./:#]*([0-9]{4})[\s\-_./:#]*([0-9]{1,7})"
# what citizens type ("pakn 2026 123", "Pakn_2026_000123"): match case-insensitively
COMPLAINT_CODE_LENIENT = rf"^\s*{_COMPLAINT_PARTS}\s*$"
COMPLAINT_CODE_MENTION = rf"{_COMPLAINT_PARTS}(?![0-9])"
_COMPLAINT_LENIENT = re.compile(COMPLAINT_CODE_LENIENT, re.IGNORECASE)


def format_complaint_code(year: int, sequence: int) -> str:
    return f"{COMPLAINT_PREFIX}-{year:04d}-{sequence:06d}"


def parse_complaint_code(raw: str) -> str | None:
    """`pakn 2026 000123`, `PAKN-2026-123`, ` Pakn_2026_000123 ` -> `PAKN-2026-000123`; None when malformed."""
    if not isinstance(raw, str) or len(raw) > 64:
        return None
    match = _COMPLAINT_LENIENT.match(raw)
    if not match:
        return None
    year, sequence = int(match.group(1)), int(match.group(2))
    if sequence == 0 or not 2000 <= year <= 2999:
        return None
    return format_complaint_code(year, sequence)


# --- intents (the Rasa domain's names) --------------------------------------------------------------------------
ASK_PROCEDURE = "ask_procedure"
ASK_DOCUMENTS = "ask_documents"
ASK_FEE = "ask_fee"
ASK_PROCESSING_TIME = "ask_processing_time"
ASK_ONLINE = "ask_online"
ASK_WHERE_SUBMIT = "ask_where_submit"
ASK_LEGAL_BASIS = "ask_legal_basis"
ASK_CONDITIONS = "ask_conditions"
CHECK_DOSSIER_STATUS = "check_dossier_status"
FILE_COMPLAINT = "file_complaint"
ASK_COMPLAINT_STATUS = "ask_complaint_status"
GREET = "greet"
GOODBYE = "goodbye"
THANK = "thank"
REQUEST_HUMAN = "request_human"
BOT_CHALLENGE = "bot_challenge"
OUT_OF_SCOPE = "out_of_scope"
CHITCHAT = "chitchat"
AFFIRM = "affirm"
DENY = "deny"
CANCEL = "cancel"
CORRECT_COMPLAINT = "correct_complaint"
INFORM_DIGITS = "inform_digits"
NLU_FALLBACK = "nlu_fallback"

# questions about a procedure: the whole of it, or one part (documents, fee, time, ...)
PART_INTENTS: tuple[str, ...] = (
    ASK_PROCEDURE, ASK_DOCUMENTS, ASK_FEE, ASK_PROCESSING_TIME, ASK_ONLINE, ASK_WHERE_SUBMIT, ASK_LEGAL_BASIS,
    ASK_CONDITIONS,
)  # fmt: skip
INTENTS: tuple[str, ...] = (
    *PART_INTENTS, CHECK_DOSSIER_STATUS, FILE_COMPLAINT, ASK_COMPLAINT_STATUS, GREET, GOODBYE, THANK, REQUEST_HUMAN,
    BOT_CHALLENGE, OUT_OF_SCOPE, CHITCHAT, AFFIRM, DENY, CANCEL, CORRECT_COMPLAINT, INFORM_DIGITS, NLU_FALLBACK,
)  # fmt: skip
