import pytest

from bot.answers.compose import MAX_REPLY_CHARS, PART_INTENTS, Locale, Part, answer, paginate, source_line, vnd
from bot.answers.fallback import fallback_reply
from bot.answers.out_of_scope import out_of_scope_reply
from bot.answers.service import answer_question
from bot.catalog.province import ProvinceProfile
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


def test_every_answer_offers_other_parts_and_a_two_line_source():
    for part in Part:
        reply = answer(_proc(), part)
        footer = reply.text.rsplit("\n\n", 1)[1]
        assert footer.splitlines() == [
            "Căn cứ: 105/2017/NĐ-CP",
            "Tra cứu: https://dichvucong.gov.vn/dich-vu-cong-truc-tuyen/9.000001 (rà soát 25/11/2026)",
        ]
        assert "Nguồn thử" not in reply.text  # where a fact was read is for staff
        assert reply.buttons and all(b.payload.startswith("/ask_") for b in reply.buttons)
        assert all('"procedure_code":"9.000001"' in b.payload for b in reply.buttons)
        assert PART_INTENTS[part] not in [b.payload.split("{")[0][1:] for b in reply.buttons] or part == Part.overview


def test_a_long_part_is_paged_to_fit_a_phone_screen():
    items = [
        {"name": f"Giấy tờ số {i}: " + "bản kê khai chi tiết có xác nhận của cơ quan có thẩm quyền " * 2}
        for i in range(1, 15)
    ]
    proc = _proc(documents=[{"items": items}])
    first = answer(proc, Part.documents)
    assert len(first.text) <= MAX_REPLY_CHARS
    more = [b for b in first.buttons if b.title.startswith("Xem tiếp")]
    assert more and '"page":"2"' in more[0].payload
    pages = [first]
    page = 2
    while more:
        reply = answer(proc, Part.documents, page=page)
        assert len(reply.text) <= MAX_REPLY_CHARS
        pages.append(reply)
        more = [b for b in reply.buttons if b.title.startswith("Xem tiếp")]
        page += 1
    shown = "\n".join(r.text for r in pages)
    assert all(f"Giấy tờ số {i}:" in shown for i in range(1, 15))
    assert f"(trang {len(pages)}/{len(pages)})" in pages[-1].text


def test_paginate_cuts_a_long_paragraph_between_sentences():
    text = " ".join(f"Câu số {i} nói về một điều kiện cụ thể của thủ tục." for i in range(40))
    pages = paginate(text, 300)
    assert all(len(p) <= 300 for p in pages) and len(pages) > 3
    assert all(p.endswith(".") for p in pages)


def test_local_facts_come_only_from_the_configured_province():
    profile = ProvinceProfile(
        key="x",
        name="tỉnh Xanh",
        short_name="Xanh",
        department="Sở Công Thương tỉnh Xanh",
        service_centre={"name": "Trung tâm Phục vụ hành chính công tỉnh Xanh", "address": "1 Đường A"},
    )
    loc = Locale(department=profile.department, province=profile)
    other = {"title": "Trang tỉnh Đỏ", "accessed": "2026-12-01", "covers": ["online_level"], "province": "Đỏ"}
    proc = _proc(other_sources=[other])
    text = answer(proc, Part.online, loc).text
    assert "toàn trình" not in text and "chưa có thông tin của Xanh" in text
    mine = _proc(other_sources=[{**other, "province": "Xanh"}])
    assert "toàn trình" in answer(mine, Part.online, loc).text
    where = answer(proc, Part.where, loc).text
    assert "Trung tâm Phục vụ hành chính công tỉnh Xanh (1 Đường A)" in where
    commune = answer(_proc(levels=["xã"], agency="Ủy ban nhân dân cấp xã"), Part.where, loc).text
    assert "Bộ phận Một cửa của UBND xã, phường, đặc khu" in commune


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


def test_staff_source_line_keeps_the_provenance():
    decree = {
        "title": "Nghị định 105/2017/NĐ-CP về kinh doanh rượu",
        "url": "https://vbpl.vn/nd-105-2017",
        "accessed": "2026-12-01",
        "covers": ["documents"],
        "locator": "Điều 25",
    }
    p = _proc(other_sources=[decree])
    docs = source_line(p, Part.documents)
    assert "Nguồn: Nghị định 105/2017/NĐ-CP về kinh doanh rượu (Điều 25)" in docs
    assert "thông tin chung: Nguồn thử" in docs
    assert "Nguồn: Nguồn thử" in source_line(p, Part.fees)


def test_a_follow_up_naming_nothing_stays_on_the_procedure_discussed(index_and_get):
    index, get = index_and_get
    for text, part in (
        ("có mất tiền ko", Part.fees),  # "mất" of a cost, not the lost paper of a re-issue
        ("à cho hỏi thêm nộp online được không", Part.online),
        ("có phải nộp bản giấy ko hay online hết đc", Part.online),
    ):
        res = answer_question(index, get, text=text, part=part, current_code="2.000621")
        assert res.status == "answered" and res.procedure.code == "2.000621", text


def test_a_vague_mention_picks_the_procedure_discussed_lately(index_and_get):
    index, get = index_and_get
    vague = answer_question(index, get, text="giấy phép thuốc lá", part=Part.fees, mention="giấy phép thuốc lá")
    assert vague.status == "choose"
    discussed = vague.candidates[1][0]
    back = answer_question(
        index, get, text="quay lại giấy phép thuốc lá lúc nãy, lệ phí bao nhiêu", part=Part.fees,
        mention="giấy phép thuốc lá", recent=["2.000620", discussed],
    )  # fmt: skip
    assert back.status == "answered" and back.procedure.code == discussed


def test_an_asked_action_picks_the_sibling_or_says_it_is_not_held(index_and_get):
    index, get = index_and_get
    lost = answer_question(
        index,
        get,
        text="giấy phép bán buôn rượu bị mất xin cấp lại",
        part=Part.documents,
        mention="giấy phép bán buôn rượu",
    )
    assert lost.procedure.code == "2.000636"  # its re-issue
    missing = answer_question(
        index,
        get,
        text="Giấy phép bán lẻ rượu của tôi bị mất, xin cấp lại nộp ở đâu?",
        part=Part.where,
        mention="Giấy phép bán lẻ rượu",
    )
    assert missing.status == "not_in_catalogue" and "Cấp lại" in missing.reply.text
    assert "thuốc lá" not in missing.reply.text.split("\n")[0]  # never another licence's re-issue


def test_a_sibling_is_the_same_licence_not_one_whose_name_contains_it(index_and_get):
    index, _ = index_and_get
    assert index.sibling("2.000620", "reissue") is None  # bán lẻ rượu: not the tobacco re-issue
    assert index.sibling("2.001624", "reissue") == "2.000636"


def test_a_sibling_is_found_by_an_alias_that_is_its_name(index_and_get):
    index, get = index_and_get
    # "Huấn luyện và cấp mới thẻ an toàn điện" is also "cấp thẻ an toàn điện", re-issued as "Cấp lại thẻ an toàn điện"
    assert index.sibling("2.000621", "reissue") == "2.000643"
    lost = answer_question(
        index, get, text="e bị mất thẻ, cần cấp lại", part=Part.where, current_code="2.000621"
    )  # fmt: skip
    assert lost.status == "answered" and lost.procedure.code == "2.000643"
    # an alias close to another licence's name is no sibling: Bảng 2/3 chemicals do not lead to Bảng 1
    assert index.sibling("1.012432", "reissue") is None
