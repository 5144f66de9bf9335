"""Question cues that correct DIET: what they change, and what they must leave alone."""

from __future__ import annotations

import pytest

from bot.nlu.cues import DOUBT, decide, question_text


def refined(text: str, diet: str) -> str:
    """The intent after the cues, for a message with a procedure mention: theirs, or DIET's when they agree."""
    decision = decide(text, diet, 0.9, has_mention=True)
    return decision.intent if decision else diet


LONG = (
    "Chào anh chị, nhà tôi ở thôn trên, sắp tới định mở rộng buôn bán nên muốn hỏi cho chắc: {q} "
    "Mong anh chị trả lời sớm giúp, tôi cảm ơn nhiều ạ."
)


@pytest.mark.parametrize(
    ("text", "diet", "expected"),
    [
        ("Tôi mở tiệm tạp hóa, muốn bán thêm rượu thì lệ phí giấy phép là bao nhêiu?", "ask_procedure", "ask_fee"),
        ("xin gp ban le ruou ton bn tien vay", "ask_documents", "ask_fee"),
        ("cửa hàng xăng dầu chờ mấy ngày thì có giấy", "ask_where_submit", "ask_processing_time"),
        ("gcn attp thi how long", "ask_procedure", "ask_processing_time"),
        ("thẻ an toàn điện cấp mới thì cần chuẩn bị gì", "check_dossier_status", "ask_documents"),
        ("nộp hồ sơ khuyến mại qua mạng được không", "ask_where_submit", "ask_online"),
        ("giấy phép bán buôn rượu nộp ở đâu vậy", "ask_online", "ask_where_submit"),
        ("cho xin căn cứ pháp lý của thủ tục cấp thẻ an toàn điện", "ask_procedure", "ask_legal_basis"),
        ("muốn mở đại lý gas thì cần điều kiện gì", "ask_documents", "ask_conditions"),
        ("Công ty đa cấp tổ chức hội thảo ở tỉnh thì thông báo cho sở thế nào?", "ask_where_submit", "ask_procedure"),
        (LONG.format(q="Giấy phép bán lẻ thuốc lá cần giấy tờ gì?"), "ask_complaint_status", "ask_documents"),
        (LONG.format(q="Thủ tục cấp C/O mất mấy ngày?"), "file_complaint", "ask_processing_time"),
        ("Phản ánh tôi gửi tuần trước đã được trả lời chưa?", "file_complaint", "ask_complaint_status"),
        ("pakn-2026-000123 xử lý tới đâu rồi", "check_dossier_status", "ask_complaint_status"),
        ("hồ sơ của em nộp hôm thứ hai giờ đến đâu rồi ạ", "ask_where_submit", "check_dossier_status"),
        ("tra cứu giúp 000.00.18.h12 - 261028 - 0002", "greet", "check_dossier_status"),
        ("000.00.18.H12-251103-0147", "check_dossier_status", "inform_digits"),
        ("phan anh", "affirm", "file_complaint"),
        ("bzzt krrr pfft", "chitchat", DOUBT),
        ("kiến nghị về việc cắt điện liên tục ở xã Tiên Lãng mà ko báo trước", "out_of_scope", "file_complaint"),
        (
            "hồ sơ xin giấy phép bán buôn thuốc lá của cty tôi nộp tuần trước giờ đến đâu rồi",
            "ask_where_submit",
            "check_dossier_status",
        ),
        ("mã là H12.18-251103-0147 ạ", "check_dossier_status", "inform_digits"),
        ("làm hộ chiếu phổ thông ở đâu?", "ask_where_submit", "out_of_scope"),
        ("Đăng ký kết hôn với người nước ngoài cần gì?", "request_human", "out_of_scope"),
        ("chào ad, gp bán lẻ rượu lệ phí bn", "greet", "ask_fee"),
    ],
)
def test_cues_correct_diet(text, diet, expected):
    decision = decide(text, diet, 0.9, has_mention=True)
    assert decision is not None and decision.intent == expected, decision


