"""article_ingest and the /articles/new/ page: paste, upload, duplicates and bad input."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from meetings.ingestion import article_ingest, articles_awaiting_review
from meetings.models import SourceArticle
from meetings.services import article_content_hash
from tests.ingestion import articles as A

pytestmark = pytest.mark.django_db
NEW = "/articles/new/"


def test_paste_stores_a_pending_draft_with_evidence(editor, vientiane):
    article, created = article_ingest(text=A.VI_VIENTIANE, published=datetime.date(2025, 3, 12), by=editor)

    assert created
    article.refresh_from_db()
    assert article.review_status == SourceArticle.ReviewStatus.PENDING
    assert article.added_by == editor
    assert article.language == "vi"
    assert article.title == "Hà Nội - Viêng Chăn mở rộng hợp tác đào tạo nghề"
    assert article.published_on == datetime.date(2025, 3, 12)
    assert article.raw_text.startswith("Hà Nội - Viêng Chăn")
    assert "Đọc nhiều" not in article.clean_text and "Trang chủ" not in article.clean_text
    assert article.content_hash == article_content_hash(article.clean_text)
    draft = article.draft
    assert draft["event_date"] == "2025-03-12"
    assert draft["evidence"]["event_date"].startswith("Sáng 12/3")
    assert "Lê Hồng Sơn" in draft["evidence"]["hanoi_officials"]
    assert draft["segments"][0]["hanoi_officials"][0]["name"] == "Lê Hồng Sơn"
    # the DB locality was in the gazetteer: its id travels with the draft
    assert [e.get("id") for e in draft["partner_locality_entries"]] == [vientiane.pk]
    assert list(articles_awaiting_review()) == [article]


def test_english_article_is_recognised_as_english(editor):
    article, _ = article_ingest(text=A.EN_LOS_ANGELES, url="https://news.example.com/la-hanoi", by=editor)
    assert article.language == "en"
    assert article.url == "https://news.example.com/la-hanoi"
    assert article.publisher == "news.example.com"
    assert article.draft["partner_localities"] == ["Los Angeles"]


def test_paste_through_the_page_redirects_to_the_review(editor_client):
    response = editor_client.post(NEW, {"text": A.VI_VIENTIANE, "published": "2025-03-12"})
    article = SourceArticle.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("ingestion:article_review", args=[article.pk])


def test_upload_txt(editor_client):
    upload = SimpleUploadedFile("bai-viet.txt", A.VI_VIENTIANE.encode("utf-8"), content_type="text/plain")
    response = editor_client.post(NEW, {"upload": upload})
    assert response.status_code == 302
    article = SourceArticle.objects.get()
    assert article.clean_text.startswith("Sáng 12/3")


def test_upload_html_drops_scripts_and_menus(editor_client):
    upload = SimpleUploadedFile("trang.html", A.HTML_PAGE.encode("utf-8"), content_type="text/html")
    response = editor_client.post(NEW, {"upload": upload, "url": "https://bao.example.vn/jakarta.html"})
    assert response.status_code == 302
    article = SourceArticle.objects.get()
    assert article.title == "Hà Nội tiếp Đoàn đại biểu thành phố Jakarta"
    assert "Rudi Hartono" in article.clean_text
    assert "analytics" not in article.clean_text and "Trang chủ" not in article.clean_text
    assert article.url == "https://bao.example.vn/jakarta.html"


def test_upload_in_a_legacy_charset_declared_in_the_page(editor):
    page = A.HTML_PAGE.replace('charset="utf-8"', 'charset="utf-16"').encode("utf-16")
    article, created = article_ingest(upload=SimpleUploadedFile("p.html", page), by=editor)
    assert created and "Rudi Hartono" in article.clean_text


def test_same_url_leads_to_the_existing_article(editor_client, editor):
    first, _ = article_ingest(text=A.VI_VIENTIANE, url="https://bao.example.vn/a1", by=editor)
    response = editor_client.post(NEW, {"text": A.EN_LOS_ANGELES, "url": "https://bao.example.vn/a1"}, follow=True)
    assert SourceArticle.objects.count() == 1
    assert response.redirect_chain[0][0] == reverse("ingestion:article_review", args=[first.pk])
    assert "already in the tracker" in response.content.decode()


def test_same_cleaned_text_leads_to_the_existing_article(editor_client, editor):
    first, _ = article_ingest(text=A.VI_VIENTIANE, by=editor)
    # pasted again from another site's page: other menus, other spacing and case
    again = ("Trang chủ | Tin tức\n" + A.VI_VIENTIANE.replace("Sáng 12/3,", "Sáng  12/3, ")
             .replace("Đọc nhiều", "Tin liên quan"))
    second, created = article_ingest(text=again, url="https://other.example.com/x", by=editor)
    assert not created and second == first
    response = editor_client.post(NEW, {"text": A.VI_VIENTIANE})
    assert response.status_code == 302 and SourceArticle.objects.count() == 1
    assert response["Location"] == reverse("ingestion:article_review", args=[first.pk])


def test_confirmed_duplicate_leads_to_the_article_page(editor_client, editor):
    first, _ = article_ingest(text=A.VI_VIENTIANE, by=editor)
    SourceArticle.objects.filter(pk=first.pk).update(review_status=SourceArticle.ReviewStatus.CONFIRMED)
    response = editor_client.post(NEW, {"text": A.VI_VIENTIANE})
    assert response["Location"] == reverse("meetings:article_detail", args=[first.pk])


BIG = 20 * 1024 * 1024


@pytest.mark.parametrize(("data", "message"), [
    ({"text": ""}, "Paste the article, upload a file or give its address."),
    ({"text": "   \n\t  "}, "Paste the article, upload a file or give its address."),
    ({"text": "Chiều 8/4\x00\x00 Hà Nội tiếp đoàn"}, "looks like a binary file"),
    ({"upload": ("anh.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)}, "looks like a binary file"),
    ({"upload": ("latin.txt", b"H\xe0 N\xf4i ti\xeap \xc3\x28 \xff\xfe\xfd")}, "could not be read as text"),
    ({"upload": ("bao.pdf", b"%PDF-1.7 hello world text")}, "Upload a .txt or .html file."),
    ({"text": "x" * BIG}, "larger than the limit of 5 MB"),
    ({"text": "Hà Nội tiếp đoàn. " * (5 * 1024 * 1024 // 20 + 1000)}, "larger than the limit of 5 MB"),
    ({"upload": ("big.txt", b"Ha Noi tiep doan. " * (BIG // 18))}, "larger than the limit of 5 MB"),
    ({"text": A.BROKEN_HTML}, "No article text could be found"),
    ({"text": A.SCRIPT_ONLY_HTML}, "No article text could be found"),
    ({"text": "Hà Nội tiếp đoàn."}, "No article text could be found"),
    ({"url": "ftp://bao.example.vn/a.txt"}, "Only http and https addresses can be fetched."),
    ({"url": "javascript:alert(1)"}, "Enter a valid URL."),
    ({"text": A.VI_VIENTIANE, "upload": ("a.txt", b"Ha Noi tiep doan dai bieu.")},
     "Give the article one way only"),
], ids=["empty", "blank", "nul-paste", "binary-upload", "undecodable", "pdf", "20mb-paste", "5mb-paste", "20mb-upload",
        "broken-html", "script-only", "too-short", "ftp", "javascript-url", "two-inputs"])
def test_bad_input_gets_a_message_and_stores_nothing(editor_client, data, message):
    data = dict(data)
    if "upload" in data:
        name, content = data["upload"]
        data["upload"] = SimpleUploadedFile(name, content)
    response = editor_client.post(NEW, data)
    assert response.status_code in (400, 413)
    assert message in response.content.decode()
    assert SourceArticle.objects.count() == 0


def test_the_message_follows_the_language(editor_client, settings):
    editor_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    response = editor_client.post(NEW, {"text": "Chiều 8/4\x00\x00 Hà Nội tiếp đoàn"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "looks like a binary file" not in page
    assert "tệp nhị phân" in page  # the Vietnamese catalogue's message


def test_csrf_is_still_checked(editor):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(NEW, {"text": A.VI_VIENTIANE})
    assert response.status_code == 403
    assert SourceArticle.objects.count() == 0


def test_service_refuses_without_input(editor):
    with pytest.raises(ValidationError) as caught:
        article_ingest(by=editor)
    assert caught.value.code == "empty"
    assert SourceArticle.objects.count() == 0


def test_an_extractor_failure_keeps_the_article_for_manual_review(editor_client, editor, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr("meetings.ingestion.extract_draft", broken)
    article, created = article_ingest(text=A.EN_LOS_ANGELES, by=editor)
    assert created and article.draft["extraction_failed"]
    assert "Tran Quoc Bao" in article.clean_text
    page = editor_client.get(reverse("ingestion:article_review", args=[article.pk])).content.decode()
    assert "could not be read automatically" in page
