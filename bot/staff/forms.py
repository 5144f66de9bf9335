"""The procedure edit form: procedure <-> form state (what the fields show), form -> schema-valid procedure with
Vietnamese errors keyed by form field, so they are shown next to the field that caused them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from pydantic import ValidationError
from starlette.datastructures import FormData

from bot.catalog.schema import Procedure
from bot.staff.errors_vi import message

FEE_KEYS = ("kind", "amount_vnd", "per", "text", "legal_basis", "applies_to", "valid_from", "valid_until", "source")
DOC_KEYS = ("case", "name", "original", "copies", "form", "notes")
LAW_KEYS = ("number", "title", "date")
SRC_KEYS = ("title", "url", "decision", "decision_date", "published", "accessed")
MAX_ROWS = 200
BLANK_ROWS = 1


def _s(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def state_from(data: dict) -> dict:
    """Form state from a procedure's JSON data (values as the fields show them)."""
    pt = data.get("processing_time") or {}
    fees = data.get("fees") or {}
    src = data.get("source") or {}
    return {
        "code": _s(data.get("code")),
        "name": _s(data.get("name")),
        "field": _s(data.get("field")),
        "levels": list(data.get("levels") or []),
        "agency": _s(data.get("agency")),
        "applicant_types": "\n".join(data.get("applicant_types") or []),
        "conditions": _s(data.get("conditions")),
        "status": data.get("status") or "active",
        "pt": {k: _s(pt.get(k)) for k in ("status", "working_days", "calendar_days", "text")},
        "fee_status": _s(fees.get("status")),
        "fee_note": _s(fees.get("note")),
        "fees": [{k: _s(f.get(k)) for k in FEE_KEYS} for f in fees.get("items") or []],
        "online_level": _s(data.get("online_level")),
        "online_level_note": _s(data.get("online_level_note")),
        "channels": list(data.get("channels") or []),
        "where_to_submit": _s(data.get("where_to_submit")),
        "staff_notes": _s(data.get("staff_notes")),
        "first_issue_note": _s(data.get("first_issue_note")),
        "steps": _s(data.get("steps")),
        "result": _s(data.get("result")),
        "docs": [
            {"case": _s(g.get("case")), **{k: _s(it.get(k)) for k in DOC_KEYS if k != "case"}}
            for g in data.get("documents") or []
            for it in g.get("items") or []
        ],
        "laws": [{k: _s(b.get(k)) for k in LAW_KEYS} for b in data.get("legal_basis") or []],
        "src": {k: _s(src.get(k)) for k in SRC_KEYS},
        "other_sources": _yaml_text(data.get("other_sources") or []),
        "last_reviewed": _s(data.get("last_reviewed")),
        "province": _s(data.get("province")),
        "aliases": "\n".join(data.get("aliases") or []),
    }


def _rows(form: FormData, prefix: str, keys: tuple[str, ...]) -> list[dict]:
    indices = sorted({int(m.group(1)) for k in form for m in [re.match(rf"^{prefix}-(\d{{1,3}})-", k)] if m})[:MAX_ROWS]
    rows = []
    for i in indices:
        row = {k: _newlines(str(form.get(f"{prefix}-{i}-{k}") or "")).strip() for k in keys}
        if any(row.values()):
            rows.append(row)
    return rows


