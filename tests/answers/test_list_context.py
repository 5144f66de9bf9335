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