@pytest.mark.parametrize(
    ("text", "diet"),
    [
        # a complaint that mentions fees or a dossier stays a complaint
        ("tôi muốn phản ánh cán bộ thu lệ phí cao hơn quy định", "file_complaint"),
        ("tôi bức xúc vì hồ sơ của tôi quá hạn hai tuần mà không ai trả lời", "file_complaint"),
        ("cán bộ một cửa có thái độ không tốt khi tôi hỏi hồ sơ gồm những gì", "file_complaint"),
        # answers inside the complaint form and requests for a person are DIET's
        ("đồng ý", "affirm"),
        ("0912345678", "inform_digits"),
        ("cho tôi gặp cán bộ để hỏi về lệ phí", "request_human"),
        # nothing to say: no cue at all
        ("giấy phép bán lẻ rượu", "ask_procedure"),
        ("xin chào", "greet"),
        ("cảm ơn bạn nhiều", "thank"),
        # "thuê" (rent) folds like "thuế" (tax): not an out-of-scope topic
        ("muốn thuê mặt bằng mở cửa hàng bán lẻ rượu", "ask_procedure"),
        # the sector's own words win over an out-of-scope keyword
        ("hộ kinh doanh muốn đăng ký kinh doanh bán lẻ thuốc lá", "ask_procedure"),
    ],
)
def test_cues_leave_diet_alone(text, diet):
    decision = decide(text, diet, 0.9, has_mention=True)
    assert decision is None or decision.intent == diet, decision


def test_a_procedure_name_is_not_a_question_about_conditions():
    text = "Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu lệ phí bao nhiêu"
    assert "dieu kien" not in question_text(text)
    assert decide(text, "ask_conditions", 0.7, True).intent == "ask_fee"
    asked = "Sửa đổi bổ sung giấy chứng nhận cửa hàng bán lẻ xăng dầu cần đủ điều kiện gì?"
    assert decide(asked, "ask_documents", 0.5, True).intent == "ask_conditions"
    assert decide("kinh phí hỗ trợ điện mặt trời mái nhà", "ask_procedure", 0.9, True) is None  # not a fee


def test_several_questions_answer_the_first_asked():
    text = "hồ sơ gồm những gì và lệ phí bao nhiêu"
    assert decide(text, "ask_fee", 0.7, True).intent == "ask_documents"  # the fee is offered as a button
    assert decide(text, "ask_online", 0.7, True).intent == "ask_documents"


def test_how_to_without_a_procedure_needs_diet_to_have_seen_a_question():
    assert decide("làm sao để vui hơn", "chitchat", 0.9, has_mention=False) is None
    assert decide("công ty đa cấp tổ chức hội thảo thì báo sở thế nào", "chitchat", 0.4).intent == "ask_procedure"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (LONG.format(q="Bạn có phải là máy không?"), "bot_challenge"),
        (LONG.format(q="Thôi chào nhé, hẹn dịp khác."), "goodbye"),
        (LONG.format(q="Hôm nay trời có mưa không?"), "chitchat"),
        (LONG.format(q="Cho tôi nói chuyện với nhân viên."), "request_human"),
    ],
)
def test_small_talk_lost_in_a_long_message(text, expected):
    assert decide(text, "ask_fee", 0.75, has_mention=False).intent == expected


@pytest.mark.parametrize(
    ("text", "diet", "expected"),
    [
        ("đăng ký khuyến mại gồm mấy bước vậy ad", "ask_documents", "ask_procedure"),
        ("trường hợp nào thì được cấp lại giấy phép bán lẻ rượu", "ask_legal_basis", "ask_conditions"),
        ("gp bán lẻ thuốc lá theo luật mô rứa", "ask_processing_time", "ask_legal_basis"),
        ("em muốn xin gp bán buôn rượu thì cần có đk j", "out_of_scope", "ask_conditions"),
        ("mần giấy chứng nhận trạm nạp LPG sao dzậy", "ask_documents", "ask_procedure"),
        ("cho mình trao đổi trực tiếp với chuyên viên của Sở", "check_dossier_status", "request_human"),
        ("could I speak with a real officer please", "ask_documents", "request_human"),
        ("cái kiến nghị tui gửi hôm bữa có ai xem chưa", "file_complaint", "ask_complaint_status"),
        ("dạ em cảm ơn anh chị đã giải thích kỹ", "ask_procedure", "thank"),
    ],
)
def test_everyday_phrasings(text, diet, expected):
    decision = decide(text, diet, 0.8, has_mention=False)
    assert decision is not None and decision.intent == expected, decision


def test_an_unsure_yes_without_a_yes_word_is_doubted():
    assert decide("zxqv wkrp ghtl", "affirm", 0.52).intent == "nlu_fallback"
    assert decide("ok gửi đi", "affirm", 0.52) is None  # a real answer, even unsure
    assert decide("dạ không ạ", "deny", 0.5) is None
    assert decide("Trần Văn Mẫu", "affirm", 0.95) is None  # words, DIET sure: its call (gibberish never is)


