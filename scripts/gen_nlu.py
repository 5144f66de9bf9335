"""Generate the Rasa NLU training data (data/nlu/*.yml) from handwritten templates.

Templates are written the way people type on Telegram/Zalo; this script fills procedure mentions (from the
catalogue's names and aliases plus everyday phrasings) and derives, reproducibly (fixed seed), the
no-diacritics and teencode/abbreviated variants. The procedure mention is annotated as the `procedure`
entity; the backend resolves it, so catalogue edits need no retraining.

Run: .venv/bin/python scripts/gen_nlu.py
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from bot.catalog.files import load_catalog
from bot.text.normalize import fold, strip_diacritics

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "nlu"
SEED = 20261125

# Everyday ways to name procedures (mentions only, not facts), besides the catalogue's names and aliases.
EXTRA_MENTIONS = [
    "giấy phép bán lẻ rượu",
    "gp bán rượu",
    "giấy phép bán buôn rượu",
    "giấy phép sản xuất rượu thủ công",
    "giấy phép nấu rượu",
    "giấy phép bán thuốc lá",
    "giấy phép bán lẻ thuốc lá",
    "cửa hàng xăng dầu",
    "giấy chứng nhận cửa hàng bán lẻ xăng dầu",
    "mở cây xăng",
    "cửa hàng bán gas",
    "cửa hàng LPG chai",
    "trạm nạp LPG",
    "thông báo khuyến mại",
    "đăng ký khuyến mãi",
    "hội chợ triển lãm",
    "bán hàng đa cấp",
    "điện mặt trời mái nhà",
    "thẻ an toàn điện",
    "giấy phép hoạt động điện lực",
    "an toàn thực phẩm",
    "giấy chứng nhận attp",
    "vật liệu nổ công nghiệp",
    "giấy phép hóa chất",
    "văn phòng đại diện",
    "sản phẩm công nghiệp nông thôn tiêu biểu",
    "cụm công nghiệp",
    "đập thủy điện",
    "lưới điện trung áp",
    "chai LPG",
    "xuất nhập khẩu LPG",
    "trạm nạp CNG",
    "nguyên liệu thuốc lá",
]

P = "{p}"
TEMPLATES: dict[str, list[str]] = {
    "ask_documents": [
        "{p} cần giấy tờ gì",
        "hồ sơ xin {p} gồm những gì",
        "làm {p} cần chuẩn bị hồ sơ gì",
        "thành phần hồ sơ {p}",
        "cho em hỏi {p} cần những giấy tờ nào ạ",
        "muốn xin {p} thì phải nộp những gì",
        "giấy tờ cần có để làm {p}",
        "xin {p} cần những gì vậy ad",
        "hồ sơ {p} có mấy loại giấy tờ",
        "mần {p} cần giấy tờ chi dzậy",
        "{p} cần documents gì",
        "thủ tục {p} hồ sơ gồm những gì",
        "chào em, anh đang tính làm {p} mà chưa biết phải chuẩn bị giấy tờ gì, em chỉ giúp anh với",
        "cần giấy tờ gì",
        "hồ sơ gồm những gì vậy",
        "phải chuẩn bị giấy tờ gì",
        "cần mang theo giấy tờ gì",
        "vậy hồ sơ cần những gì",
        "còn giấy tờ thì sao",
        "còn hồ sơ thì sao ạ",
        "thế hồ sơ thì thế nào",
        "hồ sơ thì cần gì",
        "vậy còn giấy tờ",
        "thế còn giấy tờ thì sao ad",
        "con ho so thi sao",
        "còn thành phần hồ sơ",
    ],
    "ask_fee": [
        "{p} lệ phí bao nhiêu",
        "phí làm {p} hết bao nhiêu tiền",
        "xin {p} mất bao nhiêu tiền",
        "lệ phí cấp {p} là bao nhiêu",
        "{p} có mất phí không",
        "làm {p} tốn nhiêu tiền",
        "fee {p} bao nhiêu vậy",
        "{p} phí thẩm định bao nhiêu",
        "cho hỏi {p} có thu phí không ạ",
        "còn lệ phí thì sao",
        "có mất phí không",
        "phí bao nhiêu",
        "lệ phí hết bao nhiêu",
        "tốn bao nhiêu tiền vậy",
        "vậy phí thì sao",
        "thế còn lệ phí",
        "lệ phí thì thế nào ạ",
        "còn phí thì sao ad",
        "con le phi thi sao",
        "có phải đóng tiền không",
    ],
    "ask_processing_time": [
        "{p} mất bao lâu",
        "bao lâu thì có {p}",
        "thời hạn giải quyết {p}",
        "làm {p} mấy ngày thì xong",
        "{p} bao nhiêu ngày làm việc",
        "nộp hồ sơ {p} rồi thì bao lâu có kết quả",
        "xin {p} chờ lâu không",
        "{p} processing time bao lâu",
        "mấy ngày thì xong",
        "thế còn thời hạn",
        "thời gian thì sao ạ",
        "còn thời hạn giải quyết thì sao",
        "bao lâu thì có kết quả",
        "thời gian giải quyết bao lâu",
        "chờ bao lâu vậy",
        "vậy mất bao lâu",
        "mất mấy ngày",
        "mất bao nhiêu ngày",
        "khi nào thì có kết quả",
        "{p} mất mấy ngày",
        "{p} bao giờ thì có",
        "xin {p} chờ mấy ngày",
        "{p} how long",
        "{p} thì mất bao lâu",
        "{p} mất bao lâu vậy ạ",
    ],
    "ask_online": [
        "{p} nộp online được không",
        "có nộp trực tuyến {p} được không",
        "làm {p} qua mạng được không",
        "{p} có dịch vụ công trực tuyến không",
        "{p} nộp online toàn trình hay một phần",
        "xin {p} không cần lên sở được không",
        "nộp hồ sơ {p} trên cổng dịch vụ công được không",
        "nộp online được không",
        "còn nộp online thì sao",
        "thế online thì được không",
        "có nộp qua mạng được không",
        "làm online được hông",
        "có cần đến trực tiếp không",
        "nộp trên dichvucong.gov.vn được không",
    ],
    "ask_where_submit": [
        "nộp hồ sơ {p} ở đâu",
        "{p} nộp ở đâu",
        "làm {p} ở cơ quan nào",
        "cơ quan nào cấp {p}",
        "{p} thì lên sở hay lên xã",
        "xin {p} ở đâu vậy",
        "cần {p} thì nộp ở đâu",
        "{p} thì nộp hồ sơ ở đâu",
        "công ty muốn {p} thì nộp ở đâu",
        "nộp ở đâu",
        "thế còn nộp ở đâu",
        "còn chỗ nộp thì sao ạ",
        "nộp hồ sơ ở đâu",
        "đến đâu để nộp",
        "cơ quan nào giải quyết",
        "gửi qua bưu điện được không",
    ],
    "ask_legal_basis": [
        "căn cứ pháp lý của {p}",
        "{p} theo nghị định nào",
        "văn bản nào quy định {p}",
        "{p} dựa trên luật nào",
        "cho xin căn cứ pháp lý {p}",
        "căn cứ pháp lý là gì",
        "theo nghị định nào vậy",
        "thế còn căn cứ pháp lý",
        "căn cứ thì sao ạ",
        "còn văn bản quy định thì sao",
        "văn bản pháp luật nào quy định",
    ],
    "ask_conditions": [
        "điều kiện để được cấp {p}",
        "cần đáp ứng điều kiện gì để xin {p}",
        "{p} yêu cầu điều kiện gì",
        "ai được xin {p}",
        "điều kiện xin {p} là gì",
        "cần điều kiện gì",
        "thế còn điều kiện",
        "điều kiện thì sao ạ",
        "còn điều kiện thì thế nào",
        "con dieu kien thi sao",
        "có yêu cầu điều kiện gì không",
        "{p} cần đáp ứng những điều kiện nào",
        "{p} cần điều kiện gì",
        "{p} thì cần những điều kiện gì",
        "muốn {p} phải có điều kiện gì",
        "muốn được cấp {p} thì cơ sở phải đủ điều kiện gì",
        "điều kiện kinh doanh để xin {p}",
        "phải đủ điều kiện gì mới được cấp",
    ],
    "ask_procedure": [
        "thủ tục {p}",
        "hướng dẫn làm {p}",
        "tôi muốn xin {p}",
        "làm {p} như thế nào",
        "{p}",
        "cho hỏi về {p}",
        "mình muốn làm {p} thì làm sao",
        "xin {p} ntn",
        "quy trình {p} ra sao",
        "tư vấn giúp em {p}",
        "em muốn hỏi về {p} ạ",
        "how to apply {p}",
        "{p} bị mất thì làm lại thế nào",
        "làm thế nào để được cấp {p}",
        "phải làm sao để có {p}",
        "trình tự {p} thế nào",
        "nhà em mở quán tạp hóa ở xã, giờ muốn bán thêm bia rượu thì phải làm {p} đúng không ạ",
    ],
    "check_dossier_status": [
        "hồ sơ của tôi đến đâu rồi",
        "tra cứu hồ sơ",
        "kiểm tra tình trạng hồ sơ",
        "hồ sơ nộp tuần trước sao chưa có kết quả",
        "xem tiến độ hồ sơ",
        "hồ sơ mã 000.00.18.H12-250412-0007 đang ở đâu",
        "tra cứu hồ sơ 000.00.18.H12-250412-0007",
        "hồ sơ của em xử lý tới đâu rồi ạ",
        "check giúp hồ sơ của tôi",
        "hồ sơ bị trễ hẹn rồi",
        "tình trạng hồ sơ",
        "hs của mình giải quyết xong chưa",
        "bao giờ trả kết quả hồ sơ của tôi",
        "hồ sơ tôi nộp tới đâu rồi",
        "hồ sơ của em giờ ra sao rồi",
        "hồ sơ nộp hôm trước đang ở bước nào",
        "kiểm tra giúp hồ sơ đã xong chưa",
        "hồ sơ của tôi đang ở đâu",
        "hồ sơ của tôi nộp hôm thứ sáu giờ tới đâu rồi",
        "hồ sơ nộp từ tuần trước giờ đến đâu rồi",
        "hồ sơ em nộp hôm qua tới bước nào rồi",
        "hồ sơ của tôi nộp mấy hôm rồi giờ đến đâu rồi ạ",
    ],
    "file_complaint": [
        "tôi muốn phản ánh",
        "gửi phản ánh kiến nghị",
        "tôi muốn khiếu nại cán bộ làm chậm hồ sơ",
        "góp ý về thủ tục hành chính",
        "phản ánh việc giải quyết hồ sơ quá hạn",
        "tôi muốn kiến nghị",
        "cán bộ một cửa hướng dẫn không rõ ràng tôi muốn phản ánh",
        "gửi góp ý cho sở",
        "làm sao để phản ánh việc bị yêu cầu nộp thêm giấy tờ không đúng quy định",
        "mình muốn gửi kiến nghị",
        "tôi có ý kiến về việc thủ tục quá phức tạp",
        "kiến nghị sở đơn giản hóa hồ sơ",
        "tôi bức xúc vì bị hẹn đi hẹn lại",
        "muốn khiếu nại về thái độ của cán bộ tiếp nhận",
        "phản ánh thủ tục rườm rà",
        "góp ý quy định hành chính bất hợp lý",
        "tôi muốn phản ánh việc cán bộ hẹn tôi đến nhiều lần mà hồ sơ vẫn chưa được tiếp nhận",
        "tôi muốn phản ánh việc hồ sơ xin giấy phép của tôi đã quá hạn hai tuần mà không ai thông báo",
        "cho tôi gửi kiến nghị: thủ tục cấp giấy phép bán lẻ rượu yêu cầu quá nhiều giấy tờ",
        "tôi phản ánh cửa hàng xăng dầu gần nhà bán thiếu lít và thái độ nhân viên không tốt",
        "mình muốn khiếu nại vì nộp hồ sơ online rồi mà vẫn bị bắt lên nộp bản giấy",
        "phản ánh: cán bộ tiếp nhận yêu cầu bổ sung giấy tờ không có trong quy định",
        "tôi muốn góp ý là cổng dịch vụ công hay bị lỗi không nộp được hồ sơ",
        "kiến nghị sở xem lại việc trả kết quả chậm, tôi chờ cả tháng rồi",
    ],
    "ask_complaint_status": [
        "phản ánh của tôi xử lý chưa",
        "tra cứu phản ánh",
        "kiểm tra kết quả phản ánh PAKN-2026-000123",
        "kiến nghị tôi gửi hôm trước đã có trả lời chưa",
        "xem tình trạng phản ánh",
        "mã phản ánh PAKN-2026-000045",
    ],
    "affirm": [
        "có",
        "đồng ý",
        "tôi đồng ý",
        "ok",
        "xác nhận",
        "xác nhận gửi",
        "đúng rồi",
        "vâng",
        "dạ vâng",
        "dạ đúng",
        "ừ",
        "gửi đi",
        "yes",
        "chuẩn rồi",
        "đồng ý gửi",
        "ok gửi luôn",
        "được",
        "dạ có",
        "em đồng ý ạ",
        "chính xác",
    ],
    "deny": [
        "không",
        "không đồng ý",
        "tôi không đồng ý",
        "no",
        "không muốn",
        "dạ không",
        "không cho phép",
        "không chia sẻ",
        "không nhé",
        "tôi từ chối",
    ],
    "cancel": [
        "hủy",
        "hủy bỏ",
        "thôi",
        "thôi không gửi nữa",
        "dừng lại",
        "hủy phản ánh",
        "không muốn gửi nữa",
        "cancel",
        "bỏ qua đi",
        "thôi bỏ đi",
        "hủy giúp tôi",
        "không gửi nữa",
        "dừng",
        "thôi khỏi",
    ],
    "correct_complaint": [
        "sửa lại",
        "tôi muốn sửa",
        "sửa thông tin",
        "sai rồi, sửa lại giúp",
        "chỉnh lại nội dung",
        "sửa số điện thoại",
        "sửa họ tên",
        "nhập lại",
        "thay đổi thông tin",
        "ghi sai rồi",
    ],
    "inform_digits": [
        "{n}",
        "4 số cuối là {n}",
        "{n} ạ",
        "số cuối {n}",
        "bốn số cuối điện thoại {n}",
        "đuôi {n}",
        "sđt đuôi {n}",
    ],
    "greet": [
        "xin chào",
        "chào bạn",
        "chào ad",
        "hello",
        "hi",
        "alo",
        "chào sở công thương",
        "chào em",
        "chào anh",
        "xin chào ạ",
        "helo",
        "chào buổi sáng",
        "chào bạn, mình có việc muốn hỏi",
        "chào sở, cho em hỏi xíu",
        "chào ad, có ai ở đó không",
        "xin chào, tôi cần hỏi thông tin",
        "hi bạn",
        "hello ad, hỏi xíu",
        "chào bạn, mình hỏi tí",
        "chào, cho hỏi với",
        "chào ad cho em hỏi xíu",
        "chào anh chị ạ",
        "dạ chào sở",
        "chào anh chị, mình ở huyện bên, đang tính mở cửa hàng nhỏ, cho mình hỏi chút được không",
        "dạ chào sở, em là chủ hộ kinh doanh ở xã, em có mấy việc muốn nhờ anh chị tư vấn ạ",
        "xin chào, tôi đang chuẩn bị làm ăn nên có vài thắc mắc, mong được hỗ trợ",
    ],
    "goodbye": [
        "tạm biệt",
        "bye",
        "chào nhé",
        "hẹn gặp lại",
        "bye bye",
        "thôi chào bạn",
        "mình đi đây",
        "thôi chào nhé",
        "hẹn dịp khác nhé",
        "vậy thôi nhé, tạm biệt",
        "chào bạn mình đi đây",
        "ok vậy chào nha",
        "vậy thôi, mình đi chuẩn bị giấy tờ đây, chào nhé",
        "tôi hỏi vậy đủ rồi, hẹn dịp khác, tạm biệt",
    ],
    "thank": [
        "cảm ơn",
        "cảm ơn bạn",
        "cám ơn nhiều",
        "thanks",
        "thank you",
        "ok cảm ơn ad",
        "cảm ơn em nhé",
        "tks",
        "cảm ơn đã hỗ trợ",
        "thanks bạn nhé",
        "ok thanks ad",
        "cám ơn sở",
        "thank bạn nhiều",
        "cảm ơn anh chị đã giải đáp, thông tin rất hữu ích",
        "dạ em cảm ơn nhiều, để em chuẩn bị hồ sơ rồi đi nộp",
        "ok mình hiểu rồi, cảm ơn sở nhiều nhé",
    ],
    "request_human": [
        "cho tôi gặp nhân viên",
        "tôi muốn nói chuyện với người thật",
        "gặp cán bộ",
        "chuyển máy cho cán bộ",
        "cho gặp tổng đài viên",
        "tôi cần người hỗ trợ",
        "gặp người thật đi",
        "nói chuyện với nhân viên sở",
        "connect me to a human",
        "có ai trực không",
        "bot trả lời không đúng ý tôi, cho tôi nói chuyện với cán bộ",
        "tôi muốn gặp cán bộ phụ trách để hỏi trực tiếp",
        "chuyển giúp tôi sang nhân viên tư vấn với",
        "có cán bộ nào trực để tôi hỏi không",
    ],
    "bot_challenge": [
        "bạn là người hay máy",
        "bạn là bot à",
        "đây là máy trả lời tự động hả",
        "bạn là ai",
        "có phải người thật không",
        "are you a bot",
        "bạn là robot phải không",
        "bạn là máy à",
        "đang chat với máy hay người vậy",
        "chatbot hả",
        "bạn có phải chương trình tự động không",
        "ai đang trả lời tôi vậy, máy à",
        "mình đang nói chuyện với người hay với máy vậy ạ",
    ],
    "out_of_scope": [
        "làm căn cước công dân ở đâu",
        "thủ tục làm hộ chiếu",
        "đăng ký kết hôn cần gì",
        "làm sổ đỏ mất bao lâu",
        "mã số thuế cá nhân tra ở đâu",
        "đổi bằng lái xe",
        "cấp lại giấy phép lái xe",
        "đăng ký khai sinh cho con",
        "xin giấy phép xây dựng nhà ở",
        "đóng bảo hiểm xã hội",
        "làm visa đi Nhật",
        "tra cứu thuế đất",
        "thủ tục ly hôn",
        "làm cccd gắn chip",
        "chuyển nhượng quyền sử dụng đất",
        "sang tên nhà đất",
        "tách thửa đất",
        "làm lại chứng minh nhân dân",
        "đăng ký thường trú",
        "xin trợ cấp thất nghiệp",
        "gia hạn visa",
        "đăng ký xe máy",
        "nộp thuế thu nhập cá nhân",
        "làm căn cước ở đâu",
        "đổi bằng lái ở đâu",
        "đăng ký khai sinh nộp ở đâu",
        "làm sổ đỏ hết bao nhiêu tiền",
        "làm visa mất bao lâu",
        "xin cấp hộ chiếu nộp online được không",
        "đăng ký kết hôn cần chuẩn bị giấy tờ gì",
        "xin cấp hộ chiếu nộp hồ sơ ở đâu",
        "đổi bằng lái xe ô tô mất mấy ngày",
        "cấp sổ đỏ lần đầu lệ phí bao nhiêu",
        "làm căn cước cho con cần giấy tờ gì",
        "đăng ký thường trú nộp online được không",
        "sang tên nhà đất cần làm gì",
        "tôi muốn hỏi về mã số thuế cá nhân",
        "xin giấy phép xây dựng nhà ở cần hồ sơ gì",
        "hỏi về bảo hiểm xã hội một lần",
    ],
    "chitchat": [
        "hôm nay thời tiết thế nào",
        "kể chuyện cười đi",
        "bạn ăn cơm chưa",
        "bạn bao nhiêu tuổi",
        "bạn có người yêu chưa",
        "hát một bài đi",
        "buồn quá",
        "bạn thích màu gì",
        "mấy giờ rồi",
        "tôi chán quá",
        "bạn khỏe không",
        "what's up",
        "kể chuyện vui nghe đi",
        "đố vui đi",
        "hôm nay ngày mấy",
        "bạn thích ăn gì",
        "trời nóng quá",
        "cho xin bài thơ",
        "ngoài trời đang nắng hay mưa vậy",
        "nói gì vui vui đi",
        "bạn có biết nấu ăn không",
    ],
}

DOSSIER_TEMPLATES = [
    "tra cứu giúp {d}",
    "hồ sơ {d} tới đâu rồi",
    "kiểm tra hồ sơ {d} giúp em",
    "mã hồ sơ {d} xem giúp tình trạng",
    "tra cuu ho so {d}",
]
# a code on its own answers the bot's request for it: `inform_digits`, as the intent list says
CODE_ALONE_TEMPLATES = ["{d}", "mã hồ sơ {d}", "mã hs {d}", "đây ạ {d}", "ma ho so {d}", "mã là {d}", "{d} ạ"]
COMPLAINT_CODE_TEMPLATES = ["{k}", "mã phản ánh {k}", "tra cứu {k}", "{k} xử lý chưa", "phản ánh {k} có trả lời chưa"]

CODE_EXAMPLES = [
    ("cho hỏi thủ tục mã {c} cần hồ sơ gì", "ask_documents"),
    ("thủ tục {c} lệ phí bao nhiêu", "ask_fee"),
    ("thủ tục {c} mất bao lâu", "ask_processing_time"),
    ("mã thủ tục {c}", "ask_procedure"),
]

ABBREV = [
    ("giấy phép", "gp"),
    ("giấy chứng nhận", "gcn"),
    ("không", "ko"),
    ("được", "dc"),
    ("hồ sơ", "hs"),
    ("gì", "j"),
    ("bao nhiêu", "bn"),
    ("như thế nào", "ntn"),
    ("vậy", "z"),
    ("thủ tục", "tt"),
    ("kinh doanh", "kd"),
    ("sản xuất", "sx"),
]


COLLOQUIAL = [("không", "hông"), ("vậy", "dzậy"), ("bao nhiêu", "nhiêu"), ("làm", "mần"), ("gì", "chi")]
ENGLISH = [
    ("mất bao lâu", "how long"),
    ("căn cứ pháp lý", "legal basis"),
    ("cảm ơn", "thanks"),
    ("chào", "hi"),
    ("hồ sơ", "documents"),
    ("giấy tờ", "giấy tờ documents"),
    ("lệ phí", "fee"),
    ("bao lâu", "how long"),
    ("trực tuyến", "online"),
    ("ở đâu", "where"),
    ("điều kiện", "requirements"),
    ("cảm ơn", "thanks"),
]
PREFIXES = [
    "chào anh chị, tôi ở phường trung tâm, đang chuẩn bị mở cơ sở kinh doanh nên muốn hỏi trước: ",
    "xin chào cán bộ, gia đình tôi làm ăn nhỏ ở quê, sắp tới định mở rộng nên cần hỏi rõ: ",
    "chào em, chị đang làm thủ tục cho doanh nghiệp mà chưa nắm được quy định, nhờ em tư vấn: ",
    "dạ cho hỏi, công ty mình mới thành lập, đang tìm hiểu các giấy phép cần có, cụ thể là: ",
    "chào ad, ",
    "cho em hỏi chút ạ, ",
    "dạ anh chị ơi, nhà em ở xã bên đang định kinh doanh, ",
    "mình đang lo giấy tờ cho công ty, ",
    "xin lỗi làm phiền, tôi muốn hỏi: ",
    "alo sở ơi, ",
    "chuyện là em mới mở cửa hàng ở chợ huyện, vốn ít, không rành thủ tục, ",
    "chào sở, gia đình tôi ở thôn trên, mấy năm nay buôn bán nhỏ, giờ muốn làm đàng hoàng nên hỏi trước: ",
    "dạ em chào anh chị, em là nhân viên hành chính của công ty, sếp giao tìm hiểu thủ tục nên em hỏi: ",
    "kính gửi sở công thương, tôi là chủ hộ kinh doanh, tôi đang chuẩn bị hồ sơ và có thắc mắc như sau: ",
    "anh chị ơi cho em hỏi, em đọc trên mạng mà không hiểu lắm, ",
    "tôi đã hỏi ở xã nhưng chưa rõ, xin sở giải đáp giúp: ",
    "em chào anh chị ạ, em mới ra trường về quê phụ gia đình buôn bán, nhiều thứ chưa biết, ",
    "hello ad, công ty mình ở khu công nghiệp, phòng hành chính nhờ mình hỏi giúp: ",
    "kính gửi cán bộ tiếp dân, tôi năm nay đã lớn tuổi, không rành mạng, nhờ con gõ giúp câu hỏi: ",
    # context with words of other questions ("cổng dịch vụ công", "giấy tờ", "ở đâu") that must not count
    "tôi có tìm trên cổng dịch vụ công nhưng đọc không hiểu, ",
    "bên phòng hành chính bận nên em hỏi hộ sếp, giấy tờ thì em lo, ",
    "hôm trước tôi lên xã hỏi nhưng cán bộ bảo hỏi sở, ",
    "con tôi đi làm ở tỉnh khác nên tôi tự nhắn hỏi, ",
]
SUFFIXES = [
    " mong anh chị trả lời giúp, xin cảm ơn nhiều.",
    " mong sớm nhận được trả lời của sở.",
    " rất mong được phản hồi, cảm ơn anh chị.",
    " anh chị trả lời giúp em với, em cảm ơn.",
    " rất mong nhận được hướng dẫn, trân trọng cảm ơn.",
    " nhờ anh chị chỉ giúp với, cảm ơn ạ!",
    " ạ",
    " nhé",
    ", cảm ơn nhiều",
    ". em cảm ơn ạ",
    ". mong được phản hồi sớm",
    " với ạ",
    " nha ad",
    ". tối nay tôi vào xem lại tin nhắn.",
    ". tôi đang cần gấp, cảm ơn.",
    ". nhắn giúp mình sớm nhé.",
]
CONTEXT_INTENTS = {
    "ask_procedure",
    "ask_documents",
    "ask_fee",
    "ask_processing_time",
    "ask_online",
    "ask_where_submit",
    "ask_legal_basis",
    "ask_conditions",
    "check_dossier_status",
    "file_complaint",
    "ask_complaint_status",
    "out_of_scope",
}


def swap(text: str, pairs: list[tuple[str, str]]) -> str:
    for a, b in pairs:
        text = re.sub(rf"(?<!\w){a}(?!\w)", b, text, flags=re.IGNORECASE)
    return text


def abbreviate(text: str) -> str:
    for long, short in ABBREV:
        text = re.sub(rf"(?<!\w){long}(?!\w)", short, text, flags=re.IGNORECASE)
    return text


def mentions() -> list[str]:
    pool = set(EXTRA_MENTIONS)
    for proc in load_catalog().procedures:
        pool.add(proc.name.lower() if len(proc.name) < 80 else proc.name)
        pool.update(a for a in proc.aliases if len(a) < 70)
    return sorted(pool)


def render(template: str, mention: str | None, transform) -> str:
    if P not in template or mention is None:
        return transform(template)
    before, after = template.split(P, 1)
    return f"{transform(before)}[{transform(mention)}](procedure){transform(after)}"


def dossier_code(rng: random.Random) -> str:
    """A code shaped like the one-stop systems' (000.00.18.H12-250412-0007), pasted the ways people paste it."""
    code = (
        f"000.00.{rng.randint(10, 40):02d}.H{rng.randint(10, 64):02d}-"
        f"{rng.randint(24, 26):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-{rng.randint(1, 9999):04d}"
    )
    style = rng.random()
    if style < 0.3:
        return code.lower()
    if style < 0.5:
        return code.replace("-", " - ")
    if style < 0.6:
        return code.replace("-", " ")
    return code


