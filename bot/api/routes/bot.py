"""Endpoints the Rasa action server calls: compose answers about procedures, out-of-scope pointers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from bot.answers.compose import INTENT_PARTS, Part
from bot.answers.fallback import fallback_reply
from bot.answers.out_of_scope import out_of_scope_reply
from bot.answers.service import answer_question
from bot.api.bot_auth import BOT_AUTH_RESPONSES, BotKey
from bot.api.deps import CatalogDep, SessionDep
from bot.catalog.schema import CODE_PATTERN

router = APIRouter(prefix="/bot", tags=["bot"], dependencies=[BotKey], responses=BOT_AUTH_RESPONSES)


class AnswerIn(BaseModel):
    text: str = Field(default="", max_length=5000, description="the user's message")
    intent: str = Field(default="ask_procedure", max_length=64, description="NLU intent: which part is asked")
    mention: str | None = Field(default=None, max_length=300, description="procedure mention found by NLU")
    current_code: str | None = Field(default=None, pattern=CODE_PATTERN, description="procedure being discussed")
    chosen_code: str | None = Field(default=None, pattern=CODE_PATTERN, description="procedure the user picked")


class ButtonOut(BaseModel):
    title: str
    payload: str


class AnswerOut(BaseModel):
    status: str = Field(description="answered | choose | ask_procedure")
    text: str
    buttons: list[ButtonOut]
    procedure_code: str | None
    procedure_name: str | None


class TextOut(BaseModel):
    text: str


@router.post("/answer", response_model=AnswerOut)
def bot_answer(body: AnswerIn, session: SessionDep, catalog: CatalogDep) -> AnswerOut:
    result = answer_question(
        catalog.index(session),
        catalog.by_code(session).get,
        text=body.text[:1000],
        part=INTENT_PARTS.get(body.intent, Part.overview),
        mention=body.mention,
        current_code=body.current_code,
        chosen_code=body.chosen_code,
    )
    return AnswerOut(
        status=result.status,
        text=result.reply.text,
        buttons=[ButtonOut(title=b.title, payload=b.payload) for b in result.reply.buttons],
        procedure_code=result.procedure.code if result.procedure else None,
        procedure_name=result.procedure.name if result.procedure else None,
    )


class FallbackOut(BaseModel):
    text: str
    buttons: list[ButtonOut]
    failures: int = Field(description="consecutive failures to remember for the next turn")


@router.get("/fallback", response_model=FallbackOut)
def fallback(failures: Annotated[int, Query(ge=0, le=100)] = 0) -> FallbackOut:
    reply, count = fallback_reply(failures)
    return FallbackOut(
        text=reply.text,
        buttons=[ButtonOut(title=b.title, payload=b.payload) for b in reply.buttons],
        failures=count,
    )


@router.get("/out-of-scope", response_model=TextOut)
def out_of_scope(q: Annotated[str, Query(max_length=5000)] = "") -> TextOut:
    return TextOut(text=out_of_scope_reply(q))