@pytest.mark.parametrize(
    ("text", "diet", "expected"),
    [
        # "không"/"chưa" deny in the context and ask only at the end of a clause
        (
            "Hôm nay không ra cửa hàng được nên nhắn. Thôi mình đi làm giấy tờ đây, chào bạn nhé!",
            "ask_documents",
            "goodbye",
        ),
        ("Mình chưa rành lắm. Cho gặp người thật được không?", "ask_documents", "request_human"),
        # "rõ ràng" is not the central "răng" (why)
        ("Bạn giải thích rõ ràng lắm. Cảm ơn bạn!", "ask_procedure", "thank"),
        # "hỏi cho chắc" is not "hội chợ" once the marks are typed
        ("Tôi muốn hỏi cho chắc: khai thuế thu nhập cá nhân ở đâu?", "ask_where_submit", "out_of_scope"),
        # making sure of the channel
        ("đây có phải kênh hỗ trợ của Sở Công Thương không vậy", "check_dossier_status", "greet"),
        ("bên mình là người hay bot thế", "chitchat", "bot_challenge"),
        # "như nào" and "process" ask how
        ("giấy phép bán buôn rượu làm như nào", "ask_processing_time", "ask_procedure"),
        # typed fast: one swap of neighbouring letters in a cue word
        ("giấy phép bán lẻ rượu mất mấy nàgy", "ask_procedure", "ask_processing_time"),
        ("thẻ an toàn điện nộp olnine được không", "ask_procedure", "ask_online"),
        ("thansk bạn nhiều", "out_of_scope", "thank"),
        # a courtesy is not a yes
        ("good evening", "affirm", "greet"),
    ],
)
def test_context_negations_courtesies_and_fast_typing(text, diet, expected):
    decision = decide(text, diet, 0.7)
    assert decision is not None and decision.intent == expected, decision


def test_a_confident_answer_in_a_form_is_left_alone_and_a_sure_small_talk_is_confirmed():
    assert decide("ok, cảm ơn", "affirm", 0.9) is None  # "ok" answers the question
    assert decide("bạn thích xem phim gì", "chitchat", 0.9) is None
    unsure = decide("bạn thích xem phim gì", "chitchat", 0.5)
    assert unsure is not None and unsure.intent == "chitchat"


def test_odd_words_diet_tags_are_not_taken_for_procedure_mentions():
    from bot.nlu.cues import looks_like_mention

    assert not any(looks_like_mention(v) for v in ("chập chờn", "phở", "tạm biệt", "tự động", "đi"))
    assert all(looks_like_mention(v) for v in ("gp bán lẻ rượu", "C/O", "thẻ an toàn điện", "cấp lại", "hội chợ"))


@pytest.mark.parametrize(
    ("text", "diet", "expected"),
    [
        # of several parts, the one a question follows; "xăng dầu" is no "đâu"
        ("Tôi chưa rõ hồ sơ cửa hàng xăng dầu có gửi qua mạng được hay không.", "ask_documents", "ask_online"),
        ("Giấy tờ đã đủ cả rồi, còn nộp về đâu hả ad?", "ask_documents", "ask_where_submit"),
        ("lệ phí nhiêu tiền, nộp ở mô luôn", "ask_where_submit", "ask_fee"),
        # central "mô" only with its mark: "ở mỏ đá" is a place of work
        ("Tui đem hồ sơ giấy phép bán buôn rượu tới chỗ mô?", "ask_procedure", "ask_where_submit"),
        ("Thợ mìn ở mỏ đá xin giấy chứng nhận huấn luyện thì làm thế nào?", "ask_procedure", "ask_procedure"),
        # reading on the internet is not submitting online
        (
            "Tôi đọc trên mạng thấy nhiều thông tin cũ, giấy phép bán lẻ rượu cần giấy tờ gì?",
            "ask_online",
            "ask_documents",
        ),
        ("đăng ký khuyến mãi có tốn đồng nào không", "ask_procedure", "ask_fee"),
        ("văn bản pháp lý nào quy định thủ tục này", "ask_where_submit", "ask_legal_basis"),
        ("cần bằng cấp gì mới được cấp chứng chỉ kiểm định viên", "out_of_scope", "ask_conditions"),
        ("ngoài chợ bán hàng giả nhiều quá, tôi muốn báo lên Sở", "ask_processing_time", "file_complaint"),
    ],
)
def test_the_asked_part_and_dialect_words(text, diet, expected):
    assert refined(text, diet) == expected


