"""Hotline copilot: what the caller said -> understood question, procedure card, answer to read out, related
procedures. Uses Rasa's NLU (POST /model/parse) and the same resolver and answer composition as the bot."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx

from bot.answers.compose import INTENT_PARTS, Locale, Part, part_text, source_line
from bot.answers.service import answer_question
from bot.catalog.schema import Procedure
from bot.dossiers.codes import parse_code
from bot.search.elsewhere import default_index as elsewhere_index
from bot.search.resolver import ProcedureIndex
from bot.staff.readout import readout
from bot.staff.related import related as related_procedures

log = logging.getLogger(__name__)

INTENT_LABELS = {
    "ask_procedure": "Hỏi chung về thủ tục",
    "ask_documents": "Hỏi hồ sơ cần nộp",
    "ask_fee": "Hỏi phí, lệ phí",
    "ask_processing_time": "Hỏi thời hạn giải quyết",
    "ask_online": "Hỏi nộp trực tuyến",
    "ask_where_submit": "Hỏi nơi nộp hồ sơ",
    "ask_legal_basis": "Hỏi căn cứ pháp lý",
    "ask_conditions": "Hỏi điều kiện",
    "check_dossier_status": "Tra cứu tình trạng hồ sơ",
    "file_complaint": "Phản ánh, kiến nghị",
    "ask_complaint_status": "Hỏi kết quả phản ánh",
    "greet": "Chào hỏi",
    "goodbye": "Chào tạm biệt",
    "thank": "Cảm ơn",
    "request_human": "Muốn gặp cán bộ",
    "bot_challenge": "Hỏi có phải máy trả lời",
    "out_of_scope": "Ngoài phạm vi của Sở",
    "chitchat": "Trò chuyện ngoài lề",
    "nlu_fallback": "Chưa rõ ý",
}

HINTS = {
    "file_complaint": "Người gọi muốn phản ánh: bấm «Tạo phản ánh từ cuộc gọi».",
    "ask_complaint_status": "Hỏi người gọi mã phản ánh để tra cứu.",
    "check_dossier_status": "Hỏi người gọi mã hồ sơ để tra cứu tình trạng.",
    "request_human": "Người gọi muốn được cán bộ hỗ trợ trực tiếp.",
    "out_of_scope": "Câu hỏi có thể không thuộc thẩm quyền của Sở Công Thương.",
}


@dataclass
class Understanding:
    source: str  # rasa | resolver
    intent: str | None = None
    confidence: float | None = None
    mention: str | None = None
    note: str | None = None


@dataclass
class CopilotResult:
    understanding: Understanding
    part: Part
    procedure: Procedure | None
    suggested_answer: str | None
    status: str
    related: list[dict] = field(default_factory=list)
    hint: str | None = None
    readout: str | None = None  # the one or two sentences to say first
    dossier_code: str | None = None  # a dossier code in the question: the page opens its dossier box with it


async def parse_with_rasa(rasa_url: str, text: str, timeout: float = 5.0, token: str = "") -> Understanding:
    """Intent and procedure mention from Rasa; on any failure, say so and let the resolver work alone.

    `token`: Rasa's HTTP API token (SCT_RASA_TOKEN; Rasa runs with --auth-token and answers 401 without it)."""
    try:
        async with httpx.AsyncClient(base_url=rasa_url.rstrip("/"), timeout=timeout) as client:
            params = {"token": token} if token else {}
            response = await client.post("/model/parse", json={"text": text}, params=params)
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("copilot: Rasa NLU unavailable (%s)", type(exc).__name__)
        return Understanding(
            "resolver", note="Không kết nối được bộ hiểu ngôn ngữ (Rasa): chỉ dùng tra cứu danh mục, chưa rõ ý định."
        )
    intent = data.get("intent") or {}
    mention = next(
        (e.get("value") for e in data.get("entities") or [] if e.get("entity") == "procedure" and e.get("value")),
        None,
    )
    return Understanding("rasa", intent.get("name"), round(float(intent.get("confidence") or 0.0), 3), mention)


def dossier_question(code: str, understanding: Understanding) -> CopilotResult:
    """The caller read out a dossier code: no procedure to guess, the dossier box looks it up."""
    say = f"Dạ, anh/chị chờ một chút, tôi tra cứu hồ sơ mã {code} ạ."
    note = (
        f"Mã hồ sơ {code}: kết quả ở ô «Tra cứu hồ sơ». Hỏi người gọi 4 số cuối số điện thoại trên hồ sơ để "
        "đọc chi tiết."
    )
    return CopilotResult(understanding, Part.overview, None, note, "dossier", [], None, say, code)


def analyze(
    index: ProcedureIndex,
    get: callable,
    text: str,
    understanding: Understanding,
    department: Locale | str,
    by_code: dict[str, Procedure] | None = None,
) -> CopilotResult:
    if code := parse_code(text):
        return dossier_question(code, understanding)
    part = INTENT_PARTS.get(understanding.intent or "", Part.overview)
    result = answer_question(
        index,
        get,
        text=text,
        part=part,
        mention=understanding.mention,
        department=department,
        elsewhere=elsewhere_index(index),
    )
    proc = result.procedure
    suggested = f"{part_text(proc, part, department)}\n\n{source_line(proc, part)}" if proc else result.reply.text
    catalogue = by_code if by_code is not None else {d.proc.code: d.proc for d in index.docs}
    queries = [q for q in (text, understanding.mention) if q]
    return CopilotResult(
        understanding,
        part,
        proc,
        suggested,
        result.status,
        related_procedures(index, catalogue, queries, proc),
        HINTS.get(understanding.intent or ""),
        readout(proc, part, department),
    )
