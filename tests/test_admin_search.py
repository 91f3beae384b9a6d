"""The admin search boxes ignore accents and case as the dashboard's does, match inside
words, find a row by the names of related rows and list each row once, at a query count that
does not grow with the rows (ops.changelists.FoldedSearchMixin)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings.models import Meeting, Participation, Person, SourceArticle
from partnerships.models import Agreement, CooperationArea, Locality, Milestone, Organization, Partnership
from staff.models import StaffProfile
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    LocalityFactory,
    MeetingFactory,
    MilestoneFactory,
    MilestoneTemplateFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PersonFactory,
    SourceArticleFactory,
    StaffProfileFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["few matches", "many matches"])
def matches(request, monkeypatch):
    """Every search twice: as a rare term (one IN of a UNION) and as a term that matches many rows
    (an IN per search field, walked in the list's order): the same rows, in the same order."""
    from ops import changelists

    if request.param == "many matches":
        monkeypatch.setattr(changelists, "MANY_MATCHES", 1)
    return request.param


def search(client, model, q):
    opts = model._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": q})
    assert response.status_code == 200
    return response


def found(client, model, q):
    """The pks the changelist lists for ``q``, in order, duplicates kept."""
    return [row.pk for row in search(client, model, q).context["cl"].result_list]


def test_meeting_by_accented_title_place_and_summary_without_accents(client, superuser):
    by_title = MeetingFactory(title="Hội đàm với Đoàn đại biểu Viêng Chăn")
    by_place = MeetingFactory(title="Tiếp xã giao", place="Phủ Chủ tịch")
    by_summary = MeetingFactory(title="Làm việc", summary="Bàn về hợp tác quy hoạch đô thị")
    MeetingFactory(title="Không liên quan")
    assert found(client, Meeting, "DOAN dai bieu") == [by_title.pk]
    assert found(client, Meeting, "phu chu") == [by_place.pk]
    assert found(client, Meeting, "QUY HOACH") == [by_summary.pk]
    assert found(client, Meeting, "ên Ch") == [by_title.pk]  # inside a word, accent typed or not
    assert found(client, Meeting, "en ch") == [by_title.pk]


def test_meeting_by_participant_name_listed_once(client, superuser):
    meeting = MeetingFactory(title="Tiếp Đại sứ")
    ParticipationFactory(meeting=meeting, person=PersonFactory(full_name="Nguyễn Thị Đào"))
    ParticipationFactory(meeting=meeting, person=PersonFactory(full_name="Nguyễn Văn Đào"))
    other = MeetingFactory(title="Hội nghị")
    ParticipationFactory(meeting=other, person=PersonFactory(full_name="Trần Văn Nam"))
    response = search(client, Meeting, "nguyen dao")
    assert [m.pk for m in response.context["cl"].result_list] == [meeting.pk]
    assert response.context["cl"].result_count == 1
    assert not response.context["cl"].queryset.query.distinct
    assert found(client, Meeting, "guyễn") == [meeting.pk]  # mid-word, with its accent
    assert found(client, Meeting, "nguyen nam") == []  # every word must match


def test_meeting_by_partner_locality_name(client, superuser, hanoi):
    vientiane = PartnershipFactory(hanoi_locality=hanoi, partner_locality=LocalityFactory(
        name_vi="Viêng Chăn", name_en="Vientiane"))
    meeting = MeetingFactory(title="Hội đàm")
    meeting.partnerships.add(vientiane)
    MeetingFactory(title="Tiếp xã giao")
    assert found(client, Meeting, "vieng chan") == [meeting.pk]
    assert found(client, Meeting, "vientiane") == [meeting.pk]


def test_meeting_search_with_a_word_in_each_of_several_places(client, superuser):
    meeting = MeetingFactory(title="Hội đàm", place="Đà Nẵng")
    ParticipationFactory(meeting=meeting, person=PersonFactory(full_name="Lê Văn Hưng"))
    MeetingFactory(title="Hội đàm", place="Huế")
    assert found(client, Meeting, "da nang hung") == [meeting.pk]
    assert found(client, Meeting, '"hoi dam"') == sorted(found(client, Meeting, "hoi dam"), reverse=True)


def test_participation_by_person_title_and_meeting(client, superuser):
    by_person = ParticipationFactory(person=PersonFactory(full_name="Đặng Thị Hằng"), title_at_time="")
    by_title = ParticipationFactory(title_at_time="Đại sứ Việt Nam tại Lào")
    by_meeting = ParticipationFactory(meeting=MeetingFactory(title="Lễ ký kết Đà Lạt"), title_at_time="")
    assert found(client, Participation, "dang thi") == [by_person.pk]
    assert found(client, Participation, "dai su") == [by_title.pk]
    assert found(client, Participation, "da lat") == [by_meeting.pk]


def test_person_by_name_title_and_title_at_the_time_listed_once(client, superuser):
    by_name = PersonFactory(full_name="Phạm Đức Thắng")
    by_title = PersonFactory(full_name="Somsak", current_title="Thị trưởng")
    ambassador = PersonFactory(full_name="John Smith")
    ParticipationFactory(person=ambassador, title_at_time="Đại sứ Hoa Kỳ")
    ParticipationFactory(person=ambassador, title_at_time="Tân Đại sứ Hoa Kỳ")
    assert found(client, Person, "duc thang") == [by_name.pk]
    assert found(client, Person, "THI TRUONG") == [by_title.pk]
    assert found(client, Person, "dai su") == [ambassador.pk]


def test_source_article_by_title_publisher_url_and_summary(client, superuser):
    by_title = SourceArticleFactory(title="Hà Nội và Viêng Chăn ký kết", publisher="Nhân Dân")
    by_publisher = SourceArticleFactory(title="Tin ngắn", publisher="Kinh tế & Đô thị")
    by_url = SourceArticleFactory(title="Tin", publisher="", url="https://hanoimoi.vn/ha-noi-tiep-doan")
    by_summary = SourceArticleFactory(title="Tin", publisher="", summary="Đoàn công tác của Thành ủy")
    assert found(client, SourceArticle, "vieng chan") == [by_title.pk]
    assert found(client, SourceArticle, "do thi") == [by_publisher.pk]
    assert found(client, SourceArticle, "hanoimoi") == [by_url.pk]
    assert found(client, SourceArticle, "thanh uy") == [by_summary.pk]


def test_milestone_by_title_agreement_partner_and_owner(client, superuser, hanoi):
    partnership = PartnershipFactory(hanoi_locality=hanoi, partner_locality=LocalityFactory(name_vi="Băng Cốc"))
    by_title = MilestoneFactory(title="Gửi dự thảo lần cuối")
    by_agreement = MilestoneFactory(title="Ký", agreement=AgreementFactory(title="Thỏa thuận hữu nghị"))
    by_partner = MilestoneFactory(title="Họp", agreement=None, partnership=partnership)
    by_owner = MilestoneFactory(title="Họp", owner=UserFactory(username="dung.tran"))
    assert found(client, Milestone, "du thao") == [by_title.pk]
    assert found(client, Milestone, "thoa thuan") == [by_agreement.pk]
    assert found(client, Milestone, "bang coc") == [by_partner.pk]
    assert found(client, Milestone, "dung.tran") == [by_owner.pk]


def test_agreement_partnership_and_locality_by_partner_names(client, superuser, hanoi):
    partner = LocalityFactory(name_vi="Đà Lạt kết nghĩa", name_en="Sister Dalat", aliases=["Thành phố Ngàn Hoa"])
    partnership = PartnershipFactory(hanoi_locality=hanoi, partner_locality=partner)
    agreement = AgreementFactory(partnership=partnership, title="Biên bản")
    other = AgreementFactory(title="Khác")
    assert found(client, Agreement, "da lat") == [agreement.pk]
    assert found(client, Agreement, "bien ban") == [agreement.pk]
    assert found(client, Partnership, "da lat") == [partnership.pk]
    assert found(client, Partnership, "ngan hoa") == [partnership.pk]
    assert found(client, Locality, "ngan hoa") == [partner.pk]
    assert found(client, Locality, "DA LAT") == [partner.pk]
    assert other.pk not in found(client, Agreement, "da lat")


def test_agreement_by_signatories(client, superuser):
    agreement = AgreementFactory(title="Biên bản", signatories="Ông Đỗ Văn Chiến, Chủ tịch")
    AgreementFactory(title="Khác")
    assert found(client, Agreement, "do van chien") == [agreement.pk]


@pytest.mark.parametrize("model, make, q", [
    (Organization, lambda: OrganizationFactory(name_vi="Sở Ngoại vụ Hà Nội", abbreviation="SNgV"), "ngoai vu"),
    (Organization, lambda: OrganizationFactory(name_vi="Sở Ngoại vụ Hà Nội", abbreviation="SNgV"), "sngv"),
    (CooperationArea, lambda: CooperationArea.objects.create(name_vi="Gốm Bát Tràng", name_en="Pottery",
                                                             slug="pottery"), "bat trang"),
    (StaffProfile, lambda: StaffProfileFactory(user=UserFactory(username="hang", last_name="Đặng")), "dang"),
])
def test_other_admins_ignore_accents(client, superuser, model, make, q):
    row = make()
    assert found(client, model, q) == [row.pk]


def test_milestone_template_and_document_by_title(client, superuser):
    from partnerships.models import AgreementDocument, MilestoneTemplate

    template = MilestoneTemplateFactory(title="Báo cáo sau ký kết")
    document = AgreementDocumentFactory(title="Bản ký chính thức")
    assert found(client, MilestoneTemplate, "bao cao") == [template.pk]
    assert found(client, AgreementDocument, "chinh thuc") == [document.pk]


def test_special_characters_are_plain_text(client, superuser):
    MeetingFactory(title="Tiếp đoàn 100%")
    MeetingFactory(title="Tiếp đoàn 1000")
    assert len(found(client, Meeting, "100%")) == 1
    assert len(found(client, Meeting, "_")) == 0
    search(client, Meeting, "nul\x00byte")  # Django's search form refuses it: no 500


@pytest.mark.parametrize("model", [Meeting, Participation, Person])
def test_search_query_count_does_not_grow_with_rows(client, superuser, model):
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(url, {"q": "nguyen"})
        return len(context), response.context["cl"].result_count

    for _ in range(2):
        ParticipationFactory(person=PersonFactory(full_name="Nguyễn Văn A"))
    few, few_count = queries()
    for _ in range(10):
        ParticipationFactory(person=PersonFactory(full_name="Nguyễn Văn B"))
    many, many_count = queries()
    assert (few_count, many_count) == (2, 12)
    assert many == few


def test_autocomplete_ignores_accents(client, superuser):
    person = PersonFactory(full_name="Đỗ Thị Nguyệt")
    PersonFactory(full_name="Trần Văn Nam")
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "meetings", "model_name": "participation", "field_name": "person", "term": "do thi nguyet"})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [str(person.pk)]


