"""Question cues: the words that say what a citizen asks, whatever the procedure and however long the message.

"lệ phí bao nhiêu" asks for the fee, "mất mấy ngày" for the time, "nộp ở đâu" for the place, in any sentence.
DIET learns most of this, but a long message with context ("chào anh chị, tôi ở xã bên, ... mong trả lời sớm")
or words it never saw can pull it to the wrong intent. These cues are matched on folded text (no diacritics,
abbreviations expanded), with name fragments removed, so a name like "Giấy chứng nhận đủ điều kiện
cửa hàng bán lẻ xăng dầu" does not read as a question about conditions. (The mention is not cut out: DIET's
entity can swallow the question, "... xăng dầu cần điều kiện".)

Standard library only (imported by the Rasa virtualenv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.text.abbreviations import fold_expanded
from bot.text.normalize import canonical, fold
from bot.text.scope import in_scope, one_swap_apart, out_of_scope_topic

# "đâu" folds like "dầu" and "đầu": not in "xăng dầu", "dầu mỏ", "đầu tư", "bắt đầu", "đầu mối", "ban đầu"
_WHERE_DAU = r"(?<!xang )(?<!bat )(?<!ban )dau(?! (mo|tu|tien|moi|noi|nhot|khi|an|vao|ra|ky))"


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(patterns) + r")(?![a-z0-9])")


# What is asked about a procedure: intent -> cue. Order matters only for reporting.
PART_CUES: dict[str, re.Pattern[str]] = {
    "ask_fee": _rx(
        r"le phi",
        r"phi tham dinh",
        r"(?<!kinh )phi(?! (thuong mai|nong nghiep|loi nhuan|chinh phu))",  # not "kinh phí", "phi thương mại"
        r"(bao nhieu|may|nhieu) tien",
        r"(ton|mat|het) (bao nhieu|nhieu|kem)(?! (ngay|thoi gian|gio|tuan|thang|lau))",
        r"(mat|thu|dong|nop|tra|ton) (phi|tien)",
        r"(ton|mat|het) (dong|xu) nao",
        r"chi phi",
        r"fees?",
        r"how much",
        r"mien phi",
        r"cost",
        r"gia bao nhieu",
    ),
    "ask_processing_time": _rx(
        r"bao lau",
        r"may ngay",
        r"bao nhieu ngay",
        r"nhieu ngay",
        r"cho (nhieu|may) (ngay|bua|hom|tuan)",
        r"(mat|het|cho) (may|bao nhieu) (ngay|tuan|thang|gio)",
        r"thoi han giai quyet",
        r"thoi gian (giai quyet|xu ly|cap|lam|cho|tra ket qua)",
        r"how long",
        r"how many days",
        r"timeline",
        r"deadline",
        r"processing time",
        r"(khi nao|bao gio) (thi )?(co|xong|nhan|duoc|tra|lay)",
        r"ngay lam viec",
        r"cho (lau|bao lau)",
        r"lau (khong|ko|khong a)",
        r"nhanh (khong|nhat)",
    ),
    "ask_documents": _rx(
        r"giay to",
        r"thanh phan ho so",
        r"bo ho so",
        r"ho so (gom|bao gom|can|co nhung|co gi|gi|chi|nhung gi|the nao|nhu the nao|ra sao|co may)",
        r"can (chuan bi|mang|nop|co) (nhung )?(gi|chi|giay to|ho so)",
        r"chuan bi (nhung )?(gi|chi|giay to|ho so)",
        r"nop (nhung )?(gi|giay to gi)",
        r"can nhung (gi|chi)",
        r"(biet|hoi|xem|tim hieu) (ve )?(ho so|giay to|thanh phan ho so)(?! (cua|minh|toi|em))",
        r"(gom|bao gom) (nhung )?(gi|chi)",
        r"documents?",
        r"paperwork",
        r"mau (don|to khai)",
        r"(dem|mang|nop|can) (theo )?(nhung )?(giay|giay to|ho so|documents?) (gi|chi|nao)",
        r"checklist",
    ),
    "ask_online": _rx(
        r"online",
        r"truc tuyen",
        r"qua mang",
        r"(?<!doc )(?<!xem )(?<!tim )(?<!thay )(?<!noi )tren mang",  # not "đọc trên mạng"
        r"dich vu cong",
        r"dichvucong",
        r"toan trinh",
        r"(khong can|khoi) (len|den|toi|ra|di)",
        r"(den|len|toi) truc tiep",
        r"nop (tren|qua) (mang|cong|web|app|dien thoai|zalo|may tinh)",
    ),
    "ask_where_submit": _rx(
        r"o dau",
        r"tai dau",
        r"noi nao",
        r"cho nao",
        r"co quan nao",
        r"don vi nao",
        r"phong nao",
        r"ai (cap|giai quyet|xu ly|tiep nhan|phe duyet|duyet|tham dinh|xac nhan)",
        r"where",
        r"nop (cho|o|tai|den|len) (ai|dau|so|xa|huyen|phuong)",
        r"len (so|xa|huyen|phuong) hay",
        r"buu (dien|chinh)",
        r"dia chi (nop|nao|tiep nhan)",
        r"(den|toi|len|ve) dau",
        r"(agency|office|co quan|don vi|bo phan)( [a-z]+)? nao",
        r"which (agency|office|department)",
        r"(thong bao|bao|nop|gui|trinh|xin) (cho|toi|den|len|voi) ai",
        r"(uy ban|ubnd|xa|phuong|huyen|so)( cong thuong)? hay (phai )?(len |den |nop |ra )?"
        r"(so|uy ban|ubnd|xa|huyen|phuong|tinh|bo)",
    ),
    "ask_legal_basis": _rx(
        r"can cu( phap ly| phap luat)?",
        r"co so phap ly",
        r"(nghi dinh|thong tu|luat|van ban|quyet dinh|quy dinh|decree|regulation|law)"
        r" (nao|gi|chi|mo|so may|so bao nhieu)",
        r"dua (vao|vo|tren|theo) (quy dinh|van ban|luat|nghi dinh)",
        r"legal (basis|reference|ground)",
        r"theo (quy dinh|luat|van ban) nao",
        r"van ban phap luat",
        r"legal basis",
        r"dua tren (luat|van ban|nghi dinh|quy dinh) (nao|gi)",
        r"quy dinh (o|tai) (dau|van ban nao)",
        r"(van ban|nghi dinh|thong tu|luat|quyet dinh)( [a-z]+){0,2} (nao|gi|chi) (quy dinh|noi|ghi)",
        r"(van ban|co so|can cu) phap (ly|luat)",
        r"decrees?",
        r"(danh sach|list)( cac)? (van ban|nghi dinh|thong tu|luat|decree)",
    ),
    "ask_conditions": _rx(
        r"(?<!du )dieu kien",  # "đủ điều kiện" is part of certificate names ...
        r"du dieu kien (gi|chi|nao|nhung gi|the nao|ra sao|chua|khong)",  # ... unless it is asked about
        r"(moi|thi|de|se|co|la) du dieu kien",
        r"bat buoc",
        r"requirements?",
        r"ai (duoc|co the) (xin|lam|dang ky|cap)",
        r"yeu cau (gi|chi|nhung gi|the nao|ra sao)",
        r"(phai|can) (dap ung|co) (nhung )?(gi|chi|dieu kien)",
        r"dap ung (nhung )?(gi|chi)",
        r"tieu chuan",
        r"truong hop nao (thi )?(duoc|phai|can|moi)",
        r"(gi|chi|nao|the nao) (thi )?moi (duoc|du|co the)",
        r"bang cap",
        r"kinh nghiem (gi|chi|bao nhieu|may nam)",
    ),
    # the steps of a procedure ("gồm những bước nào") are the general how-to answer
    "ask_procedure": _rx(
        r"(nhung|cac|may) buoc", r"buoc nao", r"step by step", r"steps?", r"trinh tu", r"quy trinh",
    ),
}

# "How do I do it" when no particular part is asked.
HOW_CUE = _rx(
    r"(nhu )?the nao",
    r"nhu nao",
    r"ra sao",
    r"(lam|man) (sao|rang|the nao)",
    r"sao (vay|day|dzay|z|ta)",
    r"cach (lam|man|xin|dang ky|nop)",
    r"chi (giup|cach|dum|ho|dan)",
    r"chi (e|em|tui|toi|minh) (cach|thu tuc|voi|lam)",
    r"cach (nao|lam)",
    r"how to",
    r"how(?! (long|much|many))",
    r"process",
    r"huong dan",
    r"quy trinh",
    r"trinh tu",
    r"cac buoc",
    r"thu tuc( hanh chinh)? (gi|nao|chi)",
    r"(xin|can|phai co|lam) (loai |cai )?(giay phep|gp)( [a-z]+){0,2} (gi|nao|chi)",
    r"ra rang",
)

# one-stop codes as pasted, a slipped dash or a lost digit included ("000.00.18.H12-26110-30015")
DOSSIER_CODE = re.compile(r"\d{3}\s*\.\s*\d{2}\s*\.\s*\d{2}\s*\.\s*h\s*\d{1,2}\s*-?\s*\d[\d\s-]{7,13}\d")
COMPLAINT_CODE = re.compile(r"pakn[\s\d-]{5,}\d")
DOSSIER_STATUS = _rx(
    r"ho so (cua )?(toi|em|minh|chi|anh|cong ty|ben em|ben toi|tui|nha em|nha minh)\b.*?"
    r"(den dau|toi dau|xu ly|xong chua|o dau|buoc nao|the nao roi|ra sao roi|duoc chua|ket qua chua|tre|cham|qua han)",
    r"(tra cuu|kiem tra|xem|check) (giup |ho |dum )?(tinh trang |tien do |ket qua )?(ho so|hs)",
    r"(tinh trang|tien do) (giai quyet )?ho so",
    r"(ma|so) (ho so|hs)\W{0,3}\d{3}",
    r"(ho so|documents?|dossier|application) .{0,60}?"
    r"(den dau roi|toi dau roi|xong chua|o buoc nao|den buoc nao|toi buoc nao|dang o dau)",
)
COMPLAINT_STATUS = _rx(
    r"(phan anh|kien nghi|khieu nai|gop y|feedback|complaint)\b.{0,80}?"
    r"(tra loi chua|xu ly chua|den dau|toi dau|ket qua chua|giai quyet chua|tinh trang|phan hoi chua"
    r"|(coi|xem|doc) chua|co ai (coi|xem|xu ly)|update (gi )?chua"
    r"|(bao gio|khi nao) (thi )?(co|duoc|nhan)( duoc)? (tra loi|phan hoi|ket qua)|don vi nao giai quyet)",
    r"(tra cuu|kiem tra|xem) (tinh trang |ket qua )?(phan anh|kien nghi)",
)
# Someone filing a complaint: such a text is never re-read as a status or procedure question.
FILING = _rx(
    r"(muon|xin|can|cho toi|se|de nghi)( gui)? (phan anh|khieu nai|kien nghi|gop y|to cao|feedback|complain)",
    r"gui (phan anh|khieu nai|kien nghi|gop y|feedback) (giup|ho|dum|cho|toi|len)",
    r"^(phan anh|khieu nai|kien nghi|gop y|to cao)( ve viec| viec)?\s*:",
    r"^(complain|feedback)\b",
    r"buc xuc",
    r"(muon|xin|can|se) (bao|to giac|trinh bao) (len |cho |voi |toi |den ){1,2}"
    r"(so|co quan|can bo|ben|cac anh|may anh)",
    r"(muon|xin|can|de)( gui)? pakn(?![\s\d-]{5,})",
    r"file (a )?complaint", r"complain (ve|about)",
)
COMPLAINT_WORDS = _rx(
    r"phan anh", r"khieu nai", r"kien nghi", r"gop y", r"to cao", r"thai do", r"nhung nhieu", r"gay kho de",
    r"hach dich", r"vo trach nhiem", r"cham tre", r"tre hen", r"qua han", r"hen di hen lai", r"khong (ai )?tra loi",
    r"(sai|khong dung|cao hon|trai) quy dinh", r"bat (nop|len|bo sung)", r"yeu cau nop them",
    r"hang (gia|nhai|lau|kem chat luong)", r"khong ro nguon goc", r"gian lan", r"can gian",
    r"can thieu", r"pha (nuoc|tap chat)",  # not "cân điêu": it folds like "cần điều (chỉnh, kiện)"
)
# "Giấy chứng nhận (cửa hàng) đủ điều kiện ...": part of a procedure's name, not a question about conditions.
NAME_CONDITIONS = re.compile(r"(giay (chung|xac) nhan|chung nhan)( [a-z0-9/]+){0,6}? du dieu kien")

# Small talk that DIET can lose inside a long message; used only when nothing is asked about a procedure.
SMALL_TALK_CUES: dict[str, re.Pattern[str]] = {
    "request_human": _rx(
        r"(gap|sang|voi|cho gap|chuyen cho|chuyen sang) (mot )?nguoi (that|thiet)",
        r"connect", r"talk (truc tiep|voi|to|with)",
        r"(?<!la )(?<!phai )(nhan vien|can bo|nguoi) (that|thiet)(?! (su|la|ra|hay|a|ha|khong))",
        r"(noi chuyen|trao doi) truc tiep",
        r"(gap|noi chuyen|trao doi|lien he|chuyen( may| sang| cho)?)( truc tiep)?( voi)? (mot )?"
        r"(nhan vien|can bo|tong dai vien|nguoi|chuyen vien)",
        r"(talk|speak) (to|with) (a |an )?(real )?(staff|person|human|agent|someone|officer)", r"human",
        r"(gap|noi chuyen voi|chuyen sang) (staff|admin|nguoi)( that)?",
    ),
    "bot_challenge": _rx(
        r"(la|phai) (may|bot|robot|chatbot|tro ly ao|nguoi that|ai)( (a|ha|khong|phai khong))?",
        r"(nguoi|may) hay (may|nguoi)", r"nguoi( that)? hay (la )?(bot|robot|may|ai|chatbot)",
        r"(bot|robot|chatbot) hay (la )?nguoi", r"tri tue nhan tao",
        r"(nguoi|nhan vien|can bo)( [a-z]+){0,2} hay (la )?(may|bot|robot|ai|chatbot)",
        r"are you a (bot|human|robot)", r"tra loi tu dong",
    ),
    "goodbye": _rx(
        r"tam biet", r"hen (gap lai|dip khac|lan sau)", r"bye", r"chao (nhe|nha|nhe ad|ad nhe|ban nhe)",
        r"(toi|tui|minh|em|con) (di|ve|off) (day|nha|nhe|truoc)", r"(bua|hom|luc|dip) khac (hoi|nhan|ghe)",
        r"quay lai hoi", r"hoi tiep sau",
    ),
    "thank": _rx(r"cam (on|om|onn)", r"thanks?", r"thank you", r"tks", r"thx"),
    "greet": _rx(
        r"xin chao", r"chao (ban|ad|anh|chi|em|so|buoi sang|buoi chieu)", r"hello", r"hi", r"alo",
        r"good (morning|afternoon|evening)",
    ),
    "chitchat": _rx(
        r"thoi tiet", r"troi (co )?(mua|nang|lanh|nong)", r"(ke|noi) chuyen (cuoi|vui)", r"chuyen cuoi",
        r"hat (mot )?bai", r"bao nhieu tuoi", r"nguoi yeu", r"an com chua", r"do vui", r"thich an", r"an gi chua",
        r"phim", r"netflix", r"bong da", r"ca si", r"bai hat", r"ngon", r"du bao", r"ap thap",
        r"di (bien|choi|du lich)",
    ),
}

# "Đây có phải trang hỗ trợ của Sở Công Thương không?": making sure of the channel is a greeting.
CHANNEL_CHECK = _rx(
    r"(day|o day|ben nay|trang nay|kenh nay|so nay|cho nay) (co )?(phai|la) (la )?"
    r"(trang|kenh|so|tong dai|fanpage|page|zalo|tai khoan|noi|cho|ben|bot|tro ly)",
)
PART_INTENTS = frozenset(PART_CUES) | {"ask_procedure"}
# DIET's answers the cues may correct: procedure questions, the catch-all ones long messages drift to, and
# small talk around a question ("chào ad, lệ phí bao nhiêu"). Form answers (affirm, deny, cancel, digits,
# corrections), complaints and requests for a person are DIET's alone unless it is unsure.
CORRECTABLE = PART_INTENTS | {
    "check_dossier_status", "ask_complaint_status", "out_of_scope", "chitchat", "greet", "thank", "goodbye",
    "bot_challenge",
}
UNSURE = 0.6
STATUS_INTENTS = frozenset({"check_dossier_status", "ask_complaint_status", "out_of_scope"})


# Words of a procedure's name: with one of them (or a sector word) an extracted mention is taken for a
# procedure; DIET also tags odd words ("chập chờn", "phở", "tạm biệt", "áp thấp nhiệt đới") as mentions.
NAME_WORDS = _rx(
    r"giay (phep|chung nhan|xac nhan|tiep nhan)", r"chung (chi|nhan)", r"the", r"dang ky", r"thong bao", r"cap",
    r"xac nhan", r"phe duyet", r"tham dinh", r"chap thuan", r"gp", r"gcn", r"gxn", r"van ban", r"thu tuc",
    r"ban hang", r"kinh doanh", r"san xuat", r"nhap khau", r"xuat khau", r"huan luyen", r"kiem dinh",
    r"phuong an", r"du an", r"danh muc", r"tai san", r"dau tu", r"giam dinh", r"dau nghiep vu",
    r"cnm", r"cfs", r"free sale", r"thuoc no", r"kp",
)


def looks_like_mention(value: str) -> bool:
    folded = fold_expanded(value)
    return NAME_WORDS.search(folded) is not None or in_scope(folded, value)


@dataclass(frozen=True)
class Decision:
    intent: str
    reason: str


# Words of the cues typed fast ("mấy nàgy", "nộp olnine", "gồm nhnữg gì"): one swap of neighbouring letters
# is corrected before the cues are matched (words of four letters or more, see one_swap_apart).
CUE_WORDS = (
    "ngay", "online", "nhung", "thuong", "tuyen", "nhieu", "giay", "thoi", "gian", "dieu", "kien", "phap", "khong",
    "chao", "biet", "thanks", "thank", "hello", "morning", "thich", "nguoi", "chuyen", "huong", "buoc",
)
_SPELLING = re.compile(r"[a-z]{4,}")


def spelt(folded: str) -> str:
    """The folded text with cue words one letter swap away spelt right."""

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        return next((w for w in CUE_WORDS if w != word and one_swap_apart(word, w)), word)

    return _SPELLING.sub(fix, folded)


# Documents the citizen already has or knows about are context, not the question: "tôi đã chuẩn bị đủ giấy tờ
# rồi, giờ nộp ở đâu?", "khi nào chuẩn bị xong hồ sơ tôi quay lại", "giờ tôi đã biết cần chuẩn bị những gì".
DOCUMENTS_IN_HAND = _rx(
    r"(da|vua|khi nao|sau khi)( [a-z]+){0,2} (chuan bi|co|gom|lam)( (du|day du|xong|het|duoc))? "
    r"(giay to|ho so|documents?|thanh phan ho so)",
    r"(chuan bi|co|gom|lam) (du|day du|xong|het) (giay to|ho so|documents?)",
    r"(da|gio da|nay da) (biet|hieu|nam|ro)( duoc)? (can |phai )?(chuan bi |nop )?(nhung gi|gi|giay to|ho so)",
)


# Central "mô" is "đâu" ("nộp ở mô", "chỗ mô"); only with its mark: "ở mỏ đá", "tôi mở" fold alike.
_CENTRAL_WHERE = re.compile(r"(?<!\w)(ở|tại|về|đến|tới|lên|chỗ|nơi|đi|nộp) mô(?!\w)", re.IGNORECASE)


def question_text(text: str) -> str:
    """Folded text with cue words spelt right, and without the fragments that look like questions but are not:
    procedure names ("... đủ điều kiện ...") and documents already in hand."""
    text = _CENTRAL_WHERE.sub(
        lambda m: m.group(1) + (" nào" if m.group(1).lower() in ("chỗ", "nơi") else " đâu"), canonical(text)
    )
    folded = NAME_CONDITIONS.sub(" ", spelt(fold_expanded(text)))
    return DOCUMENTS_IN_HAND.sub(" ", folded)


_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+|\n+")
QUESTION_WORDS = _rx(
    r"gi", r"nao", r"sao", _WHERE_DAU, r"bao nhieu", r"may", r"how", r"what", r"where", r"when",
    # not "chi" (gì in the centre): it is also "chị"
    r"bao gio", r"bao lau", r"the nao", r"ra sao", r"ntn", r"hay", r"mo", r"(?<!ro )rang", r"cho hoi",
)


# "không"/"chưa" ask only at the end of a clause ("nộp online được không ạ?"); elsewhere they deny
# ("trời mưa không ra tiệm được", "chưa rành lắm").
QUESTION_TAIL = re.compile(
    r"(?<![a-z0-9])(khong|chua|hong|hem)((?: (?:a|vay|nhi|ha|nhe|nha|ban|ad|anh|chi|em|ta|day|the|z|ak|ah))*)"
    r"\s*([?.,!;:)]|$)"
)


def asks(folded: str) -> bool:
    """Does this folded text (a sentence or a message) ask something?"""
    return QUESTION_WORDS.search(folded) is not None or QUESTION_TAIL.search(folded) is not None


def question_sentence(text: str) -> str | None:
    """The sentence that asks: the last one ending with "?", else the last with a question word. A long message
    wraps its question in context ("mỗi trang nói một kiểu, tôi đọc trên mạng ..."), whose words must not count."""
    sentences = [x.strip() for x in _SENTENCE_END.split(text) if x and x.strip()]
    if len(sentences) < 2:
        return None
    asked = [x for x in sentences if x.endswith("?")]
    if len(asked) > 1:  # "... cần điều kiện gì? Hồ sơ nộp cho ai?": the first that asks a part; the other is a button
        with_part = [x for x in asked if asked_parts(question_text(x))]
        return with_part[0] if with_part else asked[-1]
    asking = asked or [x for x in sentences if asks(fold_expanded(x))]
    return asking[-1] if asking else None


_CLAUSE_END = re.compile(r"[,.;:?!]")
# "cho mình xin checklist documents ...": a part asked for with a request before it
REQUEST_BEFORE = re.compile(
    r"(cho (minh|toi|em|tui|chau) (xin|biet)|can biet|muon biet|nho (ad|ban) (gui|chi))[^,.;?!]*$"
)
# a cue that is a question by itself: "gồm những gì", "(bao) nhiêu tiền", "mất mấy ngày", "ở đâu"
INTERROGATIVE = _rx(
    r"gi", r"chi", r"nao", _WHERE_DAU, r"bao", r"nhieu", r"may", r"lau", r"khong", r"chua", r"sao", r"how", r"what",
    r"where", r"when", r"ntn",
)


def _part_matches(folded: str) -> list[tuple[int, int, str]]:
    """Every part cue's matches as (start, end, intent), in text order."""
    return sorted((m.start(), m.end(), intent) for intent, cue in PART_CUES.items() for m in cue.finditer(folded))


