"""Derive tests/nlu/devset.yaml (evaluate command cases) from tests/nlu/devset_base.yaml.

Variants: standard, no_diacritics, teencode_abbrev, typo, colloquial, long_story, english_mix.
long_story wraps the question in one of several openings and closings (who is asking, why, a polite ending);
small talk (greet, goodbye, thank, bot_challenge, chitchat) gets its own context lines so the wrapper adds no
question, greeting or thanks of its own. english_mix swaps the last question word (fee, how long, documents,
online, where, requirements...) and sometimes a term (apply, license, certificate) into English. Every choice is
deterministic: a hash of the case text picks it, so regenerating gives the same file.
Run: .venv/bin/python scripts/make_nlu_devset.py
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_devset import abbreviate, typo, write_cases  # noqa: E402

from bot.text.normalize import strip_diacritics  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "tests" / "nlu" / "devset_base.yaml"
OUT = ROOT / "tests" / "nlu" / "devset.yaml"

COLLOQUIAL = [("không", "hông"), ("vậy", "dzậy"), ("bao nhiêu", "nhiêu"), ("làm", "mần"), ("gì", "chi")]

# Question words, the part of a message that carries the intent; the one found last in the message is swapped
# (a question word ends a Vietnamese question, while e.g. "đủ điều kiện" early on is part of a procedure's name).
ENGLISH_CUES = [
    ("bao nhiêu tiền", "how much"),
    ("tốn bao nhiêu", "how much"),
    ("bao nhiêu ngày", "how many days"),
    ("bao nhiêu", "how much"),
    ("lệ phí", "fee"),
    ("mất phí", "tốn fee"),
    ("mất bao lâu", "how long"),
    ("mất mấy ngày", "how long"),
    ("bao lâu", "how long"),
    ("mấy ngày", "how many days"),
    ("giấy tờ", "documents"),
    ("hồ sơ gồm", "documents gồm"),
    ("trực tuyến", "online"),
    ("qua mạng", "online"),
    ("ở đâu", "where"),
    ("điều kiện", "requirements"),
    ("căn cứ pháp lý", "legal basis"),
    ("nghị định", "decree"),
    ("thông tư", "circular"),
    ("quy định nào", "regulation nào"),
    ("thủ tục", "procedure"),
    ("làm thế nào", "how"),
    ("thế nào", "how"),
    ("ra sao", "how"),
    ("làm sao", "how"),
    ("hướng dẫn", "guide"),
    ("tra cứu", "check"),
    ("kiểm tra", "check"),
    ("kết quả", "result"),
    ("phản ánh", "feedback"),
    ("kiến nghị", "feedback"),
    ("góp ý", "feedback"),
    ("khiếu nại", "complain"),
    ("người thật", "real person"),
    ("tư vấn viên", "support staff"),
    ("nhân viên", "staff"),
    ("cán bộ", "staff"),
    ("trả lời tự động", "auto-reply"),
    ("người hay bot", "human hay bot"),
    ("là máy", "là robot"),
    ("cảm ơn", "thanks"),
    ("hữu ích", "useful"),
    ("tạm biệt", "bye"),
    ("hẹn dịp khác", "see you"),
    ("chào buổi sáng", "good morning"),
    ("xin chào", "hello"),
    ("chào bạn", "hi bạn"),
    ("chào nhé", "bye nhé"),
    ("chuyện cười", "joke"),
    ("trời nóng", "trời hot"),
    ("vui", "happy"),
]
# Domain terms; one of them (picked by the seed) is swapped in too for about two cases in three.
ENGLISH_TERMS = [
    ("xin giấy phép", "apply license"),
    ("xin cấp", "apply"),
    ("giấy phép", "license"),
    ("giấy chứng nhận", "certificate"),
    ("nộp hồ sơ", "submit hồ sơ"),
    ("khuyến mại", "promotion"),
    ("cửa hàng", "shop"),
    ("siêu thị", "supermarket"),
    ("công ty", "company"),
    ("xuất nhập khẩu", "import export"),
    ("nhập khẩu", "import"),
    ("xuất khẩu", "export"),
    ("điện mặt trời", "solar"),
    ("hội chợ", "hội chợ expo"),
    ("văn phòng đại diện", "rep office"),
    ("đại lý", "agent"),
    ("hộ chiếu", "passport"),
    ("bằng lái", "driving license"),
    ("thuế thu nhập cá nhân", "thuế TNCN (personal income tax)"),
]
ENGLISH_TAILS = (" pls", " please", " thanks", " asap", " ok?")

STORY_OPENINGS = (
    "Chào anh chị, tôi ở xã bên, đang tính chuyện làm ăn nên muốn hỏi cho chắc: ",
    "Dạ em chào ad. Em đọc trên mạng mỗi trang nói một kiểu nên nhắn hỏi thẳng ạ. ",
    "Nhà tôi ở dưới xã, lên tỉnh cũng xa nên hỏi qua đây cho đỡ mất công. ",
    "Mình mới được giao lo giấy tờ ở công ty, chưa rành lắm. ",
    "Hôm trước tôi gọi điện lên hỏi nhưng máy bận suốt. ",
    "Xin lỗi làm phiền, con tôi chỉ cho cách nhắn vào đây. ",
    "Ad ơi, chuyện là vầy: ",
    "Tôi buôn bán nhỏ, tuổi cũng cao nên không rành máy móc, hỏi có gì sai thì bỏ qua. ",
)
STORY_CLOSINGS = (
    " Mong anh chị trả lời sớm giúp, tôi cảm ơn nhiều ạ.",
    " Ad trả lời giúp em với ạ.",
    " Mong được hướng dẫn cụ thể.",
    " Nhắn lại giúp mình nhé, mình đang cần gấp.",
    " Xin cảm ơn.",
    " Tôi chờ tin ạ.",
    " Chiều nay tôi vào xem lại tin nhắn.",
    " Làm phiền anh chị quá.",
)
SMALL_TALK = {"greet", "goodbye", "thank", "bot_challenge", "chitchat"}
SMALL_TALK_OPENINGS = (
    "Nãy giờ mình vừa dọn hàng vừa nhắn nên hơi chậm. ",
    "Mình nhắn bằng điện thoại của con nên gõ chậm lắm. ",
    "Trời mưa không ra tiệm được nên ngồi nhắn. ",
    "Đang nghỉ trưa nên tranh thủ nhắn. ",
    "Nhà mình ở dưới xã, lâu lâu mới lên mạng. ",
    "Mạng ở đây chập chờn lắm. ",
)
SMALL_TALK_CLOSINGS = (" 😊", " 🙏", "!!", " hihi", " nha", "")


def _seed(text: str) -> int:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16)


def _sub(text: str, pair: tuple[str, str]) -> str:
    return re.sub(rf"(?i)(?<!\w){re.escape(pair[0])}(?!\w)", pair[1], text)


def _swap(text: str, pairs: list[tuple[str, str]], fallback: str) -> str:
    out = text
    for pair in pairs:
        out = _sub(out, pair)
    return out if out != text else text.rstrip("?.!") + fallback


_NAME_PART = re.compile(r"(?i)đủ $")
_ASKS_CONDITIONS = re.compile(r"(?i)\s*(?:(?:gì|j|chưa|không|ko|là)(?!\w)|[?.!]|$)")


def _last_cue(text: str) -> tuple[str, str] | None:
    """The cue that ends last in the text (the longer one on a tie), or None.

    "đủ điều kiện" followed by more name ("giấy chứng nhận đủ điều kiện làm đại lý") is part of a procedure's
    name, not a question about conditions, so it does not count.
    """
    best: tuple[int, int, tuple[str, str]] | None = None
    for pair in ENGLISH_CUES:
        for m in re.finditer(rf"(?i)(?<!\w){re.escape(pair[0])}(?!\w)", text):
            in_name = _NAME_PART.search(text[: m.start()]) and not _ASKS_CONDITIONS.match(text, m.end())
            if pair[0] == "điều kiện" and in_name:
                continue
            key = (m.end(), len(pair[0]), pair)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else None


def english_mix(text: str) -> str:
    """Swap the last question word found and, for two seeds in three, one domain term (picked by the seed)."""
    seed = _seed(text)
    out = text
    cue = _last_cue(text)
    if cue:
        out = _sub(out, cue)
    if seed % 3:
        found = [pair for pair in ENGLISH_TERMS if _sub(out, pair) != out]
        terms = [pair for pair in found if not any(pair[0] in other[0] and pair != other for other in found)]
        if terms:
            out = _sub(out, terms[seed // 3 % len(terms)])
    return out if out != text else text + ENGLISH_TAILS[seed % len(ENGLISH_TAILS)]


def long_story(text: str, intent: str = "") -> str:
    """The case inside an opening and a closing picked by the text's hash; small talk gets neutral context."""
    seed = _seed(text)
    openings, closings = (
        (SMALL_TALK_OPENINGS, SMALL_TALK_CLOSINGS) if intent in SMALL_TALK else (STORY_OPENINGS, STORY_CLOSINGS)
    )
    body = text if intent in SMALL_TALK or text[-1:] in "?.!…" else text + "."
    return openings[seed % len(openings)] + body + closings[seed // len(openings) % len(closings)]


def variants(text: str, intent: str = "") -> dict[str, str]:
    return {
        "standard": text,
        "no_diacritics": strip_diacritics(text),
        "teencode_abbrev": abbreviate(text),
        "typo": typo(text),
        "colloquial": _swap(text, COLLOQUIAL, " dzậy ạ"),
        "long_story": long_story(text, intent),
        "english_mix": english_mix(text),
    }


def main() -> int:
    base = yaml.safe_load(BASE.read_text(encoding="utf-8"))["cases"]
    cases = []
    for case in base:
        for variant, text in variants(case["text"], case["intent"]).items():
            cases.append({"text": text, "intent": case["intent"], "procedure": case["procedure"], "variant": variant})
    write_cases(OUT, cases, "make_nlu_devset.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
