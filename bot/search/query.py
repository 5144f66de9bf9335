"""Turning what a citizen typed into folded search terms.

Steps: expand abbreviations, fold (no diacritics), map everyday words to the catalogue's vocabulary
("khuyến mãi" -> "khuyến mại", "tạp hóa" -> "bán lẻ", "pin mặt trời" -> "điện mặt trời"), and drop the
words that say what is asked rather than which procedure ("cần giấy tờ gì", "bao lâu", "lệ phí").
"""

from __future__ import annotations

import re

from bot.text.abbreviations import fold_expanded
from bot.text.normalize import canonical

# Folded phrase -> folded replacement. Longest phrases are applied first.
CONCEPTS: dict[str, str] = {
    "tap hoa": "ban le",
    "quan nhau": "ban le ruou",
    "nha hang": "ban le",
    "cua hang": "cua hang",
    "shop": "ban le",
    "ban them bia ruou": "ban le ruou",
    "ban bia ruou": "ban le ruou",
    "ban ruou bia": "ban le ruou",
    "ban ruou": "ban le ruou",
    "bia ruou": "ruou",
    "ruou bia": "ruou",
    "nau ruou": "san xuat ruou thu cong",
    "lo ruou": "san xuat ruou thu cong",
    "ruou gao": "ruou thu cong",
    "ruou tu nau": "ruou thu cong",
    "thuoc la dien tu": "thuoc la",
    "ban thuoc la": "ban le thuoc la",
    "pin mat troi": "dien mat troi",
    "pin nang luong mat troi": "dien mat troi",
    "dien nang luong mat troi": "dien mat troi",
    "nang luong mat troi": "dien mat troi",
    "solar": "dien mat troi",
    "tam pin": "dien mat troi",
    # installing rooftop solar for one's own use is done by notifying (thông báo phát triển ... mái nhà)
    "lap dat dien mat troi": "thong bao phat trien dien mat troi",
    "lap dien mat troi": "thong bao phat trien dien mat troi",
    "tren mai nha": "mai nha",
    "len mai nha": "mai nha",
    "mai ton": "mai nha",
    "cay xang": "cua hang ban le xang dau",
    "tram xang": "cua hang ban le xang dau",
    "cay xang dau": "cua hang ban le xang dau",
    "ban xang": "ban le xang dau",
    "binh gas": "lpg chai",
    "gas binh": "lpg chai",
    "ban gas": "ban le lpg chai",
    "ban binh gas": "ban le lpg chai",
    "tiem gas": "cua hang ban le lpg chai",
    "cua hang gas": "cua hang ban le lpg chai",
    "dai ly gas": "cua hang ban le lpg chai",
    "binh ga": "lpg chai",
    "vao binh": "vao chai",
    "nap binh": "nap chai",
    "gas": "lpg",
    "ga": "lpg",
    "khi gas": "lpg",
    "khi hoa long": "lpg",
    "khi hoa long lng": "lng",
    "khi thien nhien hoa long": "lng",
    "khi thien nhien nen": "cng",
    "khuyen mai": "khuyen mai",
    "giam gia": "khuyen mai",
    "sale": "khuyen mai",
    "tang qua": "khuyen mai",
    # a lucky draw is a "chương trình khuyến mại mang tính may rủi" (registered, not only notified)
    "boc tham": "khuyen mai mang tinh may rui",
    "quay so": "khuyen mai mang tinh may rui",
    "rut tham": "khuyen mai mang tinh may rui",
    "cao trung thuong": "khuyen mai mang tinh may rui",
    "trung thuong": "may rui",
    "mlm": "ban hang da cap",
    "an toan thuc pham": "an toan thuc pham",
    "ve sinh an toan thuc pham": "an toan thuc pham",
    "ve sinh thuc pham": "an toan thuc pham",
    "thuoc no": "vat lieu no cong nghiep",
    "no min": "vat lieu no cong nghiep",
    "mo da": "vat lieu no cong nghiep",
    "hoa chat nguy hiem": "hoa chat",
    "van phong dai dien": "van phong dai dien",
    "cong ty nuoc ngoai": "thuong nhan nuoc ngoai",
    "doanh nghiep nuoc ngoai": "thuong nhan nuoc ngoai",
    "mat giay phep": "cap lai",
    "mat giay": "cap lai giay",
    "bi mat": "cap lai",
    "lam mat": "cap lai",
    "hu hong": "cap lai",
    "rach": "cap lai",
    "het han": "cap lai",
    "doi ten": "sua doi bo sung",
    "doi dia chi": "sua doi bo sung",
    "thay doi dia chi": "sua doi bo sung",
    "thay doi": "sua doi bo sung",
    "khong thay doi": "khong thay doi",  # "hàng hóa không thay đổi xuất xứ" (CNM) is not an amendment
    "doi mau": "sua doi bo sung mau",
    "dieu chinh": "dieu chinh",
    "chinh sua": "sua doi bo sung",
    "sua lai": "sua doi bo sung",
    "update": "sua doi bo sung",
    "chuyen dia chi": "sua doi bo sung dia chi",
    "chuyen sang dia chi": "sua doi bo sung dia chi",
    "dia chi moi": "sua doi bo sung dia chi",
    "address": "dia chi",
    "doi tru so": "sua doi bo sung tru so",  # "đổi"/"dời trụ sở"
    "chuyen tru so": "sua doi bo sung tru so",
    "doi thoi gian": "sua doi bo sung thoi gian",
    "doi giai thuong": "sua doi bo sung giai thuong",
    "ngung hoat dong": "cham dut hoat dong",
    "dung hoat dong": "cham dut hoat dong",
    "noi dung hoat dong": "noi dung hoat dong",  # "nội dung hoạt động" is no "dừng hoạt động"
    "ngung ban": "cham dut ban",  # not "tạm ngừng xuất khẩu" in the names of trade-remedy licences
    "ngung kinh doanh": "cham dut kinh doanh",
    "muon ngung": "cham dut",
    "foreign company": "thuong nhan nuoc ngoai",
    "representative office": "van phong dai dien",
    "trade promotion organization": "to chuc xuc tien thuong mai",
    "trade promotion": "xuc tien thuong mai",
    "food safety certificate": "giay chung nhan du dieu kien an toan thuc pham",
    "food safety": "an toan thuc pham",
    "lucky draw": "khuyen mai mang tinh may rui",
    "promotion": "khuyen mai",
    "trade fair": "hoi cho trien lam thuong mai",
    "exhibition": "trien lam",
    "multi level marketing": "ban hang da cap",
    "re issue": "cap lai",
    "reissue": "cap lai",
    "damaged": "cap lai",
    "liquor": "ruou",
    "distribution": "phan phoi",
    "retail": "ban le",
    "wholesale": "ban buon",
    "cylinder": "chai",
    "manufacturing": "san xuat",
    "repair": "sua chua",
    "adjust": "dieu chinh",
    "business license": "giay phep kinh doanh",
    "fdi enterprise": "to chuc kinh te co von dau tu nuoc ngoai",
    "gas station": "cua hang ban le xang dau",
    "petrol station": "cua hang ban le xang dau",
    "tobacco": "thuoc la",
    "rooftop": "mai nha",
    "extend": "gia han",
    "extension": "gia han",
    # about to expire: the office's licence is extended (gia hạn), not re-issued
    "sap het han": "gia han",
    "xin them thoi han": "gia han",
    "keo dai thoi han": "gia han",
    "may ban xang": "thiet bi ban xang dau quy mo nho",
    "cay xang mini": "thiet bi ban xang dau quy mo nho",
    "ban hang tan nha": "ban hang khong tai dia diem giao dich thuong xuyen",
    "ban tan nha": "ban hang khong tai dia diem giao dich thuong xuyen",
    "ban hang luu dong": "ban hang khong tai dia diem giao dich thuong xuyen",
    "bao khuyen mai": "thong bao khuyen mai",
    "foreign": "nuoc ngoai",
    "bi lost": "cap lai",
    "lost": "cap lai",
    "sua noi dung": "sua doi bo sung noi dung",
    "sua lai noi dung": "sua doi bo sung noi dung",
    "lam lai": "cap lai",
    "man lai": "cap lai",  # "mần lại" (Southern "làm lại")
    "roi mat": "cap lai",
    "that lac": "cap lai",
    "apply lai": "cap lai",
    "renew": "cap lai",
    # English words mixed in
    "import export": "xuat khau nhap khau",
    "export import": "xuat khau nhap khau",
    "import": "nhap khau",
    "export": "xuat khau",
    "certificate": "giay chung nhan",
    "license": "giay phep",
    "licence": "giay phep",
    "permit": "giay phep",
    "xin lai": "cap lai",
    "o to": "phuong tien van tai",
    "cho xe": "vao phuong tien van tai",
    "cho xe bon": "vao xe bon",  # a tank truck is not a vehicle filled with fuel
    "xe bon": "xe bon",
    "km": "khuyen mai",  # "đăng ký km" (kilometres are not a procedure)
    "xin moi": "cap moi",
    "lan dau": "cap moi",
}

