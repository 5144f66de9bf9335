"""What a short message names (rượu, xăng dầu, hóa chất) outweighs the form words it shares with other names."""

import pytest

from bot.search.resolver import ProcedureIndex


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("giấy phép kinh doanh rượu", "rượu"),
        ("cho hỏi xin giấy phép kinh doanh rượu thì cần những giấy tờ gì ạ", "rượu"),
        ("giấy phép kinh doanh thuốc lá", "thuốc lá"),
    ],
)
def test_the_named_thing_leads_over_shared_form_words(catalog, text, word):
    names = [c.name.lower() for c in ProcedureIndex(catalog).resolve(text).candidates[:3]]
    assert names and all(word in n for n in names), names


def test_a_story_is_not_judged_by_every_word_it_names_in_passing(catalog):
    text = (
        "Dạ em chào ad. Em đọc trên mạng mỗi trang nói một kiểu nên nhắn hỏi thẳng ạ. "
        "Giấy phép bán lẻ rượu cần hồ sơ gì?"
    )
    assert ProcedureIndex(catalog).resolve(text).best.code == "2.000620"


def test_an_action_no_held_procedure_offers_is_said_to_be_missing(catalog):
    """The re-issue of the LPG cylinder shop certificate is not held (only its first issue is): not in the list."""
    from bot.answers.absent import is_absent, not_in_catalogue
    from bot.answers.compose import Part

    text = "cửa hàng gas nhà em bị mất giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai"
    res = ProcedureIndex(catalog).resolve(text)
    assert res.action_missing == "reissue" and is_absent(res, True)
    reply = not_in_catalogue("cấp lại giấy chứng nhận cửa hàng bán lẻ LPG chai", res, Part.documents)
    assert "không có trong danh mục" in reply.text
    assert any("2.001283" in b.payload and b.title.startswith("Thủ tục khác") for b in reply.buttons)


def test_an_action_that_is_held_is_not_missing(catalog):
    res = ProcedureIndex(catalog).resolve("cấp lại giấy phép bán buôn rượu")
    assert res.best.code == "2.000636" and res.action_missing is None
