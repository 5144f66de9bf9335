import datetime as dt

import pytest

from bot.answers.compose import PART_INTENTS, Part, answer, vnd
from bot.answers.fallback import fallback_reply
from bot.answers.out_of_scope import out_of_scope_reply
from bot.answers.service import answer_question
from bot.catalog.schema import Procedure
from bot.search.resolver import ProcedureIndex


def _proc(**overrides) -> Procedure:
    data = {
        "code": "9.000001",
        "name": "Cấp Giấy phép thử nghiệm",
        "field": "Lưu thông hàng hóa trong nước",
        "levels": ["tỉnh"],
        "agency": "Sở Công Thương",
        "documents": [
            {
                "case": None,
                "items": [{"name": "Đơn đề nghị", "original": 1, "copies": 0, "form": "Mẫu số 01"}],
            },
            {
                "case": "Trường hợp là doanh nghiệp",
                "items": [{"name": "Bản sao giấy đăng ký doanh nghiệp", "copies": 1}],
            },
        ],
        "processing_time": {
            "status": "known",
            "working_days": 10,
            "text": "10 ngày làm việc kể từ ngày nhận đủ hồ sơ",
        },
        "fees": {
            "status": "known",
            "items": [{"kind": "Phí thẩm định", "amount_vnd": 1200000, "per": "hồ sơ"}],
        },
        "online_level": "toàn trình",
        "channels": ["trực tiếp", "trực tuyến"],
        "legal_basis": [{"number": "105/2017/NĐ-CP", "title": "Nghị định về kinh doanh rượu"}],
        "source": {
            "title": "Nguồn thử",
            "url": "https://example.gov.vn/tt",
            "accessed": "2026-11-25",
            "published": "2026-06-03",
        },
        "last_reviewed": "2026-11-25",
    }
    data.update(overrides)
    return Procedure.model_validate(data)


def test_documents_are_a_numbered_checklist_grouped_by_case():
    reply = answer(_proc(), Part.documents)
    assert "1. Đơn đề nghị (01 bản chính; mẫu: Mẫu số 01)" in reply.text
    assert "▸ Trường hợp là doanh nghiệp" in reply.text
    assert "1. Bản sao giấy đăng ký doanh nghiệp (01 bản sao)" in reply.text


def test_every_answer_offers_other_parts_and_cites_source():
    for part in Part:
        reply = answer(_proc(), part)
        assert "Nguồn: Nguồn thử" in reply.text
        assert "cập nhật 03/06/2026" in reply.text
        assert "Rà soát ngày 25/11/2026" in reply.text
        assert reply.buttons and all(b.payload.startswith("/ask_") for b in reply.buttons)
        assert all('"procedure_code":"9.000001"' in b.payload for b in reply.buttons)
        assert PART_INTENTS[part] not in [b.payload.split("{")[0][1:] for b in reply.buttons] or part == Part.overview


def test_fee_amount_per_what():
    assert vnd(1200000) == "1.200.000 đồng"
    assert "Phí thẩm định: 1.200.000 đồng /hồ sơ" in answer(_proc(), Part.fees).text


def test_unknown_facts_are_said_unknown_with_portal_link():
    proc = _proc(
        documents=[],
        fees={"status": "unknown"},
        processing_time={"status": "unknown"},
        online_level="unknown",
        channels=["trực tiếp"],
    )
    for part in (Part.documents, Part.fees, Part.time, Part.online):
        text = answer(proc, part).text
        assert "chưa" in text
        assert proc.portal_url in text
    assert "không thể trả lời chắc chắn" in answer(proc, Part.fees).text
    assert "miễn phí" not in answer(proc, Part.fees).text.lower()


def test_no_fee_and_online_levels():
    assert "không thu phí, lệ phí" in answer(_proc(fees={"status": "none"}), Part.fees).text
    assert "toàn trình" in answer(_proc(), Part.online).text
    assert "một phần" in answer(_proc(online_level="một phần"), Part.online).text
    none = answer(_proc(online_level="không"), Part.online).text
    assert "chưa được cung cấp dưới dạng dịch vụ công trực tuyến" in none


def test_time_in_working_days():
    text = answer(_proc(), Part.time).text
    assert "10 ngày làm việc" in text
    assert "Cách ghi chính thức: 10 ngày làm việc kể từ ngày nhận đủ hồ sơ" in text