# Words that express the question, not the procedure. Folded; phrases allowed.
STOP_PHRASES: tuple[str, ...] = (
    # "hỏi cho chắc" folds like "hội chợ": the longer phrases go first, before any pair is kept
    "hoi cho chac",
    "hoi cho ro",
    "hoi cho biet",
    "hoi cho minh",
    "hoi cho em",
    "hoi cho toi",
    "lam an",
    "can nhung giay to gi",
    "can giay to gi",
    "can nhung gi",
    "gom nhung gi",
    "ho so gom",
    "can chuan bi",
    "giay to",
    "thoi gian giai quyet",
    "thoi han giai quyet",
    "giai quyet",
    "nop ho so",
    "nop",
    "mat may ngay",
    "lau khong",
    "lau",
    "thanh phan ho so",
    "ho so",
    "mat bao lau",
    "bao lau",
    "bao nhieu ngay",
    "may ngay",
    "thoi gian",
    "thoi han",
    "le phi",
    "phi",
    "bao nhieu tien",
    "het bao nhieu",
    "bao nhieu",
    "ton bao nhieu",
    "nop o dau",
    "o dau",
    "nop truc tuyen",
    "truc tuyen",
    "online",
    "nop online",
    "can cu phap ly",
    "dieu kien",
    "thu tuc",
    "lam the nao",
    "nhu the nao",
    "the nao",
    "cach",
    "huong dan",
    "cho hoi",
    "xin hoi",
    "cho em hoi",
    "cho toi hoi",
    "minh muon",
    "toi muon",
    "em muon",
    "muon",
    "can",
    "xin",
    "lam",
    "duoc khong",
    "khong",
    "a",
    "ah",
    "vay",
    "nhe",
    "gi do",  # "thủ tục gì đó": filler, not the word "do" of "do cấp tỉnh quản lý"
    "nao do",
    "gi",
    "toi",
    "em",
    "minh",
    "anh",
    "chi",
    "oi",
    "ben",
    "so cong thuong",
    "cho",
    "de",
    "va",
    "voi",
    "thi",
    "co",
    "phai",
    "nao",
    "ntn",
    "ko",
    "duoc",
    "roi",
    "ha",
    "giup",
    "vui long",
    "please",
    "hi",
    "hello",
    "tu van",
    "hoi",
    "biet",
    "ve",
    "viec",
    "thuc hien",
    "dang",
    "se",
    "mot",
    "nhung",
    "cac",
    "tai",
    "o",
    "trong",
)

