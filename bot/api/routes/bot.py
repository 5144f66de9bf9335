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
from bot.api.deps import CatalogDep, LocaleDep, SessionDep
from bot.gaps.service import record_gap
from bot.identifiers import PROCEDURE_CODE_PATTERN as CODE_PATTERN
from bot.search.elsewhere import default_index as elsewhere_index

router = APIRouter(prefix="/bot", tags=["bot"], dependencies=[BotKey], responses=BOT_AUTH_RESPONSES)


class AnswerIn(BaseModel):
    text: str = Field(default="", max_length=5000, description="the user's message")
    intent: str = Field(default="ask_procedure", max_length=64, description="NLU intent: which part is asked")
    mention: str | None = Field(default=None, max_length=300, description="procedure mention found by NLU")
    current_code: str | None = Field(default=None, pattern=CODE_PATTERN, description="procedure being discussed")
    chosen_code: str | None = Field(default=None, pattern=CODE_PATTERN, description="procedure the user picked")
    page: int = Field(default=1, ge=1, le=50, description="page of a long answer («Xem tiếp»)")
    offered: list[Annotated[str, Field(pattern=CODE_PATTERN)]] = Field(
        default_factory=list, max_length=8, description="codes the bot listed last turn (a typed choice reads them)"
    )
    recent: list[Annotated[str, Field(pattern=CODE_PATTERN)]] = Field(
        default_factory=list, max_length=8, description="codes discussed recently, newest first"
    )
    absent_phrase: str | None = Field(
        default=None, max_length=300, description="what the bot last said it does not hold (its follow-ups)"
    )


class ButtonOut(BaseModel):
    title: str
    payload: str


class AnswerOut(BaseModel):
    status: str = Field(description="answered | choose | ask_procedure | out_of_scope | not_in_catalogue")
    text: str
    buttons: list[ButtonOut]
    procedure_code: str | None
    procedure_name: str | None
    offered: list[str] = Field(default_factory=list, description="codes listed in this reply, to remember")
    absent_phrase: str | None = Field(default=None, description="what this reply said is not held, to remember")


class TextOut(BaseModel):
    text: str


@router.post("/answer", response_model=AnswerOut)
def bot_answer(body: AnswerIn, session: SessionDep, catalog: CatalogDep, locale: LocaleDep) -> AnswerOut:
    result = answer_question(
        catalog.index(session),
        catalog.by_code(session).get,
        text=body.text[:1000],
        part=INTENT_PARTS.get(body.intent, Part.overview),
        mention=body.mention,
        current_code=body.current_code,
        chosen_code=body.chosen_code,
        department=locale,
        page=body.page,
        offered=body.offered,
        recent=body.recent,
        elsewhere=elsewhere_index(catalog.index(session)),
        absent_phrase=body.absent_phrase,
    )
    if result.status == "not_in_catalogue":
        record_gap(session, body.mention or body.text)
    return AnswerOut(
        status=result.status,
        text=result.reply.text,
        buttons=[ButtonOut(title=b.title, payload=b.payload) for b in result.reply.buttons],
        procedure_code=result.procedure.code if result.procedure else None,
        procedure_name=result.procedure.name if result.procedure else None,
        offered=result.offered,
        absent_phrase=result.absent_phrase[:300] if result.absent_phrase else None,
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
