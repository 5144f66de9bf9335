"""Fees in force today (issue 19, point 5): citizens get the rows in force for the configured province on the
day, with their legal basis; expired rows and other areas' rates stay in the staff views, marked as such."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.answers.compose import Locale, Part, answer, fee_state_label
from bot.catalog.province import load_profile
from bot.catalog.schema import Procedure

TODAY = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def hai_phong() -> Locale:
    return Locale(department="Sở Công Thương thành phố Hải Phòng", province=load_profile("hai-phong"), today=TODAY)


@pytest.fixture(scope="module")
def procs(catalog) -> dict[str, Procedure]:
    return {p.code: p for p in catalog}


def _commune_only(p: Procedure) -> bool:
    return "xã" in p.levels and "tỉnh" not in p.levels


def test_a_commune_level_fee_answer_has_no_district_rate(procs, hai_phong):
    text = answer(procs["2.000620"], Part.fees, hai_phong).text  # rượu retail licence, the commune's since 7/2025
    assert "huyện" not in text.lower()
    assert "Phí thẩm định: 1.200.000 đồng" in text and "400.000 đồng" in text
    assert not re.search(r"(?<![\d.])(600|200)\.000", text)  # «các khu vực khác» is not Hải Phòng's rate
    assert "Thông tư 168/2016/TT-BTC" in text and "Hải Phòng" in text


def test_no_commune_level_procedure_tells_a_citizen_a_district_rate(procs, hai_phong):
    for p in procs.values():
        if _commune_only(p) and p.status == "active":
            assert "huyện" not in answer(p, Part.fees, hai_phong).text.lower(), p.code


def _with_history() -> Procedure:
    return Procedure.model_validate(
        {
            "code": "9.999001",
            "name": "Thủ tục thử",
            "field": "Lưu thông hàng hóa trong nước",
            "levels": ["tỉnh"],
            "processing_time": {"status": "unknown"},
            "online_level": "unknown",
            "last_reviewed": "2026-12-07",
            "source": {"title": "Nguồn thử", "accessed": "2026-12-07"},
            "fees": {
                "status": "known",
                "items": [
                    {
                        "kind": "Phí thẩm định",
                        "amount_vnd": 600000,
                        "per": "lần thẩm định",
                        "valid_from": "2025-07-01",
                        "valid_until": "2025-12-31",
                        "legal_basis": "Thông tư 64/2025/TT-BTC Điều 1",
                        "applies_to": "centrally_run_city",
                        "source": "trích báo",
                    },
                    {
                        "kind": "Phí thẩm định",
                        "amount_vnd": 1200000,
                        "per": "lần thẩm định",
                        "valid_from": "2026-01-01",
                        "legal_basis": "Thông tư 168/2016/TT-BTC Điều 4 khoản 1",
                        "applies_to": "centrally_run_city",
                    },
                    {
                        "kind": "Phí thẩm định",
                        "amount_vnd": 300000,
                        "per": "lần thẩm định",
                        "legal_basis": "Thông tư 168/2016/TT-BTC Điều 4 khoản 2",
                        "applies_to": "province",
                    },
                ],
            },
        }
    )


def test_a_row_past_its_valid_until_is_not_told_to_citizens_but_stays_in_the_staff_view(hai_phong):
    from bot.staff.web import templates

    p = _with_history()
    text = answer(p, Part.fees, hai_phong).text
    assert "1.200.000 đồng" in text and "600.000" not in text and "300.000" not in text
    assert "64/2025" not in text  # the expired row's legal basis is not cited either
    assert "1.200.000 đồng" in answer(p, Part.overview, hai_phong).text
    assert "600.000" not in answer(p, Part.overview, hai_phong).text
    expired, current, other = p.fees.items
    assert fee_state_label(expired, hai_phong).startswith("lịch sử — hết hiệu lực sau ngày 31/12/2025")
    assert fee_state_label(current, hai_phong) is None
    assert "không áp dụng tại Hải Phòng" in fee_state_label(other, hai_phong)
    card = templates.get_template("_card.html").render(p=p)
    assert "600.000 đồng" in card and "lịch sử" in card and "300.000 đồng" in card  # staff see the history, marked


def test_on_a_day_of_the_reduction_the_reduced_rate_is_in_force():
    p = _with_history()
    then = Locale(province=load_profile("hai-phong"), today=dt.date(2025, 9, 1))
    text = answer(p, Part.fees, then).text
    assert "600.000 đồng" in text and "1.200.000" not in text and "31/12/2025" in text


def test_without_any_row_in_force_the_answer_says_so_rather_than_an_old_rate(hai_phong):
    p = _with_history()
    before = Locale(province=load_profile("hai-phong"), today=dt.date(2025, 1, 1))
    text = answer(p, Part.fees, before).text
    assert "chưa có mức phí, lệ phí đang áp dụng" in text and "đồng" not in text.split("\n\n")[0]