def test_a_message_of_thanks_with_context_is_thanks():
    text = (
        "Cảm ơn bạn nhiều. Tôi lo không biết bắt đầu từ đâu, đọc trên mạng toàn tin cũ. Giờ thì đã biết cần "
        "chuẩn bị những gì rồi."
    )
    assert decide(text, "ask_online", 0.9).intent == "thank"


def test_every_catalogue_name_and_alias_looks_like_a_mention(catalog):
    """The filter for odd words DIET tags must keep every way the catalogue names a procedure."""
    from bot.nlu.cues import looks_like_mention

    missed = [(p.code, t) for p in catalog for t in [p.name, *p.aliases] if not looks_like_mention(t)]
    assert not missed


@pytest.mark.parametrize(
    ("text", "diet", "expected"),
    [
        ("Muốn bán bia rượu thì phải xin loại giấy phép nào?", "ask_documents", "ask_procedure"),
        ("mk muốn gửi pakn về việc thu phí sai", "ask_fee", "file_complaint"),
        ("Cần những điều kiện gì? Nộp hồ sơ cho ai?", "ask_where_submit", "ask_conditions"),
        ("giấy phép bán lẻ thuốc lá bị mất, xin lại thì phải đem theo giấy chi", "ask_procedure", "ask_documents"),
        ("cho mình xin checklist documents, btw fee bao nhiêu", "ask_fee", "ask_documents"),
        ("steps để xin giấy phép bán lẻ rượu là gì", "ask_conditions", "ask_procedure"),
        ("gửi mình list các decree về xăng dầu", "ask_procedure", "ask_legal_basis"),
        ("I want to file a complaint, quán bán xăng pha nước", "ask_procedure", "file_complaint"),
        ("Làm sao để đóng tiền điện online?", "ask_online", "out_of_scope"),
    ],
)
def test_requests_duties_and_english_words(text, diet, expected):
    assert refined(text, diet) == expected


def test_thanks_typed_with_m_for_n():
    assert decide("Cảm ơm bạn đã giúp đỡ", "out_of_scope", 0.5).intent == "thank"


def test_a_duty_to_notify_is_not_a_complaint():
    text = "Công ty cho nhân viên đi bán hàng tận nhà, nghe nói phải báo cho Sở biết, vậy báo ở đâu?"
    assert refined(text, "ask_where_submit") == "ask_where_submit"


def test_needing_an_amendment_is_no_false_scale_and_two_questions_take_the_one_with_a_part():
    text = (
        "Công ty vừa đổi địa chỉ trụ sở nên cần điều chỉnh giấy phép kinh doanh. Ở xa không tiện đi lại. "
        "Có thể nộp hồ sơ trực tuyến không?"
    )
    assert decide(text, "ask_where_submit", 0.95, True).intent == "ask_online"  # "cần điều" is no "cân điêu"
    text = "Thế nào thì được cấp giấy chứng nhận giám định? Có bắt buộc phải có giám định viên không?"
    assert decide(text, "ask_procedure", 0.95, True).intent == "ask_conditions"
    assert decide("ad là bot hả", "request_human", 0.7).intent == "bot_challenge"


@pytest.mark.parametrize("text", ["bzzt krrr pfft", "zxqv wkrp ghtl"])
def test_a_confident_yes_or_no_of_gibberish_is_doubt(text):
    assert decide(text, "affirm", 0.85).intent == "nlu_fallback"


@pytest.mark.parametrize("text", ["ok", "oki", "oke bạn", "yes sir", "Trần Văn Mẫu", "0912 345 678", "hk"])
def test_short_real_answers_are_not_gibberish(text):
    decision = decide(text, "affirm", 0.95)
    assert decision is None or decision.intent != "nlu_fallback"


@pytest.mark.parametrize(
    "text",
    [
        "Chào anh chị. Gia đình tôi có cửa hàng tạp hóa nhỏ ở Thủy Nguyên, bán bánh kẹo nước ngọt từ năm 2019. "
        "Tôi nộp hồ sơ ở phường hay phải lên tận Sở ạ?",
        "Dạ em chào ad, em ở xã bên, cho em hỏi cửa hàng tạp hóa muốn bán thêm rượu thì nộp hồ sơ ở đâu ạ?",
    ],
)
def test_a_greeting_opening_a_story_that_asks_is_not_the_message(text):
    decision = decide(text, "ask_where_submit", 0.6)
    assert decision is None or decision.intent != "greet"


def test_a_greeting_alone_is_still_a_greeting():
    assert decide("chào bạn, mình mới vào nhóm", "ask_where_submit", 0.6).intent in ("greet", "goodbye")
