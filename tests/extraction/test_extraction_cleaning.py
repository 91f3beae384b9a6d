"""Main-text extraction keeps every article sentence and drops page boilerplate."""
import pytest

from meetings.extraction.cleaning import clean, looks_like_html
from meetings.extraction.text import fold, split_sentences

from conftest import EN_NOISE, EN_SENTENCES, VI_NOISE, VI_SENTENCES


def test_vietnamese_dump_keeps_every_article_sentence(vi_article):
    res = clean(vi_article)
    for sentence in VI_SENTENCES:
        assert sentence in res.text, sentence


@pytest.mark.parametrize("noise", VI_NOISE)
def test_vietnamese_dump_drops_each_kind_of_boilerplate(vi_article, noise):
    assert noise not in clean(vi_article).text


def test_title_date_line_and_source_url(vi_article):
    res = clean(vi_article)
    assert res.title == "Hà Nội và Viêng Chăn thúc đẩy hợp tác giáo dục, y tế"
    assert res.dateline == "20/09/2024 16:40"
    assert res.source_urls[0] == "https://hanoi.gov.vn/tin-tuc/2024/09/ha-noi-vieng-chan-hop-tac.html"


def test_english_dump(en_article):
    res = clean(en_article)
    assert res.title == "Hanoi, Tokyo eye stronger ties in urban railway, environment"
    for sentence in EN_SENTENCES:
        assert sentence in res.text, sentence
    for noise in EN_NOISE:
        assert noise not in res.text, noise


def test_unrelated_teasers_after_the_end_mark_are_dropped():
    text = ("Hà Nội và Bắc Kinh tăng cường hợp tác\n"
            "Sáng 5/12, Phó Chủ tịch UBND thành phố Hà Minh Hải đã tiếp Phó Thị trưởng Bắc Kinh Tư Mã Hồng tại Hà Nội.\n"
            "Hai bên trao đổi về hợp tác trong lĩnh vực giao thông đô thị và bảo vệ môi trường./.\n"
            "Sáng nay, 5/12, Sở Y tế Hà Nội tổ chức hội nghị tổng kết công tác phòng chống dịch sốt xuất huyết năm 2024.\n"
            "Giá vàng miếng hôm nay tiếp tục tăng mạnh, vượt mốc 90 triệu đồng mỗi lượng theo ghi nhận của phóng viên.\n")
    res = clean(text)
    assert "giao thông đô thị" in res.text
    assert "sốt xuất huyết" not in res.text
    assert "Giá vàng" not in res.text


def test_teasers_without_end_mark_dropped_when_off_topic():
    text = ("Hà Nội và Bắc Kinh tăng cường hợp tác\n"
            "Sáng 5/12, Phó Chủ tịch UBND thành phố Hà Minh Hải đã tiếp Phó Thị trưởng Bắc Kinh Tư Mã Hồng tại Hà Nội.\n"
            "Phó Thị trưởng Tư Mã Hồng cho biết Bắc Kinh mong muốn trao đổi kinh nghiệm về giao thông đô thị.\n"
            "Hai bên trao đổi về hợp tác trong lĩnh vực giao thông đô thị và bảo vệ môi trường.\n"
            "Giá vàng miếng hôm nay tiếp tục tăng mạnh, vượt mốc 90 triệu đồng mỗi lượng theo ghi nhận của phóng viên.\n")
    res = clean(text)
    assert "Hai bên trao đổi" in res.text
    assert "Giá vàng" not in res.text


def test_html_uses_trafilatura_and_drops_comments(html_article):
    assert looks_like_html(html_article)
    res = clean(html_article)
    assert res.is_html
    assert res.title == "Hanoi, Bangkok sign cooperation plan for 2025-2027"
    assert "signed a cooperation plan" in res.text
    assert "preserving its cultural heritage" in res.text
    assert "I hope to visit Bangkok soon" not in res.text
    assert "Gold price rises" not in res.text


def test_html_fallback_when_trafilatura_finds_nothing(monkeypatch):
    import trafilatura
    monkeypatch.setattr(trafilatura, "extract", lambda *a, **k: None)
    html = ("<html><body><div><p>Hanoi and Seoul agree to cooperate</p>"
            "<p>On November 19, Hanoi Mayor Tran Sy Thanh received Mayor of Seoul Oh Se-hoon at the city hall.</p>"
            "<p>The two sides discussed cooperation in smart city development and culture exchanges.</p></div></body></html>")
    res = clean(html)
    assert "received Mayor of Seoul Oh Se-hoon" in res.text


def test_plain_text_is_not_html(vi_article):
    assert not looks_like_html(vi_article)


def test_fold_strips_vietnamese_diacritics():
    assert fold("Viêng Chăn") == "vieng chan"
    assert fold("ĐỖ Đình Hồng") == "do dinh hong"
    assert fold("Hà Nội") == fold("HA NOI") == "ha noi"


def test_sentence_split_keeps_initials_and_abbreviations():
    s = split_sentences("Đại sứ Marc E. Knapper bày tỏ vui mừng. On Tuesday (Nov. 19), the U.S. Ambassador met him.")
    assert s == ["Đại sứ Marc E. Knapper bày tỏ vui mừng.", "On Tuesday (Nov. 19), the U.S. Ambassador met him."]


def test_teaser_paragraphs_before_the_article_are_not_taken_for_it():
    text = ("Tin nổi bật\n"
            "Sở Giáo dục Hà Nội công bố điểm chuẩn vào lớp 10 năm học mới, nhiều trường tăng điểm so với năm trước.\n"
            "Giá xăng dầu đồng loạt giảm từ 15 giờ chiều nay theo quyết định của liên Bộ Công Thương - Tài chính.\n"
            "Cháy kho hàng ở Long Biên, lực lượng cứu hỏa khống chế đám cháy sau hai giờ, không có thiệt hại về người.\n"
            "Ngân hàng Nhà nước điều chỉnh tỷ giá trung tâm, đồng USD tăng nhẹ trên thị trường tự do cuối tuần.\n"
            "\n"
            "Hà Nội và Tô-ky-ô tăng cường hợp tác về môi trường\n"
            "Chiều 15/10, Phó Chủ tịch UBND thành phố Dương Đức Tuấn đã tiếp Phó Thống đốc Tô-ky-ô Hideaki Ishizaka.\n"
            "Phó Thống đốc Hideaki Ishizaka cho biết Tô-ky-ô muốn chia sẻ kinh nghiệm xử lý chất thải với Hà Nội.\n"
            "Phó Chủ tịch Dương Đức Tuấn đề nghị Tô-ky-ô hỗ trợ Hà Nội đào tạo cán bộ quản lý môi trường./.\n")
    res = clean(text)
    assert res.title == "Hà Nội và Tô-ky-ô tăng cường hợp tác về môi trường"
    assert res.text.startswith("Chiều 15/10")
    assert "điểm chuẩn" not in res.text and "Giá xăng" not in res.text
