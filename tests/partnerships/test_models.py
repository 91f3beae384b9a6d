"""Rules that are facts live in the database; the rest give a clear message on validation."""
import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from meetings.models import Meeting, Participation
from partnerships.models import Agreement, Locality, Milestone, Partnership
from tests.factories import (
    AgreementFactory,
    LocalityFactory,
    MeetingFactory,
    MilestoneFactory,
    ParticipationFactory,
    PartnershipFactory,
    SourceArticleFactory,
)

pytestmark = pytest.mark.django_db


def test_vietnamese_names_are_stored_exactly(hanoi):
    vientiane = LocalityFactory(name_en="Vientiane", name_vi="Viêng Chăn", aliases=["Thủ đô Viêng Chăn"])
    vientiane.refresh_from_db()
    assert vientiane.name_vi == "Viêng Chăn"
    assert vientiane.aliases == ["Thủ đô Viêng Chăn"]
    assert str(vientiane) == "Viêng Chăn (Vientiane)"


def test_one_partnership_per_pair(partnership):
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(hanoi_locality=partnership.hanoi_locality,
                                   partner_locality=partnership.partner_locality)
    duplicate = Partnership(hanoi_locality=partnership.hanoi_locality, partner_locality=partnership.partner_locality)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.messages == ["These two localities already have a partnership."]


def test_partnership_sides_must_be_right(hanoi):
    abroad = LocalityFactory()
    wrong_way = Partnership(hanoi_locality=abroad, partner_locality=hanoi)
    with pytest.raises(ValidationError) as error:
        wrong_way.full_clean()
    assert "This locality is not on Hanoi's side." in error.value.message_dict["hanoi_locality"]
    assert "The partner must be a locality outside Hanoi." in error.value.message_dict["partner_locality"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Partnership.objects.create(hanoi_locality=hanoi, partner_locality=hanoi)


def test_district_pairs_sit_inside_city_pairs(hanoi):
    hoan_kiem = LocalityFactory(name_en="Hoan Kiem", name_vi="Hoàn Kiếm", kind=Locality.Kind.DISTRICT,
                                country="VN", parent=hanoi, is_hanoi_side=True)
    vientiane = LocalityFactory(name_en="Vientiane", name_vi="Viêng Chăn", kind=Locality.Kind.CAPITAL)
    chanthabuly = LocalityFactory(name_en="Chanthabuly", name_vi="Chanthabuly", kind=Locality.Kind.DISTRICT,
                                  parent=vientiane)
    pair = PartnershipFactory(hanoi_locality=hoan_kiem, partner_locality=chanthabuly)
    pair.full_clean()
    assert list(vientiane.children.all()) == [chanthabuly]
    assert str(pair) == "Hoàn Kiếm ↔ Chanthabuly"


def test_a_locality_cannot_be_inside_itself():
    city = LocalityFactory()
    district = LocalityFactory(parent=city)
    city.parent = district
    with pytest.raises(ValidationError) as error:
        city.full_clean()
    assert error.value.message_dict["parent"] == ["A locality cannot be inside itself."]


def test_aliases_must_be_a_list_of_names():
    place = LocalityFactory.build(aliases="Vientiane")
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "aliases" in error.value.message_dict


def test_validity_end_not_before_start(partnership):
    agreement = AgreementFactory.build(partnership=partnership, valid_from=datetime.date(2025, 1, 1),
                                       valid_until=datetime.date(2022, 1, 1))
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert error.value.message_dict["valid_until"] == ["The validity cannot end before it starts."]
    with pytest.raises(IntegrityError), transaction.atomic():
        agreement.save()
    assert not Agreement.objects.exists()


def test_renewal_links_to_the_agreement_it_renews(partnership):
    first = AgreementFactory(partnership=partnership, valid_from=datetime.date(2022, 1, 1),
                             valid_until=datetime.date(2025, 12, 31))
    renewal = AgreementFactory(partnership=partnership, renews=first)
    assert list(first.renewals.all()) == [renewal]


def test_milestone_needs_a_subject_and_a_completion_date(staff_user):
    orphan = Milestone(title="Gửi thư mời", owner=staff_user, due_on=datetime.date(2026, 12, 1))
    with pytest.raises(ValidationError) as error:
        orphan.full_clean()
    assert error.value.message_dict["agreement"] == ["A milestone belongs to an agreement or a partnership."]
    with pytest.raises(IntegrityError), transaction.atomic():
        orphan.save()

    milestone = MilestoneFactory(owner=staff_user)
    milestone.status = Milestone.Status.DONE
    with pytest.raises(ValidationError) as error:
        milestone.full_clean()
    assert error.value.message_dict["completed_on"] == ["Give the date the milestone was done."]


def test_a_person_takes_part_once_per_meeting():
    participation = ParticipationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Participation.objects.create(meeting=participation.meeting, person=participation.person)
    assert Participation.objects.count() == 1


def test_titles_live_on_the_participation_not_the_person():
    first = ParticipationFactory(title_at_time="Chủ tịch UBND Thành phố")
    later = ParticipationFactory(person=first.person, title_at_time="Bí thư Thành ủy")
    titles = set(first.person.participations.values_list("title_at_time", flat=True))
    assert titles == {"Chủ tịch UBND Thành phố", "Bí thư Thành ủy"}
    assert later.person == first.person


def test_meeting_date_precision_needs_the_first_day():
    meeting = MeetingFactory.build(date=datetime.date(2020, 7, 6), date_precision=Meeting.DatePrecision.MONTH)
    with pytest.raises(ValidationError) as error:
        meeting.full_clean()
    assert "first day" in error.value.message_dict["date"][0]
    meeting.date = datetime.date(2020, 7, 1)
    meeting.full_clean()
    assert meeting.display_date == "07/2020"


def test_an_article_reports_several_meetings_and_a_meeting_has_several_articles():
    article, other_article = SourceArticleFactory(), SourceArticleFactory()
    first, second = MeetingFactory(), MeetingFactory()
    first.articles.add(article, other_article)
    second.articles.add(article)
    assert set(article.meetings.all()) == {first, second}
    assert first.articles.count() == 2


def test_the_same_article_is_never_stored_twice():
    article = SourceArticleFactory(url="https://hanoi.gov.vn/tin/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceArticleFactory(url="https://hanoi.gov.vn/tin/1")
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceArticleFactory(content_hash=article.content_hash)
    # Articles without a URL are not duplicates of each other for that reason.
    SourceArticleFactory(url="")
    SourceArticleFactory(url="")


def test_history_records_who_changed_what(agreement, staff_user):
    agreement.title = "Biên bản ghi nhớ (bản sửa)"
    agreement._history_user = staff_user
    agreement.save()
    latest = agreement.history.first()
    assert latest.title == "Biên bản ghi nhớ (bản sửa)"
    assert latest.history_user == staff_user
    assert agreement.history.count() == 2
