"""Knowing what the catalogue does not hold.

When a message names a procedure, licence or object that no catalogue procedure matches well enough, the bot says
so plainly, offers the closest procedures only when they are really close (labelled as other procedures), and
points to the portal's search and the hotline. It never presents another procedure's facts as the answer.
"""

from __future__ import annotations

from urllib.parse import quote_plus

from bot.answers.compose import DEFAULT_LOCALE, PART_INTENTS, Button, Locale, Part, Reply
from bot.search.elsewhere import Entry
from bot.search.resolver import Resolution

ABSENT_SCORE = 0.45  # below this, a best candidate that is not a confident match is no match at all
MISSING_COVERAGE = 0.6  # a thing the best one lacks counts only when it also covers little of what was asked
CLOSE_SCORE = 0.55  # a neighbour worth offering as "another procedure"
MAX_PHRASE = 80
SHORT_QUESTION_WORDS = 10


def certain_absent(res: Resolution) -> bool:
    """The claims no learned veto overrules: the action asked is held for no procedure like the best one ("cấp lại"
    of a licence held only as its first issue); a short question names a thing the best one lacks and a runner-up
    has ("cấp lại giấy phép bán lẻ rượu" against the tobacco licence's re-issue; a story names things in passing);
    only the form words match ("giấy phép kinh doanh karaoke")."""
    short_naming_another = bool(res.missing_things) and len(res.normalized.split()) <= SHORT_QUESTION_WORDS
    return bool(res.action_missing or short_naming_another or (res.unknown_words and not res.object_hits))


def is_absent(res: Resolution, named: bool) -> bool:
    """The message names something (a mention, or words the catalogue knows) that no procedure matches."""
    if not res.normalized.strip():
        return False
    if res.best is None:
        return named or bool(res.unknown_words)
    if certain_absent(res):
        return True
    # "bán buôn thuốc lá" against "bán buôn rượu": a rare pair of another procedure's name that the best one lacks,
    # even a confident match, when a word of the pair is a thing the best one never names ("rượu"); other pairs are
    # the message's context ("có nhu cầu", "thành phố", "ở Kiến An")
    if res.missing_terms and res.coverage < MISSING_COVERAGE and (not res.confident or res.missing_things):
        return True
    # a weak match counts as absent only when the message names something: "bao giờ xong" names nothing
    names_something = named or bool(res.missing_terms or res.unknown_words or res.object_hits)
    return names_something and not res.confident and res.best.score < ABSENT_SCORE


def not_in_catalogue(
    phrase: str,
    res: Resolution | None,
    part: Part,
    loc: Locale | str = DEFAULT_LOCALE,
    elsewhere: Entry | None = None,
) -> Reply:
    """The honest "not in my list"; with `elsewhere`, the reference entry the message names and who handles it."""
    loc = loc if isinstance(loc, Locale) else Locale(department=loc or DEFAULT_LOCALE.department)
    shown = " ".join(phrase.split())[:MAX_PHRASE]
    keyword = elsewhere.name if elsewhere else shown
    search = f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html?keyword={quote_plus(keyword)}"
    lines = [
        f"Thủ tục anh/chị hỏi («{shown}») hiện không có trong danh mục thủ tục tôi được cung cấp, nên tôi không "
        "trả lời thay bằng thông tin của thủ tục khác.",
    ]
    if elsewhere is not None:
        # the entry is the closest one, not a certainty: said as a likely match, never as the answer
        lines.append(
            f"Nếu anh/chị hỏi về thủ tục «{elsewhere.name}»: theo thông tin tôi có, thủ tục này do "
            f"{elsewhere.agency} giải quyết."
        )
    lines.append(f"Anh/chị có thể tra cứu tại Cổng Dịch vụ công quốc gia: {search}")
    hotline = loc.province.hotline if loc.province else None
    where = f"gọi {hotline} hoặc " if hotline else ""
    lines.append(f"Hoặc {where}hỏi Bộ phận Một cửa của {loc.department} để được hướng dẫn.")
    # another body's procedure is no near-namesake of ours: no "other procedure" buttons then
    close = [c for c in res.candidates[:3] if c.score >= CLOSE_SCORE] if res is not None and not elsewhere else []
    buttons = [
        Button(
            ("Thủ tục khác: " + c.name)[:64],
            f'/{PART_INTENTS[part]}{{"procedure_code":"{c.code}"}}',
        )
        for c in close
    ]
    if buttons:
        lines.append("Một số thủ tục khác có tên gần giống (bấm nếu đúng là thủ tục anh/chị cần):")
    buttons.append(Button("Gặp cán bộ", "/request_human"))
    return Reply("\n".join(lines), buttons)