@pytest.fixture(scope="module")
def index_and_get(catalog):
    return ProcedureIndex(catalog), {p.code: p for p in catalog}.get


def test_follow_up_keeps_procedure(index_and_get):
    index, get = index_and_get
    first = answer_question(index, get, text="xin giấy phép bán lẻ rượu cần giấy tờ gì", part=Part.documents)
    assert first.status == "answered" and first.procedure.code == "2.000620"
    follow = answer_question(index, get, text="còn lệ phí thì sao?", part=Part.fees, current_code="2.000620")
    assert follow.procedure.code == "2.000620"
    assert "💰" in follow.reply.text


def test_naming_another_procedure_switches(index_and_get):
    index, get = index_and_get
    res = answer_question(
        index,
        get,
        text="còn cấp lại giấy phép bán lẻ thuốc lá thì sao",
        part=Part.fees,
        current_code="2.000620",
    )
    assert res.procedure.code == "2.000150"


def test_ambiguous_mention_offers_choices_with_part_payload(index_and_get):
    index, get = index_and_get
    res = answer_question(index, get, text="giấy phép thuốc lá", part=Part.fees, mention="giấy phép thuốc lá")
    assert res.status == "choose"
    assert len(res.candidates) >= 2
    assert all(b.payload.startswith('/ask_fee{"procedure_code":') for b in res.reply.buttons)


def test_out_of_scope_and_unknown(index_and_get):
    index, get = index_and_get
    res = answer_question(index, get, text="Làm hộ chiếu phổ thông ở đâu?", part=Part.where)
    assert res.status == "out_of_scope" and "Công an" in res.reply.text
    assert answer_question(index, get, text="thủ tục gì đó", part=Part.overview).status == "ask_procedure"
    assert "Tòa án" in out_of_scope_reply("thủ tục ly hôn")
    assert "dichvucong.gov.vn" in out_of_scope_reply("xyz")


def test_two_stage_fallback():
    first, count = fallback_reply(0)
    assert count == 1 and not first.buttons and "nói rõ hơn" in first.text
    second, count = fallback_reply(1)
    assert count == 0 and {b.payload for b in second.buttons} >= {"/request_human"}


def test_source_date_is_formatted():
    proc = _proc(
        source={
            "title": "T",
            "accessed": "2026-11-25",
            "decision": "01/QĐ-BCT",
            "decision_date": dt.date(2019, 8, 11),
        }
    )
    assert "01/QĐ-BCT, cập nhật 11/08/2019" in answer(proc, Part.overview).text


def test_an_answer_cites_the_source_of_the_asked_fact_and_the_main_source():
    decree = {
        "title": "Nghị định 105/2017/NĐ-CP về kinh doanh rượu",
        "url": "https://vbpl.vn/nd-105-2017",
        "accessed": "2026-12-01",
        "covers": ["documents"],
        "locator": "Điều 25",
    }
    p = _proc(other_sources=[decree])
    docs = answer(p, Part.documents).text
    assert "Nguồn: Nghị định 105/2017/NĐ-CP về kinh doanh rượu (Điều 25)" in docs
    assert "thông tin chung: Nguồn thử" in docs
    fees = answer(p, Part.fees).text  # not covered by the decree: the main source only
    assert "Nguồn: Nguồn thử" in fees and "105/2017/NĐ-CP về kinh doanh rượu (Điều 25)" not in fees


def test_a_supplementary_source_must_say_which_facts_it_gives():
    with pytest.raises(ValueError):
        _proc(other_sources=[{"title": "Nghị định", "accessed": "2026-12-01", "covers": []}])
    with pytest.raises(ValueError):
        _proc(other_sources=[{"title": "Nghị định", "accessed": "2026-12-01", "covers": ["price"]}])


def test_online_level_none_is_not_contradicted_by_the_channels():
    plain = answer(_proc(online_level="không", channels=["trực tiếp", "bưu chính công ích"]), Part.online).text
    assert "chưa được cung cấp dưới dạng dịch vụ công trực tuyến" in plain
    assert "trực tiếp, bưu chính công ích" in plain and "vẫn ghi" not in plain
    listed = answer(_proc(online_level="không", channels=["trực tiếp", "trực tuyến"]), Part.online).text
    assert "nộp hồ sơ theo cách: trực tiếp." in listed and "vẫn ghi có hình thức nộp trực tuyến" in listed
