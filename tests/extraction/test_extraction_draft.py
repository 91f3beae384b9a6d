"""End-to-end drafts: evidence, segments, JSON shape, robustness."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.extraction import CLI_KEYS, Draft, extract


def test_vietnamese_article_end_to_end(vi_article):
    d = extract(vi_article)
    j = d.to_json_dict()
    assert tuple(j) == CLI_KEYS
    assert j["title"] == "Hà Nội và Viêng Chăn thúc đẩy hợp tác giáo dục, y tế"
    assert j["event_date"] == "2024-09-20" and j["date_precision"] == "day"
    assert j["event_kind"] == "reception"
    assert j["partner_localities"] == ["Vientiane"] and j["partner_country"] == "LA"
    assert {(a["kind"], a["stage"]) for a in j["agreements"]} == {("cooperation_agreement", "signed"), ("plan", "proposed")}
    assert "https://hanoi.gov.vn/tin-tuc/2024/09/ha-noi-vieng-chan-hop-tac.html" in d.source_urls


def test_every_field_has_its_sentence(vi_article):
    d = extract(vi_article)
    for field in ("title", "event_date", "event_kind", "partner_localities", "partner_country", "hanoi_officials",
                  "foreign_officials", "agreements", "areas"):
        assert d.evidence[field], field
        if field != "title":
            assert d.evidence[field] in d.clean_text or d.evidence[field] == d.title
    assert d.evidence["event_date"].startswith("Chiều 20/9")
    assert all(a["sentence"] in d.clean_text for a in d.agreements)


def test_second_meeting_becomes_a_segment(vi_article):
    d = extract(vi_article)
    assert len(d.segments) == 2
    first, second = d.segments
    assert [p["name"] for p in first.hanoi_officials] == ["Bùi Thị Minh Hoài"]
    assert [p["name"] for p in second.hanoi_officials] == ["Trần Sỹ Thanh"]
    assert [p["name"] for p in second.foreign_officials] == ["Atsaphangthong Siphandone"]
    assert second.text.startswith("Trước đó,")
    # top level describes the first meeting
    assert "Trần Sỹ Thanh" not in [p["name"] for p in d.hanoi_officials]


def test_english_article_end_to_end(en_article):
    j = extract(en_article).to_json_dict()
    assert j["event_date"] == "2024-12-02" and j["event_kind"] == "reception"
    assert j["partner_localities"] == ["Tokyo"] and j["partner_country"] == "JP"
    assert j["hanoi_officials"] == [{"name": "Tran Sy Thanh", "title": "Hanoi Mayor"}]
    assert j["foreign_officials"] == [{"name": "Hideaki Ishizaka", "title": "Vice Governor of Tokyo"}]
    assert j["agreements"] == [{"kind": "mou", "stage": "proposed"}]


def test_html_article_end_to_end(html_article):
    j = extract(html_article).to_json_dict()
    assert j["event_kind"] == "signing"
    assert j["event_date"] == "2025-02-13"
    assert j["partner_localities"] == ["Bangkok"]
    assert j["agreements"] == [{"kind": "plan", "stage": "signed"}]


def test_published_accepts_date_or_string():
    text = "Hà Nội tiếp đoàn Xơ-un\nChiều 19/11, Chủ tịch UBND thành phố Trần Sỹ Thanh tiếp Thị trưởng Xơ-un Oh Se-hoon."
    assert extract(text, published=dt.date(2024, 11, 20)).event_date == dt.date(2024, 11, 19)
    assert extract(text, published="2024-11-20").event_date == dt.date(2024, 11, 19)


def test_empty_and_junk_inputs_give_an_empty_draft():
    for text in ("", "   ", "Trang chủ\nĐăng nhập\nĐọc nhiều\n"):
        d = extract(text)
        assert isinstance(d, Draft) and not d.is_article


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_extract_never_raises_on_arbitrary_text(text):
    assert isinstance(extract(text), Draft)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([
    "Chiều 2/3, Bí thư Thành ủy Vương Đình Huệ gặp Đại sứ Hoa Kỳ Daniel Kritenbrink.", "Đọc nhiều", "./.",
    "Hai bên ký kết biên bản ghi nhớ.", "![]() |", "26 Nov, 11:42 PM", "• Rất hay", "Mayor of Seoul Oh Se-hoon",
    "Thủ đô Viêng Chăn", "15/08/2023 14:56", "<p>", "Theo Hanoi.gov.vn", "* Trước đó, ông A đã tiếp ông B.", "",
]), max_size=25).map("\n".join))
def test_extract_never_raises_on_article_like_text(text):
    d = extract(text, url="https://x.vn/2023/10/a.html", published="2023-10-05")
    assert isinstance(d, Draft)
    assert set(d.to_json_dict()) == set(CLI_KEYS)
