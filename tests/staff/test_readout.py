"""The read-out line of the copilot: the amount or time that applies and for whom, in one or two sentences."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.answers.compose import Locale, Part
from bot.catalog.province import load_profile
from bot.staff.readout import MAX_AMOUNTS, readout
from bot.staff.related import procedure_topics, topics_of


@pytest.fixture(scope="module")
def procs(catalog) -> dict:
    return {p.code: p for p in catalog}


HAI_PHONG_TODAY = Locale(province=load_profile("hai-phong"), today=dt.date(2026, 12, 7))


def test_a_fee_is_read_out_with_its_amounts_and_for_whom(procs):
    said = readout(procs["2.000620"], Part.fees, HAI_PHONG_TODAY)
    assert said.startswith("Dạ, thủ tục «Cấp Giấy phép bán lẻ rượu» có phí thẩm định")
    assert "1.200.000 đồng (tổ chức, doanh nghiệp)" in said and "400.000 đồng (hộ kinh doanh, cá nhân)" in said
    assert "Thông tư" not in said and "Cao Bằng" not in said  # caveats and sources stay in the details


def test_the_readout_gives_the_amount_in_force_for_the_configured_province_on_the_day(procs):
    """Hải Phòng is a centrally-run city: the full rate of Thông tư 168/2016/TT-BTC Điều 4 khoản 1, never the 50 %
    rate of «các khu vực khác» nor the reduction of Thông tư 64/2025/TT-BTC, which ended on 31/12/2025."""
    said = readout(procs["2.000620"], Part.fees, HAI_PHONG_TODAY)
    assert not re.search(r"(?<![\d.])(600|200)\.000", said) and "huyện" not in said
    during_reduction = Locale(province=load_profile("hai-phong"), today=dt.date(2025, 9, 1))
    said = readout(procs["2.000620"], Part.fees, during_reduction)
    assert "600.000 đồng (tổ chức, doanh nghiệp)" in said and "200.000 đồng (hộ kinh doanh, cá nhân)" in said
    assert "1.200.000" not in said


def test_a_unit_shared_by_every_amount_is_said_once_and_remarks_are_left_out(procs):
    said = readout(procs["2.000648"], Part.fees)
    assert said.count("điểm kinh doanh/lần thẩm định") == 1
    assert "(từ 01/7/2025" not in said and "chủ thể là" not in said


@pytest.mark.parametrize("part", list(Part))
def test_every_part_of_every_procedure_has_a_short_line(procs, part):
    for p in procs.values():
        said = readout(p, part)
        assert said and said.startswith("Dạ, ") and said.endswith((".", "?")), (p.code, part, said)
        amounts = said.count(" đồng")
        assert amounts <= MAX_AMOUNTS + 2, (p.code, said)  # overview: a range (2); fees: at most MAX_AMOUNTS
        assert said.count(". ") <= 1, (p.code, part, said)


def test_unknown_facts_are_said_to_be_unknown_never_free(procs):
    unknown = next(p for p in procs.values() if p.fees.status == "unknown")
    said = readout(unknown, Part.fees)
    assert "chưa có mức phí" in said and "không thu" not in said
    assert readout(None, Part.fees) is None


def test_topics_come_from_names_and_questions(procs):
    assert procedure_topics(procs["2.000620"]) == {"rượu"}
    assert procedure_topics(procs["2.001283"]) == {"khí"}
    assert "xăng dầu" in procedure_topics(procs["2.000648"])
    assert topics_of("lệ phí bán rượu bao nhiêu") == {"rượu"}
    assert topics_of("đáp ứng điều kiện gì") == set()
