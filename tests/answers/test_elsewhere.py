"""Procedures another body handles: recognised, never answered, and never taken for ours.

The mechanism is tested with two hand-written entries (test data, not the reviewed list); the reviewed list itself
(procedures_catalog/elsewhere.yaml) is held against the catalogue in test_elsewhere_list.py.
"""

from __future__ import annotations

import pytest

from bot.answers.compose import Part
from bot.answers.service import answer_question
from bot.search.elsewhere import ElsewhereIndex, Entry
from bot.search.resolver import ProcedureIndex

ENTRIES = [
    Entry(
        name="Cấp Giấy chứng nhận xuất xứ hàng hóa ưu đãi (C/O mẫu D, E)",
        aliases=["C/O form D", "C/O form E", "C/O mẫu E"],
        agency="Bộ Công Thương",
        kind="ministry",
        source={"title": "Nghị định 31/2018/NĐ-CP (test data)"},
    ),
    Entry(
        name="Đăng ký hộ kinh doanh",
        aliases=["đăng ký hộ kinh doanh cá thể", "đkkd hộ cá thể"],
        agency="UBND cấp xã",
        kind="other_agency",
        source={"title": "Nghị định 168/2025/NĐ-CP (test data)"},
    ),
]


@pytest.fixture(scope="module")
def setup(catalog):
    return ProcedureIndex(catalog), {p.code: p for p in catalog}.get, ElsewhereIndex(ENTRIES, catalog)


def test_another_bodys_procedure_is_not_answered_with_a_neighbour(setup):
    index, get, elsewhere = setup
    res = answer_question(index, get, text="xin C/O form E mất bao lâu", part=Part.time, elsewhere=elsewhere)
    assert res.status == "not_in_catalogue" and res.procedure is None
    assert "do Bộ Công Thương giải quyết" in res.reply.text
    assert "Nghị định 31/2018" not in res.reply.text, "sources are for reviewers"
    assert not any(b.title.startswith("Thủ tục khác") for b in res.reply.buttons), "no neighbour offered"


def test_a_mention_of_another_bodys_procedure_counts_too(setup):
    index, get, elsewhere = setup
    res = answer_question(
        index, get, text="lệ phí bao nhiêu vậy", mention="đăng ký hộ kinh doanh", part=Part.fees, elsewhere=elsewhere
    )
    assert res.status == "not_in_catalogue" and "UBND cấp xã" in res.reply.text


def test_our_own_procedures_still_win(setup):
    index, get, elsewhere = setup
    res = answer_question(
        index, get, text="giấy phép bán lẻ rượu cần giấy tờ gì", part=Part.documents, elsewhere=elsewhere
    )
    assert res.status == "answered" and res.procedure.code == "2.000620"


def test_a_follow_up_naming_nothing_stays_on_the_current_procedure(setup):
    index, get, elsewhere = setup
    res = answer_question(
        index, get, text="thế còn lệ phí", part=Part.fees, current_code="2.000620", elsewhere=elsewhere
    )
    assert res.status == "answered" and res.procedure.code == "2.000620"


def test_an_empty_list_changes_nothing(setup, catalog):
    index, get, _ = setup
    empty = ElsewhereIndex([], catalog)
    res = answer_question(index, get, text="xin C/O form E mất bao lâu", part=Part.time, elsewhere=empty)
    assert res.status != "not_in_catalogue" or "Bộ Công Thương" not in res.reply.text