def primary_part(folded: str) -> str | None:
    """Of several parts cued, the one asked: the first whose cue is itself a question ("gồm những gì") or is
    followed, in its clause and before any other cue, by a question word ("... qua mạng được hay không");
    when none is, the last cued (Vietnamese puts the question at the end)."""
    matches = _part_matches(folded)
    if not matches:
        return None
    for i, (start, end, intent) in enumerate(matches):
        stop = _CLAUSE_END.search(folded, end)
        limit = min(stop.start() if stop else len(folded), matches[i + 1][0] if i + 1 < len(matches) else len(folded))
        requested = REQUEST_BEFORE.search(folded[max(0, start - 30):start]) is not None
        if requested or INTERROGATIVE.search(folded[start:end]) or asks(folded[end:limit]):
            return intent
    return matches[-1][2]


def asked_parts(folded: str) -> list[str]:
    """Part intents cued in the text, in the order their first cue appears."""
    return list(dict.fromkeys(intent for _, _, intent in _part_matches(folded)))


# Words of a yes/no answer: an unsure affirm/deny without any of them is not an answer ("zxqv wkrp").
ANSWER_WORDS = _rx(
    r"co", r"dong y", r"ok", r"oke", r"okay", r"yes", r"vang", r"da", r"u", r"uh", r"um", r"dung", r"chuan", r"duoc",
    r"xac nhan", r"gui", r"chinh xac", r"khong", r"no", r"thoi", r"tu choi", r"chua", r"nope", r"khoi", r"huy",
)
CORRECTION = _rx(r"sua", r"doi", r"nham", r"sai", r"lai", r"thay", r"khac")
DOUBT = "nlu_fallback"  # the decision that lowers DIET's confidence so the fallback answers