_PUNCT = re.compile(r"[^\w\s/]", re.UNICODE)


def _alternation(phrases) -> re.Pattern[str]:
    ordered = sorted(phrases, key=len, reverse=True)  # longest first: "cay xang dau" before "cay xang"
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in ordered) + r")(?!\w)")


_CONCEPT_RE = _alternation(CONCEPTS)


def _replace_phrases(text: str, mapping: dict[str, str]) -> str:
    """One pass, so a replacement is never matched again ("hoi cho" -> "hoi cho trien lam" stays that)."""
    pattern = _CONCEPT_RE if mapping is CONCEPTS else _alternation(mapping)
    text = pattern.sub(lambda m: f" {mapping[m.group(0)]} ", text)
    return re.sub(r"\s+", " ", text).strip()


# Phrases that fold into a procedure's words ("đã cấp" -> "da cap" like "đa cấp", "hỏi cho" like "hội chợ"):
# told apart while the diacritics are still there. Text typed without diacritics stays ambiguous.
ACCENTED_COLLISIONS: dict[str, str] = {
    "đã cấp": "đã từng cấp",
    "đã được cấp": "đã từng cấp",
    "hỏi cho": "hỏi giúp",
    "tại xã": "ở xã",
    "sữa chua": "sữa",  # yoghurt, not "sửa chữa" (repair of LPG bottles)
}
_COLLISION_RE = re.compile("|".join(re.escape(k) for k in sorted(ACCENTED_COLLISIONS, key=len, reverse=True)))