def complaint_code(rng: random.Random) -> str:
    number = f"{rng.randint(1, 999):06d}"
    return rng.choice([f"PAKN-2026-{number}", f"pakn-2026-{number}", f"pakn 2026 {number}", f"PAKN-2025-{number}"])


def build_codes(rng: random.Random, data: dict[str, list[str]]) -> None:
    """Bare dossier/complaint codes and phone digits: users answer the bot's question with just these."""
    for template in DOSSIER_TEMPLATES:
        for _ in range(3):
            data["check_dossier_status"].append(template.replace("{d}", dossier_code(rng)))
    for template in COMPLAINT_CODE_TEMPLATES:
        for _ in range(3):
            data["ask_complaint_status"].append(template.replace("{k}", complaint_code(rng)))
    digits = data.pop("inform_digits")
    data["inform_digits"] = [t.replace("{n}", f"{rng.randint(0, 9999):04d}") for t in digits for _ in range(4)]
    for template in CODE_ALONE_TEMPLATES:
        for _ in range(3):
            data["inform_digits"].append(template.replace("{d}", dossier_code(rng)))


COLLECTED = ROOT / "data" / "collected"
# the held-out sets: a collected message that is (folded) one of their texts is left out of training
HELD_OUT = [ROOT / "tests" / "nlu", ROOT / "tests" / "sealed", ROOT / "tests" / "dialogues"]


