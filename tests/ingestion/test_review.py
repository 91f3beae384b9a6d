"""The review page and article_confirm: pre-filled forms with evidence, escaped text, one
transaction for meetings + participants + links + stage changes, several meetings per article."""
import datetime

import pytest
from django.urls import reverse

from meetings.ingestion import article_ingest
from meetings.models import Meeting, Participation, Person, SourceArticle
from partnerships.models import Agreement, Locality, Partnership, StageChange
from tests.factories import AgreementFactory, HanoiFactory, PartnershipFactory, PersonFactory
from tests.ingestion import articles as A
from tests.ingestion.helpers import prefilled_post

pytestmark = pytest.mark.django_db


def review_url(article):
    return reverse("ingestion:article_review", args=[article.pk])


@pytest.fixture
def vientiane_partnership(vientiane):
    return PartnershipFactory(hanoi_locality=HanoiFactory(), partner_locality=vientiane)


@pytest.fixture
def mou(vientiane_partnership):
    return AgreementFactory(partnership=vientiane_partnership, kind=Agreement.Kind.MOU,
                            title="Biên bản ghi nhớ đào tạo nghề", stage=Agreement.Stage.PROPOSED,
                            stage_changed_on=datetime.date(2024, 1, 10))


@pytest.fixture
def article(editor, mou):
    article, _ = article_ingest(text=A.VI_VIENTIANE, published=datetime.date(2025, 3, 12), by=editor)
    return article


def test_review_page_prefills_the_draft_with_evidence(editor_client, article, vientiane, vientiane_partnership, mou):
    response = editor_client.get(review_url(article))
    assert response.status_code == 200
    page = response.content.decode()
    form = response.context["formset"].forms[0]
    assert form["title"].value() == article.title
    assert form["date"].value() == datetime.date(2025, 3, 12)
    assert form["kind"].value() == Meeting.Kind.RECEPTION
    assert form["part_of_day"].value() == Meeting.PartOfDay.MORNING
    assert form["partner_localities"].value() == [str(vientiane.pk)]
    assert form["partnerships"].value() == [str(vientiane_partnership.pk)]
    assert form["agreements"].value() == [str(mou.pk)]
    assert "education" in form["areas"].value()  # the extractor's slugs are CooperationArea slugs
    people = response.context["nested"][0][1]
    assert [(f["name"].value(), f["side"].value(), f["role"].value()) for f in people.forms[:2]] == [
        ("Lê Hồng Sơn", "hanoi", "host"), ("Bounmy Keophila", "partner", "guest")]
    stages = response.context["nested"][0][2]
    assert stages.forms[0]["agreement"].value() == str(mou.pk)
    assert stages.forms[0]["to_stage"].value() == Agreement.Stage.NEGOTIATING  # allowed from "proposed"
    # the evidence sentences are shown beside the fields
    assert "Evidence" in page
    assert "Sáng 12/3, tại trụ sở UBND Thành phố" in page
    assert "đang đàm phán biên bản ghi nhớ" in page


