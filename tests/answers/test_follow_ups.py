"""Follow-ups that refer back: to a procedure discussed before, or to one the bot said it does not hold."""

import pytest

from bot.answers.compose import Part
from bot.answers.service import answer_question
from bot.search.elsewhere import default_index
from bot.search.resolver import ProcedureIndex


@pytest.fixture(scope="module")
def setup(catalog):
    procs = [p for p in catalog if p.status == "active"]
    index = ProcedureIndex(procs)
    return index, {p.code: p for p in procs}.get, default_index(index)


@pytest.mark.parametrize(
    ("text", "recent", "expected"),
    [
        ("quay lại cái rượu, phí bao nhiêu", ["2.000190", "2.001624"], "2.001624"),
        ("hồ sơ của cái LPG lúc nãy", ["2.000354", "2.000142"], "2.000142"),
        ("cái hóa chất kia thì nộp ở đâu", ["2.001434", "2.001547"], "2.001547"),
        ("quay lại văn phòng đại diện, lệ phí bao nhiêu", ["1.000358", "2.000327", "2.000063"], "2.000327"),
    ],
)
def test_a_return_cue_goes_back_to_the_procedure_discussed(setup, text, recent, expected):
    index, get, elsewhere = setup
    res = answer_question(
        index, get, text=text, part=Part.fees, current_code=recent[0], recent=recent, elsewhere=elsewhere
    )
    assert res.status == "answered" and res.procedure.code == expected


def test_without_a_return_cue_a_new_procedure_is_a_new_topic(setup):
    index, get, elsewhere = setup
    res = answer_question(
        index,
        get,
        text="còn xin mới giấy phép bán buôn thuốc lá thì sao",
        part=Part.documents,
        current_code="2.001624",
        recent=["2.001624"],
        elsewhere=elsewhere,
    )
    assert res.procedure is not None and res.procedure.code == "2.000190"


def test_a_follow_up_after_not_in_my_list_is_still_about_it(setup):
    index, get, elsewhere = setup
    first = answer_question(
        index, get, text="giấy phép kinh doanh karaoke cần gì", part=Part.documents, elsewhere=elsewhere
    )
    assert first.status == "not_in_catalogue" and first.absent_phrase
    follow = answer_question(
        index, get, text="vậy nộp ở đâu", part=Part.where, elsewhere=elsewhere, absent_phrase=first.absent_phrase
    )
    assert follow.status == "not_in_catalogue" and follow.procedure is None
    assert "karaoke" in follow.reply.text
    # naming a held procedure leaves it
    other = answer_question(
        index,
        get,
        text="thế giấy phép bán lẻ rượu thì nộp ở đâu",
        part=Part.where,
        elsewhere=elsewhere,
        absent_phrase=first.absent_phrase,
    )
    assert other.status == "answered" and other.procedure.code == "2.000620"


def test_what_the_message_rules_out_is_not_picked(setup):
    index, get, elsewhere = setup
    res = index.resolve("giấy phép bán lẻ rượu, không phải bán buôn")
    assert res.best.code == "2.000620"
    # "cấp mới" about a first issue already discussed stays on it; "không sản xuất" rules out the sibling
    follow = answer_question(
        index,
        get,
        text="cấp mới, chỉ kinh doanh thôi không sản xuất",
        part=Part.overview,
        current_code="1.012438",
        recent=["1.012438"],
        elsewhere=elsewhere,
    )
    assert follow.status == "answered" and follow.procedure.code == "1.012438"


def test_a_negation_that_rules_nothing_out_changes_nothing(setup):
    index, _, _ = setup
    assert index.resolve("cửa hàng không đủ điều kiện bán lẻ xăng dầu thì sao").best.code == "2.000648"
