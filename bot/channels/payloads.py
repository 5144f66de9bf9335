"""Which "/intent{entities}" messages a user may send: only the shapes of the bot's own buttons.

Rasa reads a message that starts with "/" as an intent with entities and skips NLU, so a crafted message
could restart the conversation (/restart, /session_start, /back, which answer nothing at all), force
internal intents (/nlu_fallback), set a confidence (/affirm@0.3) or put any value into an entity and its
slot ("/check_dossier_status{"dossier_code":"<10 000 characters>"}"). The hub lets through a payload only
when its intent is one of the domain's user intents and every entity is one the bot's buttons carry, with
a value of that entity's shape; anything else starting with "/" goes on as plain words (slashes removed)
and NLU reads it like any other message.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import yaml

from bot.identifiers import DOSSIER_REFERENCE, PROCEDURE_CODE
from bot.settings import ROOT

PAYLOAD = re.compile(r"/(?P<intent>[a-z_]{1,64})(?P<entities>\{.*\})?", re.DOTALL)
# entities that buttons carry, with the values they may hold
ENTITY_VALUES = {
    "procedure_code": re.compile(PROCEDURE_CODE),
    "complaint_field": re.compile(r"complaint_(content|name|contact)"),
    "dossier_code": re.compile(DOSSIER_REFERENCE),
}
# Rasa's own intents, never a button of this bot
RASA_INTERNAL = {"restart", "session_start", "back", "nlu_fallback"}


@lru_cache(maxsize=1)
def user_intents(root: Path = ROOT) -> frozenset[str]:
    """The intents of the Rasa domain (domain.yml, or every file of a domain/ folder), minus Rasa's own."""
    files = [root / "domain.yml"] if (root / "domain.yml").exists() else sorted((root / "domain").rglob("*.yml"))
    intents: set[str] = set()
    for path in files:
        for item in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("intents") or []:
            intents.add(next(iter(item)) if isinstance(item, dict) else str(item))
    return frozenset(intents - RASA_INTERNAL)


def is_offered_payload(text: str) -> bool:
    match = PAYLOAD.fullmatch(text)
    if match is None or match["intent"] not in user_intents():
        return False
    if match["entities"] is None:
        return True
    try:
        entities = json.loads(match["entities"])
    except ValueError:
        return False
    return isinstance(entities, dict) and all(
        key in ENTITY_VALUES and isinstance(value, str) and ENTITY_VALUES[key].fullmatch(value)
        for key, value in entities.items()
    )


def guard_payload(text: str) -> str:
    """The text to hand Rasa: a button payload of the bot's shapes as is, any other "/..." as plain words."""
    while text.startswith("/") and not is_offered_payload(text):
        text = text[1:].strip()
    return text