def test_article_text_is_escaped(editor_client, editor):
    article, _ = article_ingest(text=A.SCRIPT_IN_TEXT, by=editor)
    assert "<script>" in article.clean_text
    page = editor_client.get(review_url(article)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in page


def test_confirm_creates_meeting_participants_and_link(editor_client, editor, article, vientiane_partnership, mou):
    data = prefilled_post(article)
    response = editor_client.post(review_url(article), data)

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:meeting_detail", args=[meeting.pk])
    assert meeting.date == datetime.date(2025, 3, 12)
    assert meeting.part_of_day == Meeting.PartOfDay.MORNING
    assert list(meeting.articles.all()) == [article]
    assert list(meeting.partnerships.all()) == [vientiane_partnership]
    assert list(meeting.agreements.all()) == [mou]
    assert "education" in set(meeting.areas.values_list("slug", flat=True))
    rows = {(p.person.full_name, p.title_at_time, p.side, p.role)
            for p in meeting.participations.select_related("person")}
    assert rows == {("Lê Hồng Sơn", "Phó Chủ tịch UBND Thành phố Hà Nội", "hanoi", "host"),
                    ("Bounmy Keophila", "Phó Đô trưởng Thủ đô Viêng Chăn", "partner", "guest")}
    article.refresh_from_db()
    assert article.review_status == SourceArticle.ReviewStatus.CONFIRMED
    mou.refresh_from_db()
    assert mou.stage == Agreement.Stage.NEGOTIATING
    change = StageChange.objects.get(agreement=mou, to_stage=Agreement.Stage.NEGOTIATING)
    assert change.evidence == article and change.recorded_by == editor


def test_existing_person_is_matched_by_folded_name(editor_client, article):
    known = PersonFactory(full_name="LE HONG SON")
    editor_client.post(review_url(article), prefilled_post(article))
    assert Person.objects.filter(full_name__iexact="le hong son").count() == 1
    assert Participation.objects.filter(person=known).exists()


def test_reviewer_corrections_are_kept(editor_client, article):
    data = prefilled_post(article)
    data["meetings-0-title"] = "Tiếp Phó Đô trưởng Viêng Chăn"
    data["meetings-0-date_precision"] = "month"
    data["meetings-0-people-1-keep"] = ""  # drop the guest
    data["meetings-0-people-2-name"] = "Nguyễn Thu Hà"
    data["meetings-0-people-2-title"] = "Giám đốc Sở Ngoại vụ"
    data["meetings-0-stages-0-to_stage"] = ""  # no stage change
    editor_client.post(review_url(article), data)
    meeting = Meeting.objects.get()
    assert meeting.title == "Tiếp Phó Đô trưởng Viêng Chăn"
    assert meeting.date == datetime.date(2025, 3, 1) and meeting.display_date == "03/2025"
    assert sorted(meeting.participations.values_list("person__full_name", flat=True)) == [
        "Lê Hồng Sơn", "Nguyễn Thu Hà"]
    assert StageChange.objects.filter(to_stage=Agreement.Stage.NEGOTIATING).count() == 0


def test_a_refused_stage_change_saves_nothing(editor_client, article, mou):
    data = prefilled_post(article)
    data["meetings-0-stages-0-to_stage"] = Agreement.Stage.SIGNED  # proposed → signed is not allowed
    counts = (Person.objects.count(), Locality.objects.count(), Partnership.objects.count(),
              StageChange.objects.count())

    response = editor_client.post(review_url(article), data)

    assert response.status_code == 400
    page = response.content.decode()
    assert "An agreement cannot move from" in page
    assert "nothing was saved" in page
    assert Meeting.objects.count() == 0 and Participation.objects.count() == 0
    assert (Person.objects.count(), Locality.objects.count(), Partnership.objects.count(),
            StageChange.objects.count()) == counts
    article.refresh_from_db()
    assert article.review_status == SourceArticle.ReviewStatus.PENDING
    mou.refresh_from_db()
    assert mou.stage == Agreement.Stage.PROPOSED


def test_resubmitting_does_not_duplicate(editor_client, article):
    data = prefilled_post(article)
    editor_client.post(review_url(article), data)
    response = editor_client.post(review_url(article), data, follow=True)
    assert Meeting.objects.count() == 1
    assert Participation.objects.count() == 2
    assert "already been reviewed" in response.content.decode()


def test_two_meetings_in_one_article(editor_client, editor, hanoi, vientiane):
    article, _ = article_ingest(text=A.VI_TWO_MEETINGS, published=datetime.date(2025, 2, 20), by=editor)
    response = editor_client.get(review_url(article))
    formset = response.context["formset"]
    assert len(formset.forms) == 2
    assert formset.forms[0]["date"].value() == datetime.date(2025, 2, 20)
    assert formset.forms[1]["date"].value() == datetime.date(2025, 2, 19)
    assert formset.forms[1]["part_of_day"].value() == Meeting.PartOfDay.MORNING
    second_people = response.context["nested"][1][1]
    assert second_people.forms[0]["name"].value() == "Trương Minh Đức"

    response = editor_client.post(review_url(article), prefilled_post(article))
    assert response.status_code == 302
    meetings = list(Meeting.objects.order_by("date"))
    assert [m.date for m in meetings] == [datetime.date(2025, 2, 19), datetime.date(2025, 2, 20)]
    assert all(list(m.articles.all()) == [article] for m in meetings)
    # the ambassador appears at both meetings as one person
    ambassador = Person.objects.get(full_name="Somphone Vilayvong")
    assert ambassador.participations.count() == 2


def test_drop_one_of_two_meetings(editor_client, editor, hanoi, vientiane):
    article, _ = article_ingest(text=A.VI_TWO_MEETINGS, published=datetime.date(2025, 2, 20), by=editor)
    data = prefilled_post(article)
    data["meetings-1-DELETE"] = "on"
    editor_client.post(review_url(article), data)
    assert list(Meeting.objects.values_list("date", flat=True)) == [datetime.date(2025, 2, 20)]


def test_add_a_meeting(editor_client, article):
    data = prefilled_post(article)
    data["add_meeting"] = "1"
    response = editor_client.post(review_url(article), data)
    assert response.status_code == 200 and len(response.context["formset"].forms) == 2
    assert Meeting.objects.count() == 0
    # the reviewer fills the new form in and confirms
    data = {key: value for key, value in data.items() if key != "add_meeting"}
    data.update({"meetings-TOTAL_FORMS": "2", "meetings-1-title": "Thăm trường nghề Việt - Lào",
                 "meetings-1-date": "2025-03-13", "meetings-1-date_precision": "day", "meetings-1-kind": "other"})
    response = editor_client.post(review_url(article), data)
    assert response.status_code == 302
    assert Meeting.objects.count() == 2


def test_new_locality_is_created_with_an_exploring_partnership(editor_client, editor):
    HanoiFactory()
    article, _ = article_ingest(text=A.EN_LOS_ANGELES, published=datetime.date(2025, 3, 5), by=editor)
    data = prefilled_post(article)
    assert data["meetings-0-new_localities"] == ["0"]
    editor_client.post(review_url(article), data)
    los_angeles = Locality.objects.get(name_en="Los Angeles")
    assert str(los_angeles.country) == "US" and not los_angeles.is_hanoi_side
    partnership = Partnership.objects.get(partner_locality=los_angeles)
    assert partnership.status == Partnership.Status.EXPLORING
    assert list(Meeting.objects.get().partnerships.all()) == [partnership]


def test_dismiss(editor_client, article):
    response = editor_client.post(review_url(article), {"dismiss": "1"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.review_status == SourceArticle.ReviewStatus.DISMISSED
    assert Meeting.objects.count() == 0


def test_a_reviewed_article_shows_no_form(editor_client, article):
    editor_client.post(review_url(article), prefilled_post(article))
    response = editor_client.get(review_url(article))
    assert response.context["formset"] is None
    assert "has been reviewed already" in response.content.decode()


def test_invalid_form_shows_errors_and_saves_nothing(editor_client, article):
    data = prefilled_post(article)
    data["meetings-0-date"] = ""
    response = editor_client.post(review_url(article), data)
    assert response.status_code == 400
    assert Meeting.objects.count() == 0


def test_article_detail_buttons_still_work(editor_client, article):
    """The article page's buttons post status=… to this URL: "confirmed" leads to the review form
    (a draft is confirmed by reviewing it), "dismissed" dismisses."""
    response = editor_client.post(review_url(article), {"status": "confirmed"})
    assert response.status_code == 302 and response["Location"] == review_url(article)
    assert Meeting.objects.count() == 0
    editor_client.post(review_url(article), {"status": "dismissed"})
    article.refresh_from_db()
    assert article.review_status == SourceArticle.ReviewStatus.DISMISSED


def test_a_confirmed_article_cannot_be_dismissed(editor_client, article):
    editor_client.post(review_url(article), prefilled_post(article))
    editor_client.post(review_url(article), {"dismiss": "1"})
    article.refresh_from_db()
    assert article.review_status == SourceArticle.ReviewStatus.CONFIRMED
    assert Meeting.objects.count() == 1


def test_a_refusal_also_undoes_new_localities_partnerships_and_people(editor_client, editor, mou):
    article, _ = article_ingest(text=A.EN_LOS_ANGELES, published=datetime.date(2025, 3, 5), by=editor)
    data = prefilled_post(article)
    data["meetings-0-stages-0-agreement"] = str(mou.pk)
    data["meetings-0-stages-0-to_stage"] = Agreement.Stage.IN_FORCE  # proposed → in force: refused
    data["meetings-0-stages-0-on"] = "2025-03-05"
    before = (Locality.objects.count(), Partnership.objects.count(), Person.objects.count())

    response = editor_client.post(review_url(article), data)

    assert response.status_code == 400
    assert data["meetings-0-new_localities"] == ["0"]  # Los Angeles would have been created…
    assert not Locality.objects.filter(name_en="Los Angeles").exists()  # …but nothing is left
    assert (Locality.objects.count(), Partnership.objects.count(), Person.objects.count()) == before
    assert Meeting.objects.count() == 0 and StageChange.objects.filter(agreement=mou).count() == 0
