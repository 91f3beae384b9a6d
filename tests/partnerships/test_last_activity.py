"""The stored Partnership.last_activity_on follows every write it is derived from: meetings
(their date, which partnerships they are about, deletion), articles about those meetings
(publication date, links, deletion), stage changes and established_on."""
import datetime

import pytest

from partnerships.models import Partnership
from partnerships.services import partnerships_refresh_activity
from tests.factories import (
    AgreementFactory,
    MeetingFactory,
    PartnershipFactory,
    SourceArticleFactory,
    StageChangeFactory,
)

pytestmark = pytest.mark.django_db

D = datetime.date


def stored(partnership):
    return Partnership.objects.values_list("last_activity_on", flat=True).get(pk=partnership.pk)


@pytest.fixture
def partnership(hanoi):
    return PartnershipFactory(hanoi_locality=hanoi, established_on=D(2010, 1, 1))


def test_established_on_counts(partnership):
    assert stored(partnership) == D(2010, 1, 1)
    partnership.established_on = D(2011, 5, 5)
    partnership.save()
    assert stored(partnership) == D(2011, 5, 5)


def test_a_partnership_with_nothing_has_none(hanoi):
    assert stored(PartnershipFactory(hanoi_locality=hanoi, established_on=None)) is None


def test_meetings_move_it(partnership):
    meeting = MeetingFactory(date=D(2020, 3, 1))
    meeting.partnerships.add(partnership)
    assert stored(partnership) == D(2020, 3, 1)
    meeting.date = D(2021, 4, 2)
    meeting.save()
    assert stored(partnership) == D(2021, 4, 2)
    meeting.partnerships.remove(partnership)
    assert stored(partnership) == D(2010, 1, 1)
    partnership.meetings.add(meeting)  # from the other side
    assert stored(partnership) == D(2021, 4, 2)
    meeting.partnerships.clear()
    assert stored(partnership) == D(2010, 1, 1)
    meeting.partnerships.add(partnership)
    meeting.delete()
    assert stored(partnership) == D(2010, 1, 1)


def test_articles_about_its_meetings_move_it(partnership):
    meeting = MeetingFactory(date=D(2020, 3, 1))
    meeting.partnerships.add(partnership)
    article = SourceArticleFactory(published_on=D(2022, 6, 7))
    meeting.articles.add(article)
    assert stored(partnership) == D(2022, 6, 7)
    article.published_on = D(2023, 1, 9)
    article.save()
    assert stored(partnership) == D(2023, 1, 9)
    article.meetings.clear()  # from the article's side
    assert stored(partnership) == D(2020, 3, 1)
    article.meetings.add(meeting)
    assert stored(partnership) == D(2023, 1, 9)
    meeting.articles.remove(article)
    assert stored(partnership) == D(2020, 3, 1)
    meeting.articles.add(article)
    article.delete()
    assert stored(partnership) == D(2020, 3, 1)


def test_stage_changes_move_it(partnership):
    agreement = AgreementFactory(partnership=partnership)
    change = StageChangeFactory(agreement=agreement, changed_on=D(2024, 1, 15))
    assert stored(partnership) == D(2024, 1, 15)
    change.delete()
    assert stored(partnership) == D(2010, 1, 1)
    StageChangeFactory(agreement=agreement, changed_on=D(2024, 2, 1))
    agreement.delete()  # its stage changes go with it
    assert stored(partnership) == D(2010, 1, 1)


def test_the_service_rebuilds_rows_written_in_bulk(hanoi):
    partnership = PartnershipFactory(hanoi_locality=hanoi, established_on=None)
    meeting = MeetingFactory(date=D(2019, 9, 9))
    meeting.partnerships.add(partnership)
    Partnership.objects.update(last_activity_on=None)  # as bulk writes leave it
    assert partnerships_refresh_activity(partnership_ids=[partnership.pk]) == 1
    assert stored(partnership) == D(2019, 9, 9)
