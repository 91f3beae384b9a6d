"""The pipeline board shows at most COLUMN_LIMIT cards per stage, longest in the stage first,
with each stage's real total and a link to the rest in the table."""
import datetime

import pytest

from partnerships.models import Agreement
from partnerships.views import AgreementBoardView
from tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(client, staff_user, partnership, monkeypatch):
    monkeypatch.setattr(AgreementBoardView, "COLUMN_LIMIT", 3)
    client.force_login(staff_user)
    start = datetime.date(2020, 1, 1)
    negotiating = [AgreementFactory(partnership=partnership, stage=Agreement.Stage.NEGOTIATING, title=f"N{i}",
                                    stage_changed_on=start + datetime.timedelta(days=i)) for i in range(5)]
    signed = AgreementFactory(partnership=partnership, stage=Agreement.Stage.SIGNED, title="S")
    return client, negotiating, signed


def test_columns_are_capped_with_their_totals(board):
    client, negotiating, signed = board
    response = client.get("/agreements/board/")
    columns = dict(response.context["columns"])
    assert columns["negotiating"] == negotiating[:3]  # longest in the stage first
    assert columns["negotiating"].total == 5 and columns["negotiating"].more == 2
    assert columns["signed"] == [signed] and columns["signed"].more == 0
    assert columns["proposed"] == [] and columns["proposed"].total == 0
    assert response.context["total"] == 6
    html = response.content.decode()
    assert 'href="/agreements/?stage=negotiating"' in html
    assert 'href="/agreements/?stage=signed"' not in html


def test_the_more_link_keeps_the_filters_and_the_cap_follows_the_sort(board):
    client, negotiating, _ = board
    response = client.get("/agreements/board/?kind=mou&sort=-title")
    assert dict(response.context["columns"])["negotiating"] == [negotiating[4], negotiating[3], negotiating[2]]
    html = response.content.decode()
    assert 'href="/agreements/?kind=mou&amp;sort=-title&amp;stage=negotiating"' in html
