"""Hotline copilot: what the caller said -> understood question, procedure card, answer to read out, related
procedures. Uses Rasa's NLU (POST /model/parse) and the same resolver and answer composition as the bot."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx

from bot.answers.compose import INTENT_PARTS, Part, part_text, source_line
from bot.answers.service import answer_question
from bot.catalog.schema import Procedure
from bot.search.resolver import ProcedureIndex

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


async def parse_with_rasa(rasa_url: str, text: str, timeout: float = 5.0) -> Understanding:
    """Intent and procedure mention from Rasa; on any failure, say so and let the resolver work alone."""
    try:
        async with httpx.AsyncClient(base_url=rasa_url.rstrip("/"), timeout=timeout) as client:
            response = await client.post("/model/parse", json={"text": text})
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


def analyze(
    index: ProcedureIndex, get: callable, text: str, understanding: Understanding, department: str
) -> CopilotResult:
    part = INTENT_PARTS.get(understanding.intent or "", Part.overview)
    result = answer_question(index, get, text=text, part=part, mention=understanding.mention, department=department)
    proc = result.procedure
    suggested = f"{part_text(proc, part, department)}\n\n{source_line(proc, part)}" if proc else result.reply.text
    seen = {proc.code} if proc else set()
    related = []
    for query in filter(None, (text, understanding.mention)):
        for c in index.resolve(query, limit=6).candidates:
            if c.code not in seen:
                seen.add(c.code)
                related.append({"code": c.code, "name": c.name, "score": c.score})
    return CopilotResult(
        understanding, part, proc, suggested, result.status, related[:5], HINTS.get(understanding.intent or "")
    )
