import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.text.normalize import fold
from bot.text.tokenize import tokenize

WORDS = st.sampled_from(
    [
        "giấy",
        "phép",
        "bán",
        "lẻ",
        "rượu",
        "hoà",
        "hòa",
        "thuỷ",
        "điện",
        "mặt",
        "trời",
        "gp",
        "ko",
        "?",
        "!!",
        "123",
        "Sở",
        "Công",
        "Thương",
        "LPG",
        "😀",
        "xin",
        "hồ",
        "sơ",
    ]
)
SEPARATORS = st.sampled_from([" ", "  ", "\t", "\n", ", "])


@st.composite
def messages(draw):
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    seps = draw(st.lists(SEPARATORS, min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, seps, strict=True))
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text


def test_multi_syllable_words_keep_original_offsets():
    text = "Xin  giấy phép bán lẻ rượu cần giấy tờ gì?"
    tokens = tokenize(text)
    assert [t.text for t in tokens][:4] == ["Xin", "giấy phép", "bán lẻ", "rượu"] or "giấy phép" in [
        t.text for t in tokens
    ]
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text


def test_empty_input_gives_no_tokens():
    assert tokenize("") == []
    assert tokenize("   \n") == []


@settings(max_examples=60, deadline=None)
@given(messages())
def test_offsets_point_into_the_original_text(text):
    tokens = tokenize(text)
    last_end = 0
    for tok in tokens:
        assert 0 <= tok.start < tok.end <= len(text)
        assert tok.start >= last_end
        assert text[tok.start : tok.end] == tok.text
        last_end = tok.end
    # every letter of the message is covered by some token
    covered = "".join(t.text for t in tokens)
    assert fold("".join(ch for ch in text if ch.isalnum())) == fold("".join(ch for ch in covered if ch.isalnum()))


def test_split_at_entity_boundaries():
    from bot.text.tokenize import split_at

    text = "giấy phép bán lẻ rượu cần giấy tờ gì"
    tokens = tokenize(text)
    end = text.index("rượu") + len("rượu")
    split = split_at(text, tokens, {0, end})
    assert any(t.end == end for t in split)
    assert any(t.start == end + 1 for t in split)
    for tok in split:
        assert text[tok.start : tok.end] == tok.text
