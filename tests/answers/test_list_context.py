"""A typed answer to "which one?" is read with what the listed procedures share."""

from __future__ import annotations

import pytest

from bot.answers.compose import Part
from bot.answers.service import answer_question
from bot.search.resolver import ProcedureIndex

TOBACCO_LIST = ["2.000181", "2.000626", "1.001419"]  # retail, raw-material trading, duty-free import


@pytest.fixture(scope="module")
def index_and_get(catalog):
    active = [p for p in catalog if p.status == "active"]
    return ProcedureIndex(active), {p.code: p for p in active}.get


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("bán buôn, cấp mới ạ", "2.000190"),  # wholesale: not in the list, named with the list's "thuốc lá"
        ("bán lẻ", "2.000181"),  # in the list: picked as before
        ("cái thứ hai", "2.000626"),
    ],
)
def test_a_typed_answer_names_the_procedure_meant(index_and_get, typed, meant):
    index, get = index_and_get
    res = answer_question(index, get, text=typed, part=Part.documents, offered=TOBACCO_LIST)
    assert res.status == "answered" and res.procedure.code == meant


def test_an_answer_naming_nothing_gets_the_list_again(index_and_get):
    index, get = index_and_get
    res = answer_question(index, get, text="thôi không cần nữa", part=Part.documents, offered=TOBACCO_LIST)
    assert res.status != "answered"


FOOD_SAFETY_LIST = ["2.000591", "2.001293", "2.000117"]  # the Sở's certificate, then two of the Bộ's
EXTENSIONS = ["2.000327", "2.002607"]  # extension of a foreign trader's office licence, of a promotion body's


def test_word_pairs_tell_the_sos_option_from_the_bos(index_and_get):
    """«sở» alone is in every «cơ sở»; «do sở công thương» is only in the Sở's option."""
    index, get = index_and_get
    res = answer_question(
        index,
        get,
        text="cấp mới, cơ sở sx nhỏ thôi do sở công thương cấp",
        part=Part.documents,
        offered=FOOD_SAFETY_LIST,
    )
    assert res.status == "answered" and res.procedure.code == "2.000591"


def test_the_lists_action_stands_when_the_answer_names_none(index_and_get):
    """The answer matches the licence's first issue best, but the list was of extensions."""
    index, get = index_and_get
    res = answer_question(
        index, get, text="vpđd của thương nhân nước ngoài, cty mẹ bên Đài Loan", part=Part.time, offered=EXTENSIONS
    )
    assert res.status == "answered" and res.procedure.code == "2.000327"


def test_where_is_not_the_first_option(index_and_get):
    """«ở đâu» folds like «đầu» (first): asked of a list, it picks nothing."""
    index, get = index_and_get
    res = answer_question(index, get, text="nộp ở đâu", part=Part.where, offered=EXTENSIONS)
    assert res.status != "answered"
    first = answer_question(index, get, text="cái đầu", part=Part.where, offered=EXTENSIONS)
    assert first.procedure is not None and first.procedure.code == "2.000327"


def test_a_follow_up_of_corrected_words_only_keeps_the_topic(index_and_get):
    """«luon» (luôn) is corrected to «luong» of «lực lượng»: a word the citizen never typed names nothing."""
    index, get = index_and_get
    res = answer_question(index, get, text="lam online luon dc ko", part=Part.online, current_code="2.000243")
    assert res.procedure is not None and res.procedure.code == "2.000243"
    assert not index.resolve("lam online luon dc ko").confident


def test_a_branch_typed_without_diacritics_is_a_branch(index_and_get):
    index, _ = index_and_get
    res = index.resolve("cong ty me o Han Quoc muon lap chi nhanh o Hai Phong thi xin giay phep the nao")
    assert res.best is not None and res.best.code == "1.000376"


def test_time_asked_of_a_list_is_not_its_extension(index_and_get):
    """«Thời hạn» (how long) shares «hạn» with «Gia hạn» (extension) only by folding."""
    index, get = index_and_get
    res = answer_question(index, get, text="Thời hạn", part=Part.time, offered=["1.000376", "1.000358"])
    assert res.procedure is None or res.procedure.code != "1.000358"


def test_a_mention_of_only_the_kind_of_paper_keeps_the_topic(index_and_get):
    """«giấy phép» names no licence: the follow-up stays about the retail electricity licence."""
    index, get = index_and_get
    res = answer_question(
        index, get, text="bao lâu thì có giấy phép", part=Part.time, mention="giấy phép", current_code="1.013416"
    )
    assert res.procedure is not None and res.procedure.code == "1.013416"


def test_then_is_not_a_card(index_and_get):
    """«thế» (then) folds like «thẻ» (card): «thế còn cấp lại thì sao» asks for the current licence's re-issue."""
    index, get = index_and_get
    res = answer_question(index, get, text="thế còn cấp lại thì sao", part=Part.overview, current_code="2.000181")
    assert res.procedure is not None and "thuốc lá" in res.procedure.name and res.procedure.name.startswith("Cấp lại")