CONDITIONS_ABBREVIATED = _rx(
    r"dk (j|gi|chi|nao|ra sao|the nao|nhu the nao)", r"(can|phai|co) dk(?! (kinh doanh|kd))"
)


def decide(text: str, intent: str | None, confidence: float, has_mention: bool = False) -> Decision | None:
    """The intent the cues point to when they contradict or confirm DIET; None to keep DIET's answer."""
    unsure = confidence < UNSURE
    raw = fold_expanded(text)
    form_answer = intent in ("affirm", "deny", "cancel", "correct_complaint")
    if form_answer and not ANSWER_WORDS.search(raw) and not CORRECTION.search(raw):
        talk = question_text(text)
        for courtesy in ("greet", "thank", "goodbye", "bot_challenge", "chitchat"):  # "good morning" is no yes
            if SMALL_TALK_CUES[courtesy].search(talk):
                return Decision(courtesy, "a courtesy, not a yes/no")
        if unsure and intent != "correct_complaint":
            return Decision(DOUBT, "an unsure yes/no without a yes/no word")
    if not (intent in CORRECTABLE or intent in ("file_complaint", "request_human") or unsure):
        return None
    folded = question_text(text)
    filing = FILING.search(raw) is not None
    if COMPLAINT_CODE.search(raw) or (COMPLAINT_STATUS.search(raw) and not filing):
        return Decision("ask_complaint_status", "complaint status cue")
    complaint = filing or COMPLAINT_WORDS.search(raw) is not None
    if intent == "file_complaint" and complaint:
        return None
    if not complaint and (DOSSIER_CODE.search(raw) or DOSSIER_STATUS.search(folded)):
        return Decision("check_dossier_status", "dossier status cue")
    if out_of_scope_topic(raw, text):
        return Decision("out_of_scope", "topic another agency handles")
    if filing and intent != "file_complaint":
        return Decision("file_complaint", "someone filing a complaint")
    if intent == "request_human":  # DIET's, unless unsure with the words, or asking only who answers
        wants_person = SMALL_TALK_CUES["request_human"].search(folded) is not None
        if unsure and wants_person:
            return Decision("request_human", "an unsure request for a person, with its words")
        if not wants_person and SMALL_TALK_CUES["bot_challenge"].search(folded):
            return Decision("bot_challenge", "asks whether a bot answers, asks for nobody")  # "ad là bot hả"
        return None
    if complaint:
        return None
    asked = asks(folded) or "?" in text
    if not asked and not has_mention and not in_scope(raw, text):
        # "ok mình đi chuẩn bị giấy tờ đây, chào nhé", "cảm ơn bạn đã hướng dẫn": courtesy, not a question
        for talk in ("goodbye", "thank", "greet", "bot_challenge", "chitchat"):
            if SMALL_TALK_CUES[talk].search(folded):
                return Decision(talk, "small talk without a question")
    focus = question_sentence(text)
    # the asking sentence alone when there is one: the context around it has words of its own
    asking = question_text(focus) if focus else folded
    parts = asked_parts(asking)
    if not parts and CONDITIONS_ABBREVIATED.search(fold(focus or text)):
        parts = ["ask_conditions"]
    if len(parts) == 1:
        return Decision(parts[0], "question cue")
    if len(parts) > 1:  # "nộp online được không, và bao lâu thì có?": the one asked first; the others are buttons
        return Decision(primary_part(asking) or parts[0], "the asked one of several question cues")
    catch_all = intent in ("out_of_scope", "chitchat") or unsure
    may_be_how = intent in PART_INTENTS or (catch_all and (has_mention or in_scope(raw, text)))
    if HOW_CUE.search(asking) and may_be_how:
        return Decision("ask_procedure", "how-to cue")
    for talk in ("request_human", "bot_challenge"):  # "... Chuyển giúp tôi sang người thật được không?"
        if focus and SMALL_TALK_CUES[talk].search(asking):
            return Decision(talk, "the asking sentence asks for a person or who answers")
    if focus:  # the asking sentence says nothing clear: a single cue elsewhere ("Nhờ hướng dẫn các bước.") does
        whole_parts = asked_parts(folded)
        if len(whole_parts) == 1:
            return Decision(whole_parts[0], "question cue outside the asking sentence")
        if not whole_parts and HOW_CUE.search(folded) and may_be_how:
            return Decision("ask_procedure", "how-to cue outside the asking sentence")
    drifted = intent in PART_INTENTS or intent in STATUS_INTENTS or intent in ("chitchat", "file_complaint")
    if not has_mention and (drifted or unsure):
        # what the message is about; thanks and greetings come last: around a question they are courtesy,
        # alone they are the message
        for talk in ("request_human", "bot_challenge", "goodbye", "chitchat", "thank", "greet"):
            cue = SMALL_TALK_CUES[talk]
            if cue.search(asking) or cue.search(folded):
                if talk != intent or unsure:
                    return Decision(talk, "small talk, nothing asked about a procedure")
                break
        if CHANNEL_CHECK.search(folded):
            return Decision("greet", "making sure of the channel")
    return None