def _newlines(value: str) -> str:
    """Browsers send a text area's line breaks as CRLF: store them as they were read from the files (LF)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _text(form: FormData, key: str, limit: int = 20000) -> str:
    value = form.get(key)
    return _newlines(value).strip()[:limit] if isinstance(value, str) else ""


def _one_line(value: str) -> str:
    """A name or title edited in a text area: a line break typed by mistake becomes a space."""
    return " ".join(value.split()) if "\n" in value else value


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def state_from_form(form: FormData) -> dict:
    return {
        "code": _text(form, "code", 32),
        "name": _one_line(_text(form, "name", 1000)),
        "field": _text(form, "field", 200),
        "levels": [v for v in form.getlist("levels") if isinstance(v, str)],
        "agency": _one_line(_text(form, "agency", 1000)),
        "applicant_types": _text(form, "applicant_types"),
        "conditions": _text(form, "conditions"),
        "status": _text(form, "status", 16) or "active",
        "pt": {k: _text(form, f"pt_{k}", 2000) for k in ("status", "working_days", "calendar_days", "text")},
        "fee_status": _text(form, "fee_status", 16),
        "fee_note": _text(form, "fee_note"),
        "fees": _rows(form, "fee", FEE_KEYS),
        "online_level": _text(form, "online_level", 32),
        "online_level_note": _text(form, "online_level_note"),
        "channels": [v for v in form.getlist("channels") if isinstance(v, str)],
        "where_to_submit": _text(form, "where_to_submit"),
        "staff_notes": _text(form, "staff_notes", 20000),
        "first_issue_note": _text(form, "first_issue_note"),
        "steps": _text(form, "steps"),
        "result": _text(form, "result"),
        "docs": _rows(form, "doc", DOC_KEYS),
        "laws": _rows(form, "law", LAW_KEYS),
        "src": {k: _one_line(_text(form, f"src_{k}", 2000)) for k in SRC_KEYS},
        "other_sources": _text(form, "other_sources"),
        "last_reviewed": _text(form, "last_reviewed", 32),
        "province": _text(form, "province", 200),
        "aliases": _text(form, "aliases"),
    }


def _yaml_text(items: list) -> str:
    """Supplementary sources as the YAML an editor reads and edits (empty when there are none)."""
    if not items:
        return ""
    return yaml.safe_dump(items, allow_unicode=True, sort_keys=False, default_flow_style=False)


def _yaml_list(text: str, errors: dict[str, str]) -> list:
    if not text.strip():
        return []
    try:
        value = yaml.safe_load(text)
    except yaml.YAMLError:
        errors["other_sources"] = "Nguồn bổ sung không đúng định dạng YAML (danh sách các nguồn)."
        return []
    if not isinstance(value, list):
        errors["other_sources"] = "Nguồn bổ sung phải là một danh sách (mỗi nguồn bắt đầu bằng «- title: ...»)."
        return []
    return value


def _or_none(value: str) -> str | None:
    return value or None


def _number(value: str, errors: dict, key: str, *, integer: bool):
    """'1.200.000 đ' -> 1200000; '8' -> 8.0; '' -> None; anything else -> an error next to the field."""
    if not value:
        return None
    cleaned = re.sub(r"[\s.đồngdVNĐ]", "", value, flags=re.IGNORECASE) if integer else value.replace(",", ".")
    try:
        return int(cleaned) if integer else float(cleaned)
    except ValueError:
        errors[key] = (
            "Nhập số tiền bằng chữ số, ví dụ 1200000 hoặc 1.200.000."
            if integer
            else "Nhập số ngày bằng chữ số, ví dụ 8."
        )
        return None


@dataclass
class Parsed:
    state: dict
    procedure: Procedure | None = None
    errors: dict[str, str] = field(default_factory=dict)


def parse(form: FormData) -> Parsed:
    state = state_from_form(form)
    errors: dict[str, str] = {}
    doc_groups: list[dict] = []
    doc_index: dict[tuple[int, int], int] = {}
    for row_no, doc in enumerate(state["docs"]):
        item = {
            "name": doc["name"],
            "original": _number(doc["original"], errors, f"doc-{row_no}-original", integer=True),
            "copies": _number(doc["copies"], errors, f"doc-{row_no}-copies", integer=True),
            "form": _or_none(doc["form"]),
            "notes": _or_none(doc["notes"]),
        }
        case = _or_none(doc["case"])
        if not doc_groups or doc_groups[-1]["case"] != case:
            doc_groups.append({"case": case, "items": []})
        doc_index[(len(doc_groups) - 1, len(doc_groups[-1]["items"]))] = row_no
        doc_groups[-1]["items"].append(item)
    data = {
        "code": state["code"],
        "name": state["name"],
        "field": state["field"],
        "levels": state["levels"],
        "agency": _or_none(state["agency"]),
        "applicant_types": _lines(state["applicant_types"]),
        "conditions": _or_none(state["conditions"]),
        "documents": doc_groups,
        "processing_time": {
            "status": state["pt"]["status"],
            "working_days": _number(state["pt"]["working_days"], errors, "pt_working_days", integer=False),
            "calendar_days": _number(state["pt"]["calendar_days"], errors, "pt_calendar_days", integer=False),
            "text": _or_none(state["pt"]["text"]),
        },
        "fees": {
            "status": state["fee_status"],
            "note": _or_none(state["fee_note"]),
            "items": [
                {
                    "kind": fee["kind"],
                    "amount_vnd": _number(fee["amount_vnd"], errors, f"fee-{i}-amount_vnd", integer=True),
                    "per": _or_none(fee["per"]),
                    "text": _or_none(fee["text"]),
                    "legal_basis": _or_none(fee["legal_basis"]),
                    "applies_to": _or_none(fee.get("applies_to", "")),
                    "valid_from": _or_none(fee.get("valid_from", "")),
                    "valid_until": _or_none(fee.get("valid_until", "")),
                    "source": _or_none(fee.get("source", "")),
                }
                for i, fee in enumerate(state["fees"])
            ],
        },
        "online_level": state["online_level"],
        "online_level_note": _or_none(state["online_level_note"]),
        "channels": state["channels"],
        "where_to_submit": _or_none(state["where_to_submit"]),
        "staff_notes": _or_none(state.get("staff_notes")),
        "first_issue_note": _or_none(state.get("first_issue_note")),
        "steps": _or_none(state["steps"]),
        "result": _or_none(state["result"]),
        "legal_basis": [
            {k: (law[k] if k == "number" else _or_none(law[k])) for k in LAW_KEYS} for law in state["laws"]
        ],
        "source": {k: _or_none(v) for k, v in state["src"].items()},
        "other_sources": _yaml_list(state["other_sources"], errors),
        "last_reviewed": _or_none(state["last_reviewed"]),
        "province": _or_none(state["province"]),
        "aliases": _lines(state["aliases"]),
        "status": state["status"],
    }
    try:
        proc = Procedure.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            errors.setdefault(field_key(tuple(err["loc"]), doc_index), message(err))
        return Parsed(state, None, errors)
    if errors:
        return Parsed(state, None, errors)
    return Parsed(state, proc, {})


TOP = {
    "processing_time": "pt_status",
    "fees": "fee_status",
    "source": "src_title",
    "documents": "docs",
    "other_sources": "other_sources",
}


def field_key(loc: tuple, doc_index: dict[tuple[int, int], int]) -> str:
    """Schema error location -> the form field it belongs to."""
    if not loc:
        return "_form"
    head = loc[0]
    if head == "processing_time" and len(loc) > 1:
        return f"pt_{loc[1]}"
    if head == "fees" and len(loc) > 1:
        if loc[1] == "items" and len(loc) > 2:
            return f"fee-{loc[2]}-{loc[3] if len(loc) > 3 else 'kind'}"
        return "fee_status" if loc[1] == "status" else f"fee_{loc[1]}"
    if head == "documents" and len(loc) > 3:
        row = doc_index.get((loc[1], loc[3]), 0)
        return f"doc-{row}-{loc[4] if len(loc) > 4 else 'name'}"
    if head == "legal_basis" and len(loc) > 1:
        return f"law-{loc[1]}-{loc[2] if len(loc) > 2 else 'number'}"
    if head == "source" and len(loc) > 1:
        return f"src_{loc[1]}"
    return TOP.get(head, str(head))