def _held_out_texts() -> set[str]:
    texts: set[str] = set()
    for folder in HELD_OUT:
        for path in folder.rglob("*.yaml") if folder.exists() else []:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for case in data.get("cases") or []:
                if isinstance(case, dict) and isinstance(case.get("text"), str):
                    texts.add(fold(case["text"]).strip())
            for dialogue in data.get("dialogues") or []:
                for turn in (dialogue or {}).get("turns") or []:
                    if isinstance(turn, dict) and isinstance(turn.get("text"), str):
                        texts.add(fold(turn["text"]).strip())
    return texts


def _annotate(text: str, mention: str | None) -> str:
    """One line of Rasa training data: brackets escaped, the mention marked as the procedure entity."""
    clean = " ".join(text.replace("[", "(").replace("]", ")").split())
    if mention:
        mention = " ".join(mention.replace("[", "(").replace("]", ")").split())
        at = clean.find(mention)
        if at >= 0 and mention.strip():
            return f"{clean[:at]}[{mention}](procedure){clean[at + len(mention) :]}"
    return clean


def collected(intents: set[str]) -> dict[str, list[str]]:
    """Messages written by people who never saw the tests (data/collected/*.yaml), by intent."""
    held_out = _held_out_texts()
    out: dict[str, list[str]] = {}
    for path in sorted(COLLECTED.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for ex in data.get("examples") or []:
            text, intent = ex.get("text"), ex.get("intent")
            if not isinstance(text, str) or intent not in intents or fold(text).strip() in held_out:
                continue
            out.setdefault(intent, []).append(_annotate(text, ex.get("mention")))
    return out


def build() -> dict[str, list[str]]:
    rng = random.Random(SEED)
    pool = mentions()
    codes = sorted(p.code for p in load_catalog().procedures)
    data: dict[str, list[str]] = {}
    for intent, templates in TEMPLATES.items():
        examples: list[str] = []
        for template in templates:
            n = 30 if template == P else (6 if intent == "ask_conditions" else 4)  # bare mentions are common
            fills = rng.sample(pool, n) if P in template else [None]
            for mention in fills:
                examples.append(render(template, mention, lambda s: s))
                roll = rng.random()
                if roll < 0.4:
                    examples.append(render(template, mention, strip_diacritics))
                elif roll < 0.7:
                    examples.append(render(template, mention, abbreviate))
                elif roll < 0.78:
                    examples.append(render(template, mention, lambda s: swap(s, COLLOQUIAL)))
                elif roll < 0.93:
                    examples.append(render(template, mention, lambda s: swap(s, ENGLISH)))
                if intent in CONTEXT_INTENTS and rng.random() < 0.5:
                    wrapped = rng.choice(PREFIXES) + template + rng.choice(SUFFIXES)
                    examples.append(render(wrapped, mention, lambda s: s))
        data[intent] = examples
    build_codes(rng, data)
    for intent, examples in collected(set(data)).items():
        data[intent].extend(examples)
    for template, intent in CODE_EXAMPLES:
        for code in rng.sample(codes, 3):
            data[intent].append(template.replace("{c}", f"[{code}](procedure_code)"))
    seen: set[str] = set()
    for intent, examples in data.items():
        unique = []
        for ex in examples:
            key = ex.lower()
            if key not in seen:
                seen.add(key)
                unique.append(ex)
        data[intent] = unique
    return data


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    data = build()
    total = 0
    for intent, examples in data.items():
        body = "\n".join(f"    - {ex}" for ex in examples)
        (OUT / f"{intent}.yml").write_text(
            '# Generated by scripts/gen_nlu.py; edit the templates there.\nversion: "3.1"\nnlu:\n'
            f"- intent: {intent}\n  examples: |\n{body}\n",
            encoding="utf-8",
        )
        total += len(examples)
    print(f"{total} examples in {len(data)} intents -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
