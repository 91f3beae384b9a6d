"""Whatever staff or an article puts in a text field is shown as text, never run as markup."""
import datetime

import pytest
from django.urls import reverse

from meetings.models import SourceArticle
from tests.factories import (
    AgreementFactory,
    LocalityFactory,
    MeetingFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PersonFactory,
    SourceArticleFactory,
    StageChangeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PAYLOAD = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
RAW_MARKERS = ["<script>alert", "<img src=x onerror", "onerror=alert(1)>"]


@pytest.fixture
def hostile_data(hanoi):
    partner = LocalityFactory(name_en=f"City {PAYLOAD}", name_vi=f"Thành phố {PAYLOAD}", aliases=[PAYLOAD])
    organization = OrganizationFactory(name_vi=f"Cơ quan {PAYLOAD}", name_en=PAYLOAD)
    partnership = PartnershipFactory(hanoi_locality=hanoi, partner_locality=partner, notes=PAYLOAD)
    agreement = AgreementFactory(partnership=partnership, title=f"Thỏa thuận {PAYLOAD}", notes=PAYLOAD,
                                 signatories=PAYLOAD, signed_place=PAYLOAD)
    article = SourceArticleFactory(title=f"Bài báo {PAYLOAD}", publisher=PAYLOAD, summary=PAYLOAD,
                                   clean_text=f"Chiều 4/10, {PAYLOAD} tiếp đoàn.", raw_text=PAYLOAD,
                                   url="https://example.org/x?a=<script>",
                                   review_status=SourceArticle.ReviewStatus.PENDING,
                                   draft={"title": PAYLOAD, "evidence": {"title": PAYLOAD}})
    StageChangeFactory(agreement=agreement, note=PAYLOAD, evidence=article)
    owner = UserFactory(username="editor", is_superuser=True, first_name=PAYLOAD)
    MilestoneFactory(agreement=agreement, title=f"Mốc {PAYLOAD}", notes=PAYLOAD, owner=owner,
                     due_on=datetime.date.today())
    meeting = MeetingFactory(title=f"Cuộc gặp {PAYLOAD}", place=PAYLOAD, summary=PAYLOAD, outcomes=PAYLOAD,
                             date=datetime.date.today())
    meeting.partnerships.add(partnership)
    meeting.organizations.add(organization)
    meeting.articles.add(article)
    person = PersonFactory(full_name=f"Nguyễn {PAYLOAD}", current_title=PAYLOAD)
    ParticipationFactory(meeting=meeting, person=person, title_at_time=PAYLOAD, organization=organization)
    return {"partner": partner, "agreement": agreement, "article": article, "meeting": meeting, "person": person,
            "owner": owner}


def test_no_page_renders_a_payload_as_markup(client, hostile_data):
    client.force_login(hostile_data["owner"])
    urls = [
        "/", "/partners/", f"/partners/{hostile_data['partner'].pk}/", "/agreements/", "/agreements/board/",
        f"/agreements/{hostile_data['agreement'].pk}/", "/meetings/", f"/meetings/{hostile_data['meeting'].pk}/",
        "/articles/", f"/articles/{hostile_data['article'].pk}/", "/milestones/", "/milestones/?mine=1",
        "/people/", f"/people/{hostile_data['person'].pk}/", "/search/?q=%3Cscript%3E",
        f"/search/?q={PAYLOAD}", reverse("ingestion:queue"),
        reverse("ingestion:article_review", args=[hostile_data["article"].pk]),
        "/partners/?q=<script>alert(1)</script>", "/meetings/?sort=<script>",
        "/admin/partnerships/agreement/", f"/admin/partnerships/agreement/{hostile_data['agreement'].pk}/change/",
        "/admin/meetings/meeting/", f"/admin/meetings/meeting/{hostile_data['meeting'].pk}/change/",
        "/admin/meetings/sourcearticle/", "/admin/partnerships/locality/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for marker in RAW_MARKERS:
            assert marker not in html, f"{url} renders {marker!r} unescaped"
    detail = client.get(f"/articles/{hostile_data['article'].pk}/").content.decode()
    assert "&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in detail
