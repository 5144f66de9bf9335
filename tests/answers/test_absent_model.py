"""The learned veto of the rules' "not in my list" (bot/answers/absent_model.py and its weights)."""

import json

import pytest

from bot.answers.absent import is_absent
from bot.answers.absent_model import FEATURES, MODEL_FILE, certain_absent, features, fit, from_json
from bot.answers.compose import Part
from bot.answers.service import answer_question
from bot.search.elsewhere import default_index
from bot.search.resolver import ProcedureIndex


@pytest.fixture(scope="module")
def setup(catalog):
    procs = [p for p in catalog if p.status == "active"]
    index = ProcedureIndex(procs)
    return index, {p.code: p for p in procs}.get, default_index(index)


def test_the_weights_file_matches_the_features():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    model = from_json(data)
    assert len(model.weights) == len(FEATURES) and 0 < model.threshold < 1
    with pytest.raises(ValueError):
        from_json({**data, "features": data["features"][:-1]})


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Công ty tui cho nhân viên đi bán hàng tận nhà dân, nghe nói phải báo cho Sở biết, vậy báo ở đâu nè?",
            "2.002620",
        ),
        ("xin giấy phép bán lẻ rượu có bắt buộc phải có hợp đồng với bên phân phối rượu không ạ", "2.000620"),
    ],
)
def test_a_held_procedure_the_rules_thought_absent_gets_a_list_with_it(setup, text, code):
    index, get, elsewhere = setup
    assert is_absent(index.resolve(text), False)  # what the rules alone said
    res = answer_question(index, get, text=text, part=Part.where, elsewhere=elsewhere)
    assert res.status == "choose" and code in res.offered


@pytest.mark.parametrize("text", ["giấy phép kinh doanh karaoke cần gì", "đăng ký hộ kinh doanh cần giấy tờ gì"])
def test_what_is_not_held_is_still_said_so(setup, text):
    index, get, elsewhere = setup
    res = answer_question(index, get, text=text, part=Part.documents, elsewhere=elsewhere)
    assert res.status == "not_in_catalogue" and res.procedure is None


def test_certainties_need_no_model(setup):
    index, _, _ = setup
    assert certain_absent(index.resolve("giấy phép kinh doanh karaoke"))
    assert not certain_absent(index.resolve("giấy phép bán lẻ rượu"))


def test_fit_learns_a_separable_rule(setup):
    index, _, elsewhere = setup
    held = features(index, elsewhere, "giấy phép bán lẻ rượu")
    away = features(index, elsewhere, "giấy phép kinh doanh karaoke")
    model = fit([(held, 0)] * 5 + [(away, 1)] * 5, epochs=200, rate=0.5)
    assert model.absent(away) and not model.absent(held)


def test_a_short_question_naming_another_thing_is_not_answered_with_its_neighbour(setup):
    """Only liquor's first issue is held: its re-issue is not in the list, and the tobacco licence's re-issue
    (which matches every other word) is never the answer."""
    index, get, elsewhere = setup
    res = answer_question(
        index, get, text="cấp lại giấy phép bán lẻ rượu bị mất cần giấy tờ gì", part=Part.documents, elsewhere=elsewhere
    )
    assert res.status == "not_in_catalogue" and res.procedure is None
