import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bot.text import canonical, expand_abbreviations, fold, fold_expanded, strip_diacritics
from bot.text.normalize import tone_marks_of

VIETNAMESE = st.text(
    alphabet=st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxy AĂÂĐÊÔƠƯ.,?!0123456789")
        + ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u00a0", "\t"]
    ),
    max_size=60,
)


def test_both_tone_placements_fold_and_canonicalise_the_same():
    assert canonical("hoà") == canonical("hòa") == "hòa"
    assert canonical("Thuỷ điện") == "Thủy điện"
    assert canonical("khoẻ") == "khỏe"
    assert canonical("quý") == "quý"  # u belongs to "qu": tone stays on y
    assert canonical("hoàn") == "hoàn"  # followed by a consonant: placement is the same in both styles
    assert fold("Hoà Bình") == fold("Hòa Bình") == "hoa binh"


def test_nfd_input_is_composed():
    nfd = unicodedata.normalize("NFD", "Giấy phép bán lẻ rượu")
    assert canonical(nfd) == "Giấy phép bán lẻ rượu"
    assert fold(nfd) == "giay phep ban le ruou"


def test_strip_diacritics_handles_d_stroke():
    assert strip_diacritics("Đăng ký đủ điều kiện") == "Dang ky du dieu kien"


def test_enough_conditions_is_not_registration():
    assert expand_abbreviations("cấp lại gcn đủ đk sx") == "cấp lại giấy chứng nhận đủ điều kiện sản xuất"
    assert expand_abbreviations("cần dk gì") == "cần đăng ký gì"  # alone, «đk» stays «đăng ký»
    assert expand_abbreviations("tb khuyen mai") == "thông báo khuyen mai"


def test_abbreviations_expand_whole_words_only():
    assert expand_abbreviations("xin gp bán lẻ rượu cần hs j, ko dc ak") == (
        "xin giấy phép bán lẻ rượu cần hồ sơ gì, không được à"
    )
    assert expand_abbreviations("gpkd của tôi") == "giấy phép kinh doanh của tôi"
    assert expand_abbreviations("gps") == "gps"
    assert fold_expanded("thủ tục ATTP") == "thu tuc an toan thuc pham"
    assert "khi dau mo hoa long" in fold_expanded("cửa hàng lpg")


@given(VIETNAMESE)
def test_canonical_and_fold_are_idempotent(text):
    assert canonical(canonical(text)) == canonical(text)
    assert fold(fold(text)) == fold(text)


@given(VIETNAMESE)
def test_canonical_keeps_letters_and_tone_marks(text):
    out = canonical(text)
    assert strip_diacritics(out) == strip_diacritics(unicodedata.normalize("NFC", text))
    assert sorted(tone_marks_of(out)) == sorted(tone_marks_of(text))