def test_a_search_matching_many_rows_counts_up_to_a_cap_and_says_so(client, superuser, monkeypatch):
    from ops import changelists

    monkeypatch.setattr(changelists, "MANY_MATCHES", 3)
    monkeypatch.setattr(changelists, "SEARCH_COUNT_CAP", 4)
    from django.contrib import admin

    monkeypatch.setattr(admin.site._registry[Meeting], "list_per_page", 2)
    client.cookies["django_language"] = "en"
    meetings = [MeetingFactory(title=f"Tiếp đoàn số {i}", date=f"2024-01-{i + 10:02d}") for i in range(6)]
    MeetingFactory(title="Hội nghị")

    response = search(client, Meeting, "doan")
    html = response.content.decode()
    assert "more than 4 results" in html and "more than 4 meetings" in html
    # Newest first, as without the cap; two pages of the four counted.
    assert [row.pk for row in response.context["cl"].result_list] == [meetings[5].pk, meetings[4].pk]
    assert response.context["cl"].paginator.num_pages == 2
    # Fewer matches than MANY_MATCHES: counted exactly.
    response = search(client, Meeting, "hoi nghi")
    assert response.context["cl"].result_count == 1 and "more than" not in response.content.decode()


def test_a_capped_search_pages_and_filters_like_any_other_list(client, superuser, monkeypatch):
    from django.contrib import admin

    from ops import changelists
    from tests.factories import area

    monkeypatch.setattr(changelists, "MANY_MATCHES", 3)
    monkeypatch.setattr(changelists, "SEARCH_COUNT_CAP", 5)
    monkeypatch.setattr(admin.site._registry[Meeting], "list_per_page", 2)
    monkeypatch.setattr(admin.site._registry[Participation], "list_per_page", 2)
    culture, transport = area("culture"), area("transport")
    meetings = [MeetingFactory(title=f"Tiếp đoàn số {i}", date=f"2024-01-{i + 10:02d}",
                               kind="signing" if i % 2 else "reception") for i in range(8)]
    for meeting in meetings[:6]:
        meeting.areas.add(culture, transport)  # two areas: a join that could list a meeting twice
    MeetingFactory(title="Hội nghị", date="2024-02-01")
    url = reverse("admin:meetings_meeting_changelist")

    def listed(**params):
        return [row.pk for row in client.get(url, {"q": "doan", **params}).context["cl"].result_list]

    # Newest first, page after page, up to the cap.
    assert listed() == [meetings[7].pk, meetings[6].pk]
    assert listed(p=2) == [meetings[5].pk, meetings[4].pk]
    assert listed(p=3) == [meetings[3].pk]
    # A filter and a column order still apply to the capped list.
    assert listed(kind__exact="signing") == [meetings[7].pk, meetings[5].pk]
    assert listed(kind__exact="signing", p=2) == [meetings[3].pk, meetings[1].pk]
    assert listed(areas__id__exact=culture.pk) == [meetings[5].pk, meetings[4].pk]
    assert listed(areas__id__exact=culture.pk, p=2) == [meetings[3].pk, meetings[2].pk]
    assert listed(o="2") == [meetings[0].pk, meetings[1].pk]  # by date, oldest first
    assert listed(o="2", p=2) == [meetings[2].pk, meetings[3].pk]

    # Participations are in their meetings' order (through a relation): paged the same.
    person = PersonFactory(full_name="Nguyễn Văn An")
    participations = [ParticipationFactory(meeting=meeting, person=person) for meeting in meetings]
    pages = [[row.pk for row in client.get(reverse("admin:meetings_participation_changelist"),
                                           {"q": "nguyen", "p": page}).context["cl"].result_list]
             for page in (1, 2, 3)]
    assert pages == [[participations[7].pk, participations[6].pk], [participations[5].pk, participations[4].pk],
                     [participations[3].pk]]
