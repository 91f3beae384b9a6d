"""Who may add and review articles, the review queue, and the query budgets of both pages."""
import datetime

import pytest
from django.urls import reverse

from meetings.ingestion import article_ingest, articles_awaiting_review
from meetings.models import Meeting, SourceArticle
from partnerships.models import Agreement, Locality
from tests.factories import (
    AgreementFactory,
    HanoiFactory,
    LocalityFactory,
    PartnershipFactory,
    PersonFactory,
    SourceArticleFactory,
)
from tests.ingestion import articles as A
from tests.ingestion.helpers import prefilled_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(editor, hanoi, vientiane):
    article, _ = article_ingest(text=A.VI_VIENTIANE, published=datetime.date(2025, 3, 12), by=editor)
    return article


def test_viewer_gets_403_and_nothing_changes(viewer_client, article):
    review = reverse("ingestion:article_review", args=[article.pk])
    data = prefilled_post(article)
    responses = [
        viewer_client.get("/articles/new/"),
        viewer_client.post("/articles/new/", {"text": A.EN_LOS_ANGELES}),
        viewer_client.get(review),
        viewer_client.post(review, data),
        viewer_client.post(review, {"dismiss": "1"}),
    ]
    assert [r.status_code for r in responses] == [403] * 5
    assert SourceArticle.objects.count() == 1
    assert Meeting.objects.count() == 0
    article.refresh_from_db()
    assert article.review_status == SourceArticle.ReviewStatus.PENDING


def test_anonymous_is_sent_to_log_in(client, article):
    for url in ("/articles/new/", "/articles/review/", reverse("ingestion:article_review", args=[article.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_queue_lists_pending_articles_with_review_links(editor_client, article):
    SourceArticleFactory(review_status=SourceArticle.ReviewStatus.CONFIRMED, title="Đã duyệt")
    page = editor_client.get("/articles/review/").content.decode()
    assert article.title in page and "Đã duyệt" not in page
    assert reverse("ingestion:article_review", args=[article.pk]) in page


def test_viewer_sees_the_queue_without_review_links(viewer_client, article):
    response = viewer_client.get("/articles/review/")
    assert response.status_code == 200
    assert reverse("ingestion:article_review", args=[article.pk]) not in response.content.decode()


def test_selector_is_joined(editor, django_assert_num_queries):
    for n in range(5):
        SourceArticleFactory(added_by=editor)
    with django_assert_num_queries(1):
        assert {a.added_by.username for a in articles_awaiting_review()} == {editor.username}


def _rich_world(editor, count=12):
    """Enough localities, partnerships, agreements and people that an N+1 would show."""
    hanoi = HanoiFactory()
    for n in range(count):
        partnership = PartnershipFactory(hanoi_locality=hanoi, partner_locality=LocalityFactory())
        AgreementFactory(partnership=partnership, kind=Agreement.Kind.MOU)
        PersonFactory()


def test_review_page_query_budget(editor_client, editor, vientiane, django_assert_max_num_queries):
    _rich_world(editor)
    partnership = PartnershipFactory(hanoi_locality=Locality.objects.get(name_en="Hanoi"), partner_locality=vientiane)
    AgreementFactory(partnership=partnership, kind=Agreement.Kind.MOU)
    article, _ = article_ingest(text=A.VI_TWO_MEETINGS, published=datetime.date(2025, 2, 20), by=editor)
    url = reverse("ingestion:article_review", args=[article.pk])
    editor_client.get(url)  # warm the session
    with django_assert_max_num_queries(11):
        response = editor_client.get(url)
    assert len(response.context["formset"].forms) == 2


def test_queue_query_budget(editor_client, editor, django_assert_max_num_queries):
    for n in range(15):
        SourceArticleFactory(added_by=editor)
    with django_assert_max_num_queries(7):
        response = editor_client.get("/articles/review/")
    assert response.content.decode().count("/review/\">") >= 15
