"""One-off importer: turn extracted source records into procedures_catalog/ YAML files.

Inputs (not committed; gathered with the search tool, verbatim copies of public sources):
  DIR/raw/<code>.json    records of the national public-service portal crawl
                         (repository 3-hWnG/intern-amazing-group_7, Database/staging/procedures.jsonl, 2026)
  DIR/pages/<code>.json  provincial public-service portal pages (procedure detail pages)
  DIR/online/<code>.json online level (toàn trình / một phần) found on a provincial portal page

Facts are copied, never completed: what a source does not state stays unknown. Aliases are added by
rules in bot/catalog/aliases.py. Existing YAML files are overwritten only with --force (they may have been
reviewed by hand).

Usage: python scripts/import_sources.py /work/catalog_work [--force]
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

from bot.catalog.aliases import aliases_for
from bot.catalog.files import DEFAULT_DIR, dump_procedure
from bot.catalog.schema import Procedure

ACCESSED = dt.date(2026, 11, 25)
CRAWL = "Cổng Dịch vụ công quốc gia — Cơ sở dữ liệu quốc gia về TTHC (bản thu thập 2026, 3-hWnG/intern-amazing-group_7)"

FIELD_MAP = {
    "kinh doanh khí": "Kinh doanh khí",
    "điện lực": "Điện",
    "điện": "Điện",
    "an toàn điện": "An toàn điện",
    "lưu thông hàng hóa trong nước": "Lưu thông hàng hóa trong nước",
    "lưu thông hàng hoá trong nước": "Lưu thông hàng hóa trong nước",
    "xúc tiến thương mại": "Xúc tiến thương mại",
    "quản lý cạnh tranh": "Quản lý cạnh tranh",
    "cạnh tranh": "Quản lý cạnh tranh",
    "an toàn thực phẩm": "An toàn thực phẩm",
    "hóa chất": "Hóa chất",
    "hoá chất": "Hóa chất",
    "vật liệu nổ công nghiệp": "Vật liệu nổ công nghiệp",
    "an toàn đập, hồ chứa thủy điện": "An toàn đập, hồ chứa thủy điện",
    "an toàn đập, hồ chứa thuỷ điện": "An toàn đập, hồ chứa thủy điện",
    "công nghiệp địa phương": "Công nghiệp địa phương",
    "khuyến công": "Khuyến công",
    "cụm công nghiệp": "Cụm công nghiệp",
    "thương mại quốc tế": "Thương mại quốc tế",
    "xuất nhập khẩu": "Xuất nhập khẩu",
    "thương mại điện tử": "Thương mại điện tử",
    "công nghiệp tiêu dùng": "Công nghiệp tiêu dùng",
    "năng lượng": "Năng lượng",
    "dịch vụ thương mại": "Dịch vụ thương mại",
    "xăng dầu": "Xăng dầu",
    "kinh doanh xăng dầu": "Xăng dầu",
    "quản lý thị trường": "Quản lý thị trường",
    "sử dụng năng lượng tiết kiệm và hiệu quả": "Sử dụng năng lượng tiết kiệm và hiệu quả",
    "công nghiệp nặng": "Công nghiệp nặng và khoáng sản",
    "an toàn vệ sinh lao động": "An toàn, vệ sinh lao động",
    "an toàn, vệ sinh lao động": "An toàn, vệ sinh lao động",
    "tiêu chuẩn - đo lường - chất lượng": "Tiêu chuẩn, đo lường, chất lượng",
    "tiêu chuẩn đo lường chất lượng": "Tiêu chuẩn, đo lường, chất lượng",
    "tiêu chuẩn, đo lường, chất lượng": "Tiêu chuẩn, đo lường, chất lượng",
    "chất lượng sản phẩm hàng hóa": "Tiêu chuẩn, đo lường, chất lượng",
    "chất lượng sản phẩm hàng hoá": "Tiêu chuẩn, đo lường, chất lượng",
}

CHANNELS = {"trực tiếp": "trực tiếp", "bưu chính": "bưu chính công ích", "trực tuyến": "trực tuyến"}


NAME_FIELDS = [
    (r"rượu|thuốc lá|xăng dầu|chợ|bán hàng không tại địa điểm", "Lưu thông hàng hóa trong nước"),
    (r"LPG|LNG|CNG|khí", "Kinh doanh khí"),
    (r"khuyến mại|hội chợ|triển lãm", "Xúc tiến thương mại"),
    (r"đa cấp", "Quản lý cạnh tranh"),
    (r"đập|hồ chứa", "An toàn đập, hồ chứa thủy điện"),
    (r"điện", "Điện"),
    (r"hóa chất|hoá chất", "Hóa chất"),
    (r"vật liệu nổ|tiền chất thuốc nổ", "Vật liệu nổ công nghiệp"),
    (r"thực phẩm", "An toàn thực phẩm"),
    (r"văn phòng đại diện|vốn đầu tư nước ngoài|cơ sở bán lẻ", "Thương mại quốc tế"),
    (r"công nghiệp nông thôn|khuyến công", "Khuyến công"),
    (r"cụm công nghiệp", "Cụm công nghiệp"),
]


def portal_name(province: str | None) -> str:
    """Whose portal a page is on; pages with no province are on the national portal."""
    return f"cổng dịch vụ công {province}" if province else "Cổng Dịch vụ công quốc gia"


def map_field(domain: str, name: str = "") -> str:
    key = re.sub(r"\s*\(.*?\)\s*", "", domain or "").strip().lower()
    if key in FIELD_MAP:
        return FIELD_MAP[key]
    # the source names no field, or a compound one: classify by its wording, then by the procedure's name
    for text in (domain or "", name):
        for pattern, field in NAME_FIELDS:
            if text and re.search(pattern, text, re.IGNORECASE):
                return field
    raise ValueError(f"unknown field {domain!r} for {name!r}: add it to FIELD_MAP and the schema")


def levels_of(text: str) -> list[str]:
    out: list[str] = []
    low = (text or "").lower()
    for key, level in (("tỉnh", "tỉnh"), ("huyện", "huyện"), ("xã", "xã")):
        if key in low:
            out.append(level)
    return out or ["tỉnh"]


def clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text or None


def _channels_from_methods(methods: list[dict]) -> list[str]:
    found: list[str] = []
    for m in methods:
        key = (m.get("submission_method") or "").lower()
        for k, v in CHANNELS.items():
            if k in key and v not in found:
                found.append(v)
    return found


def _processing_time(record: dict) -> dict:
    totals: dict[str, dict[str, float]] = {}
    texts: list[str] = []
    for m in record.get("methods", []):
        unit = (m.get("processing_time_unit") or "").strip()
        qty = m.get("processing_time_qty") or 0
        per = totals.setdefault(m.get("submission_method") or "", {})
        if qty and unit:
            per[unit] = per.get(unit, 0) + float(qty)
        desc = clean(m.get("description"))
        if desc and desc not in texts:
            texts.append(desc)
    official = clean(record.get("processing_time_text"))
    text = "; ".join(texts) if texts else official
    working = max((p.get("ngày làm việc", 0) for p in totals.values()), default=0)
    calendar = max((p.get("ngày", 0) for p in totals.values()), default=0)
    if not (working or calendar or text):
        return {"status": "unknown"}
    out: dict = {"status": "known", "text": text}
    if working:
        out["working_days"] = working
    elif calendar:
        out["calendar_days"] = calendar
    return out


def _fees(record: dict) -> dict:
    rows = record.get("fees") or []
    if not rows:
        return {
            "status": "unknown",
            "note": "Cổng Dịch vụ công quốc gia chưa công bố mức phí, lệ phí của thủ tục này.",
        }
    items: list[dict] = []
    seen: set[tuple] = set()
    for row in rows:
        amount = row.get("amount_value") or 0
        text = clean(row.get("amount_text"))
        if text and re.fullmatch(r"(?i)(không|không quy định|0|miễn phí|không thu)\.?", text):
            text = None
        if not amount and not text:
            continue
        kind = "Phí dịch vụ" if row.get("fee_type") == "SERVICE_FEE" else "Phí, lệ phí"
        key = (kind, amount, text)
        if key in seen:
            continue
        seen.add(key)
        items.append({"kind": kind, "amount_vnd": int(amount) if amount else None, "text": text})
    if not items:
        return {
            "status": "none",
            "note": "Cổng Dịch vụ công quốc gia ghi mức thu 0 đồng (không thu phí, lệ phí).",
        }
    return {"status": "known", "items": items}


def _documents(record: dict) -> list[dict]:
    forms: dict[str, list[str]] = {}
    for f in record.get("files") or []:
        forms.setdefault(f.get("belongs_to") or "", []).append(f.get("file_name"))
    groups: list[dict] = []
    index: dict[tuple, dict] = {}
    for item in record.get("checklist") or []:
        case = clean(item.get("case_name"))
        key = (item.get("case_ordinal"), case)
        group = index.get(key)
        if group is None:
            group = {"case": case, "items": []}
            index[key] = group
            groups.append(group)
        name = clean(item.get("name"))
        if not name or any(d["name"] == name for d in group["items"]):
            continue
        files = sorted({x for x in forms.get(item.get("name") or "", []) if x})
        group["items"].append(
            {
                "name": name,
                "original": item.get("original_qty"),
                "copies": item.get("copy_qty"),
                "form": ", ".join(files) or None,
            }
        )
    return [g for g in groups if g["items"]]


def _online(record: dict, online: dict | None) -> tuple[str, str | None]:
    if online:
        return online["level"], f"Theo trang thủ tục trên {portal_name(online.get('province'))}: {online['url']}"
    has_online = record.get("has_online_submission") or any(
        "trực tuyến" in (m.get("submission_method") or "").lower() for m in record.get("methods", [])
    )
    if not has_online:
        return "không", "Cổng Dịch vụ công quốc gia không ghi cách nộp trực tuyến cho thủ tục này."
    return (
        "unknown",
        "Có nộp trực tuyến trên Cổng Dịch vụ công quốc gia; mức độ (toàn trình/một phần) chưa xác minh.",
    )


def from_crawl(record: dict, online: dict | None) -> dict:
    level_text = record.get("agency_levels") or ""
    agency = clean(record.get("executing_agency"))  # None when the source leaves it empty
    province = None
    if str(record.get("department_code", "")).startswith("H"):
        raw = clean(record.get("issuing_agency") or record.get("department_promulgate")) or ""
        province = re.sub(r"(?i)^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+", "", raw) or None
    level, note = _online(record, online)
    conditions = clean(record.get("requirements"))
    if conditions and conditions.lower() in {"không", "không quy định", "không có"}:
        conditions = None
    decision_date = record.get("decision_date") or None
    published = record.get("source_updated_at") or record.get("publication_date") or None
    return {
        "code": record["proc_id"],
        "name": clean(record["name"]),
        "field": map_field(record.get("domain") or "", record.get("name") or ""),
        "levels": levels_of(level_text),
        "agency": agency,
        "applicant_types": [s.strip() for s in (record.get("subject_types") or "").split(";") if s.strip()],
        "conditions": conditions,
        "documents": _documents(record),
        "processing_time": _processing_time(record),
        "fees": _fees(record),
        "online_level": level,
        "online_level_note": note,
        "channels": _channels_from_methods(record.get("methods", [])),
        "where_to_submit": clean(record.get("receiving_address")),
        "steps": clean(record.get("description")),
        "result": clean(record.get("results")),
        "legal_basis": [
            {
                "number": clean(b["doc_code"]),
                "title": clean(b.get("doc_name")),
                "date": clean(b.get("doc_year")),
            }
            for b in record.get("legal_basis") or []
            if clean(b.get("doc_code"))
        ],
        "source": {
            "title": CRAWL,
            "url": record.get("portal_url") or f"https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/{record['proc_id']}",
            "decision": clean(record.get("decision_number")),
            "decision_date": decision_date,
            "published": published,
            "accessed": ACCESSED.isoformat(),
        },
        "last_reviewed": ACCESSED.isoformat(),
        "province": province,
    }


_AMOUNT = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|đ\b|VNĐ|vnđ)", re.IGNORECASE)
_DOC_NO = re.compile(r"\d+/\d{4}/[A-ZĐ\-]+|\d+/[A-ZĐ]+-[A-ZĐ]+")


def _fee_from_text(kind: str, text: str | None) -> dict | None:
    text = clean(text)
    if not text:
        return None
    if re.fullmatch(r"(?i)(không|không có|không quy định|miễn phí|không thu)\.?", text):
        return {"none": True}
    amounts = _AMOUNT.findall(text)
    amount = int(re.sub(r"[.,]", "", amounts[0])) if len(amounts) == 1 else None
    return {"kind": kind, "amount_vnd": amount, "text": text}


def from_page(page: dict, online: dict | None) -> dict:
    fees: list[dict] = []
    nones = 0
    for kind, text in (("Phí", page.get("fee_text")), ("Lệ phí", page.get("charge_text"))):
        fee = _fee_from_text(kind, text)
        if fee is None:
            continue
        if fee.get("none"):
            nones += 1
        else:
            fees.append(fee)
    if fees:
        fee_block = {"status": "known", "items": fees}
    elif nones:
        fee_block = {
            "status": "none",
            "note": f"Trang thủ tục ({page.get('province')}) ghi: không thu phí, lệ phí.",
        }
    else:
        fee_block = {"status": "unknown", "note": "Nguồn chưa công bố mức phí, lệ phí."}
    time_text = clean(page.get("time_text"))
    working = re.search(r"(\d+)\s*ngày làm việc", time_text or "", re.IGNORECASE)
    calendar = re.search(r"(\d+)\s*ngày(?! làm việc)", time_text or "", re.IGNORECASE)
    ptime: dict = {"status": "known" if time_text else "unknown"}
    if time_text:
        ptime["text"] = time_text
        if working:
            ptime["working_days"] = float(working.group(1))
        elif calendar:
            ptime["calendar_days"] = float(calendar.group(1))
    channels: list[str] = []
    for item in page.get("channels") or []:
        for k, v in CHANNELS.items():
            if k in item.lower() and v not in channels:
                channels.append(v)
    agency = clean(page.get("agency"))
    level = page.get("online_level") or (online or {}).get("level")
    documents: list[dict] = []
    if page.get("documents_complete") and page.get("documents"):
        items = []
        for d in page["documents"]:
            name = clean(d.get("name"))
            if name and all(i["name"] != name for i in items):
                items.append(
                    {
                        "name": name,
                        "original": d.get("original"),
                        "copies": d.get("copies"),
                        "form": clean(d.get("form")),
                    }
                )
        documents = [{"case": None, "items": items}] if items else []
    legal = []
    for item in page.get("legal_basis") or []:
        text = clean(item)
        if not text:
            continue
        number = _DOC_NO.search(text)
        legal.append({"number": number.group(0) if number else text[:120], "title": text})
    return {
        "code": page["code"],
        "name": clean(page["name"]),
        "field": map_field(page.get("field") or "", page.get("name") or ""),
        "levels": ["xã"]
        if re.search(r"(?i)cấp xã|xã", agency or "")
        else (["huyện"] if re.search(r"(?i)cấp huyện|phòng kinh tế|phòng công thương", agency or "") else ["tỉnh"]),
        "agency": agency,
        "applicant_types": [clean(page["applicants"])] if clean(page.get("applicants")) else [],
        "documents": documents,
        "processing_time": ptime,
        "fees": fee_block,
        "online_level": level or "unknown",
        "online_level_note": f"Theo trang thủ tục trên {portal_name(page.get('province'))}." if level else None,
        "channels": channels,
        "result": clean(page.get("result")),
        "legal_basis": legal,
        "source": {
            "title": f"Trang thủ tục trên {portal_name(page.get('province'))}",
            "url": page.get("url"),
            "accessed": ACCESSED.isoformat(),
        },
        "last_reviewed": ACCESSED.isoformat(),
    }


def main(argv: list[str]) -> int:
    base = Path(argv[0])
    force = "--force" in argv
    out_dir = DEFAULT_DIR
    out_dir.mkdir(parents=True, exist_ok=True)
    online = {p.stem: json.loads(p.read_text()) for p in (base / "online").glob("*.json")}
    records: dict[str, dict] = {}
    for p in sorted((base / "pages").glob("*.json")):
        page = json.loads(p.read_text())
        scope = page.get("scope_note") or ""
        if re.match(r"(?i)bộ\b", page.get("agency") or "") or re.search(r"(?i)central|bộ công thương", scope):
            continue  # done by the Ministry itself (or flagged so by the extractor), not by the province
        if not re.match(r"https://[^/]+\.gov\.vn/", page.get("url") or ""):
            continue  # only official portals count as sources
        records[page["code"]] = from_page(page, online.get(page["code"]))
    for p in sorted((base / "raw").glob("*.json")):
        rec = json.loads(p.read_text())
        records[rec["proc_id"]] = from_crawl(rec, online.get(rec["proc_id"]))  # the crawl is preferred
    written = 0
    for code, data in sorted(records.items()):
        target = out_dir / f"{code}.yaml"
        if target.exists() and not force:
            continue
        data["aliases"] = aliases_for(data["name"])
        proc = Procedure.model_validate(data)
        target.write_text(dump_procedure(proc), encoding="utf-8")
        written += 1
    print(f"{written} files written, {len(records)} records")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
