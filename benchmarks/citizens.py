"""Scripted citizens for the load benchmark: realistic multi-turn Vietnamese conversations, seeded.

A conversation greets, asks a procedure's documents, follows up on fee / time / online / where to submit,
sometimes names a procedure vaguely and then presses one of the buttons the bot offers, sometimes types
without diacritics or with abbreviations, and thanks. `None` in a script means "press a button the bot
just offered" (the payload is taken from the previous reply, as a real widget would).
"""

from __future__ import annotations

import random

# (with diacritics, without diacritics / abbreviated) mentions of procedures in the catalogue
MENTIONS: list[tuple[str, str]] = [
    ("giấy phép bán lẻ rượu", "gp ban le ruou"),
    ("cửa hàng bán lẻ xăng dầu", "cua hang xang dau"),
    ("thẻ an toàn điện", "the an toan dien"),
    ("giấy phép bán lẻ thuốc lá", "gp ban le thuoc la"),
    ("điện mặt trời mái nhà", "dien mat troi mai nha"),
    ("cấp lại giấy chứng nhận trạm nạp LPG vào chai", "cap lai gcn tram nap lpg vao chai"),
    ("đăng ký khuyến mại may rủi", "dang ky khuyen mai may rui"),
    ("chứng chỉ kiểm định viên", "chung chi kiem dinh vien"),
    ("giấy phép sản xuất rượu thủ công", "gp sx ruou thu cong"),
    ("hội nghị bán hàng đa cấp", "hoi nghi ban hang da cap"),
]
# vague mentions the bot should answer with a choice of procedures (buttons)
VAGUE = ["giấy phép rượu", "LPG", "thuốc lá", "điện mặt trời", "gcn lpg", "kiem dinh vien"]

GREETINGS = ["xin chào", "chào bạn", "chào ad ạ", "alo", "chao ban", "hello"]
DOCUMENTS = [
    "xin {m} cần những giấy tờ gì?",
    "cho mình hỏi hồ sơ {m} gồm những gì",
    "{m} can hs j",
    "thủ tục {m} chuẩn bị giấy tờ gì ạ",
]
FOLLOW_UPS = {
    "fee": ["lệ phí bao nhiêu?", "phí bao nhiêu tiền vậy", "le phi bn", "có mất phí không ạ"],
    "time": ["bao lâu thì có kết quả?", "mất mấy ngày", "bao lau co kq", "thời hạn giải quyết là bao lâu"],
    "online": ["nộp online được không?", "có nộp qua mạng được ko", "nop truc tuyen dc k"],
    "where": ["nộp hồ sơ ở đâu?", "nop o dau vay", "nộp tại đâu ạ"],
}
THANKS = ["cảm ơn nhé", "cảm ơn bạn", "thanks ad", "cam on", "ok cảm ơn, tạm biệt"]


def conversation(rng: random.Random) -> list[str | None]:
    """One citizen's conversation; None marks a button press on the previous reply."""
    with_marks, plain = rng.choice(MENTIONS)
    no_marks = rng.random() < 0.3
    mention = plain if no_marks else with_marks
    turns: list[str | None] = []
    if rng.random() < 0.8:
        turns.append(rng.choice(GREETINGS))
    if rng.random() < 0.25:
        turns.append(f"cho hỏi về {rng.choice(VAGUE)}")
        turns.append(None)
    turns.append(rng.choice(DOCUMENTS).format(m=mention))
    for topic in rng.sample(list(FOLLOW_UPS), k=rng.randint(1, 3)):
        turns.append(rng.choice(FOLLOW_UPS[topic]))
    turns.append(rng.choice(THANKS))
    return turns