# Industrial liquor licences split at 3 million litres a year: a capacity said in figures picks the side.
_CAPACITY = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?) ?(trieu|nghin|ngan) ?(lit|l)(?!\w)")
_CAPACITY_WORDS = re.compile(
    r"(tren|hon|tu|vuot|qua|toi thieu) 3 trieu lit|(duoi|chua toi|chua den|it hon) 3 trieu lit"
)
_SCALE = {"trieu": 1_000_000, "nghin": 1_000, "ngan": 1_000}
ABOVE, BELOW = "tu 3 trieu lit nam tro len", "duoi 3 trieu lit nam"


def _capacity(folded: str) -> str:
    def side_of_words(match: re.Match[str]) -> str:
        return ABOVE if match.group(1) else BELOW

    def side_of_figure(match: re.Match[str]) -> str:
        if match.group(1) == "3" and match.group(2) == "trieu":
            return match.group(0)  # "3 triệu lít" alone: the words around it say which side
        litres = float(match.group(1).replace(",", ".")) * _SCALE[match.group(2)]
        return ABOVE if litres >= 3_000_000 else BELOW

    return _CAPACITY.sub(side_of_figure, _CAPACITY_WORDS.sub(side_of_words, folded))


def prepare(query: str) -> str:
    """Folded, expanded, concept-mapped query (stop phrases still present)."""
    lowered = canonical(query).lower()
    lowered = _COLLISION_RE.sub(lambda m: ACCENTED_COLLISIONS[m.group(0)], lowered)
    folded = fold_expanded(lowered)
    folded = _PUNCT.sub(" ", _capacity(folded))
    return _replace_phrases(folded, CONCEPTS)


MULTIWORD_STOPS = frozenset(p for p in STOP_PHRASES if " " in p)
# Function words never kept for a catalogue pair ("ở xã", "và cấp"): only content-like words fold into
# collisions worth keeping ("hội chợ" -> "hoi cho", "triển lãm" -> "trien lam").
_NEVER_KEPT = frozenset({
    "o", "va", "voi", "thi", "de", "cac", "nhung", "mot", "trong", "ve", "co", "phai", "nao", "a", "ah", "oi",
    "nhe", "vay", "gi", "toi", "em", "minh", "anh", "chi", "ben", "duoc", "khong", "roi", "se", "viec", "biet",
})
_LONG_STOP_RE = re.compile(
    r"(?<=\s)(?:" + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=len, reverse=True) if p.count(" ") >= 2)
    + r")(?=\s)"
)
_STOP_RE = re.compile(
    r"(?<=\s)(?:" + "|".join(re.escape(p) for p in sorted(STOP_PHRASES, key=len, reverse=True)) + r")(?=\s)"
)


def strip_stop_phrases(folded: str, keep_pairs: frozenset[str] = frozenset()) -> str:
    """Drop the words that say what is asked. `keep_pairs` are word pairs ("hoi cho", "trien lam") the catalogue
    uses in names: their words stay even when one alone is a stop word ("cho", "lam" fold like "chợ", "lãm")."""
    words = _LONG_STOP_RE.sub(" ", f" {folded} ").split()
    protected = set()
    for i, pair in enumerate(" ".join(p) for p in zip(words, words[1:], strict=False)):
        if pair in keep_pairs and pair not in MULTIWORD_STOPS and not _NEVER_KEPT & set(pair.split()):
            protected.update((i, i + 1))
    masked = [f"\x00{i}\x00" if i in protected else w for i, w in enumerate(words)]
    text = f" {' '.join(masked)} "
    while True:  # one regex, repeated until stable: removing a phrase can expose another
        stripped = _STOP_RE.sub(" ", text)
        if stripped == text:
            break
        text = stripped
    text = re.sub(r"\x00(\d+)\x00", lambda m: words[int(m.group(1))], text)
    return re.sub(r"\s+", " ", text).strip()
