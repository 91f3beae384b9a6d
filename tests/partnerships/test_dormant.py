"""partnerships_dormant: no meeting, article or stage change inside the window, in a
constant number of queries."""
import datetime

import pytest

from partnerships.models import Partnership
from partnerships.selectors import months_before, partnerships_dormant
from tests.factories import (
    AgreementFactory,
    MeetingFactory,
    PartnershipFactory,
    SourceArticleFactory,
    StageChangeFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 31)


def test_months_before_clamps_to_the_end_of_the_month():
    assert months_before(TODAY, 1) == datetime.date(2025, 2, 28)
    assert months_before(TODAY, 12) == datetime.date(2024, 3, 31)
    assert months_before(datetime.date(2025, 1, 15), 13) == datetime.date(2023, 12, 15)


def test_each_kind_of_activity_keeps_a_partnership_alive(hanoi, settings):
    settings.DORMANT_AFTER_MONTHS = 12
    recent, old = datetime.date(2024, 6, 1), datetime.date(2023, 6, 1)
    silent = PartnershipFactory(hanoi_locality=hanoi)
    old_meeting = PartnershipFactory(hanoi_locality=hanoi)
    MeetingFactory(date=old).partnerships.add(old_meeting)
    met = PartnershipFactory(hanoi_locality=hanoi)
    MeetingFactory(date=recent).partnerships.add(met)
    written_about = PartnershipFactory(hanoi_locality=hanoi)
    meeting = MeetingFactory(date=old)
    meeting.partnerships.add(written_about)
    meeting.articles.add(SourceArticleFactory(published_on=recent))
    negotiating = PartnershipFactory(hanoi_locality=hanoi)
    StageChangeFactory(agreement=AgreementFactory(partnership=negotiating), changed_on=recent)
    new = PartnershipFactory(hanoi_locality=hanoi, established_on=recent)
    ended = PartnershipFactory(hanoi_locality=hanoi, status=Partnership.Status.ENDED)

    dormant = list(partnerships_dormant(today=TODAY))
    assert dormant == [silent, old_meeting]  # never-active first, then the oldest activity
    assert [p.last_activity_on for p in dormant] == [None, old]
    assert ended not in dormant and new not in dormant
    assert partnerships_dormant(today=TODAY, months=1).count() == 6  # with a short window, all but the ended one


def test_constant_number_of_queries(hanoi, django_assert_num_queries):
    for i in range(30):
        partnership = PartnershipFactory(hanoi_locality=hanoi)
        meeting = MeetingFactory(date=datetime.date(2022, 1, 1))
        meeting.partnerships.add(partnership)
        meeting.articles.add(SourceArticleFactory(published_on=datetime.date(2022, 1, 2)))
        StageChangeFactory(agreement=AgreementFactory(partnership=partnership), changed_on=datetime.date(2022, 1, 3))
    with django_assert_num_queries(1):
        rows = [(p.partner_locality.name_en, p.last_activity_on) for p in partnerships_dormant(today=TODAY)]
    assert len(rows) == 30
    assert rows[0][1] == datetime.date(2022, 1, 3)
