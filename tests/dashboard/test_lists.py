"""Every list: one test per filter, sorting, pagination that keeps the filters, CSV export."""
import csv
import datetime
import io

import pytest

from tests.factories import MeetingFactory, PersonFactory, SourceArticleFactory, area

pytestmark = pytest.mark.django_db


def rows(response):
    return list(response.context["object_list"])


def partners(response):
    return {p.partner_locality.name_en for p in rows(response)}


@pytest.mark.parametrize("query, expected", [
    ("country=LA", {"Vientiane", "Chanthabuly"}),
    ("continent=NA", {"Los Angeles"}),
    ("continent=AS", {"Vientiane", "Chanthabuly", "Jakarta"}),
    ("level=twinning", {"Vientiane"}),
    ("status=dormant", {"Jakarta"}),
    ("q=vieng+chan", {"Vientiane"}),
    ("q=DKI", {"Jakarta"}),
])
def test_partner_filters(viewer_client, world, query, expected):
    assert partners(viewer_client.get("/partners/?" + query)) == expected


def test_partner_filter_by_area_and_hanoi_side(viewer_client, world):
    culture = area("culture").pk
    assert partners(viewer_client.get(f"/partners/?area={culture}")) == {"Vientiane"}
    hoan_kiem = world["chanthabuly"].partnerships.get().hanoi_locality_id
    assert partners(viewer_client.get(f"/partners/?hanoi_locality={hoan_kiem}")) == {"Chanthabuly"}


def test_partner_sort(viewer_client, world):
    names = [p.partner_locality.name_en for p in rows(viewer_client.get("/partners/?sort=-partner"))]
    assert names == sorted(names, reverse=True)
    names = [p.partner_locality.name_en for p in rows(viewer_client.get("/partners/?sort=partner"))]
    assert names == sorted(names)


def test_agreement_filters(viewer_client, world):
    assert rows(viewer_client.get("/agreements/?stage=approved")) == [world["la_mou"]]
    assert rows(viewer_client.get(f"/agreements/?partner={world['vientiane'].pk}")) == [world["mou"]]
    assert rows(viewer_client.get("/agreements/?expiring_within=90")) == [world["mou"]]
    assert rows(viewer_client.get("/agreements/?q=los+angeles")) == [world["la_mou"]]
    assert rows(viewer_client.get("/agreements/?kind=twinning")) == []


def test_board_groups_by_stage_and_filters(viewer_client, world):
    columns = dict(viewer_client.get("/agreements/board/").context["columns"])
    assert columns["approved"] == [world["la_mou"]] and columns["in_force"] == [world["mou"]]
    columns = dict(viewer_client.get(f"/agreements/board/?partner={world['los_angeles'].pk}").context["columns"])
    assert columns["in_force"] == []


def test_milestone_filters(client, editor, world):
    client.force_login(editor)
    mine = rows(client.get("/milestones/?mine=1"))
    assert set(mine) == {world["overdue"], world["soon"]}
    assert rows(client.get("/milestones/?overdue=true")) == [world["overdue"]]
    assert set(rows(client.get("/milestones/"))) == {world["overdue"], world["soon"], world["other"]}
    assert rows(client.get(f"/milestones/?partner={world['los_angeles'].pk}")) == [world["other"]]
    assert rows(client.get("/milestones/?status=done")) == []
    today = datetime.date.today()
    assert rows(client.get(f"/milestones/?due_after={today.isoformat()}&mine=1")) == [world["soon"]]


def test_meeting_filters(viewer_client, world):
    assert rows(viewer_client.get("/meetings/?date_from=2023-09-01&date_to=2023-12-31")) == [world["reception"]]
    assert rows(viewer_client.get("/meetings/?kind=visit_abroad")) == [world["visit"]]
    assert rows(viewer_client.get(f"/meetings/?person={world['hue'].pk}")) == [world["visit"]]
    assert rows(viewer_client.get(f"/meetings/?area={area('culture').pk}")) == [world["reception"]]
    by_partner = rows(viewer_client.get(f"/meetings/?partner={world['vientiane'].pk}"))
    assert world["reception"] in by_partner and len(by_partner) == 2  # with the Chanthabuly meeting
    assert rows(viewer_client.get("/meetings/?q=LOS+ANGELES")) == [world["visit"]]


def test_article_filters(viewer_client, world):
    SourceArticleFactory(title="Bài đã xác nhận", review_status="confirmed", published_on=datetime.date(2022, 1, 1))
    assert rows(viewer_client.get("/articles/?review_status=pending")) == [world["article"]]
    assert len(rows(viewer_client.get("/articles/?published_from=2023-01-01"))) == 1
    assert rows(viewer_client.get(f"/articles/?partner={world['vientiane'].pk}")) == [world["article"]]
    assert rows(viewer_client.get("/articles/?q=viêng+chăn")) == [world["article"]]


def test_people_filters_and_sort(viewer_client, world):
    laotian = world["reception"].participations.get(side="partner").person
    assert rows(viewer_client.get("/people/?country=LA")) == [laotian]
    assert rows(viewer_client.get("/people/?q=tran+sy+thanh")) == [world["thanh"]]
    by_meetings = rows(viewer_client.get("/people/?sort=-meetings"))
    assert by_meetings[0] == world["thanh"] and by_meetings[0].meeting_count == 2


def test_pagination_keeps_filters(viewer_client, db):
    for i in range(30):
        MeetingFactory(title=f"Hội nghị {i}", kind="conference")
    MeetingFactory(title="Other", kind="signing")
    response = viewer_client.get("/meetings/?kind=conference&sort=title")
    assert response.context["paginator"].count == 30
    html = response.content.decode()
    assert "?kind=conference&amp;sort=title&amp;page=2" in html
    page2 = viewer_client.get("/meetings/?kind=conference&sort=title&page=2")
    assert len(rows(page2)) == 5 and all(m.kind == "conference" for m in rows(page2))


def test_sort_header_keeps_filters(viewer_client, world):
    html = viewer_client.get("/meetings/?kind=reception").content.decode()
    assert "?kind=reception&amp;sort=date" in html


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


@pytest.mark.parametrize("url, expected_cell", [
    ("/partners/?export=csv&country=LA", "Viêng Chăn"),
    ("/agreements/?export=csv", "Biên bản ghi nhớ Hà Nội – Viêng Chăn 2023-2027"),
    ("/agreements/board/?export=csv", "MoU Hanoi – Los Angeles"),
    ("/milestones/?export=csv", "Gửi báo cáo kết quả năm"),
    ("/meetings/?export=csv", "04/10/2023"),
    ("/articles/?export=csv", "Hướng tới mối quan hệ hợp tác thực chất giữa Hà Nội và Viêng Chăn"),
    ("/people/?export=csv", "Trần Sỹ Thanh"),
])
def test_csv_exports(viewer_client, world, url, expected_cell):
    table = read_csv(viewer_client.get(url))
    assert len(table) >= 2
    assert any(expected_cell in row for row in table[1:]), table


def test_csv_export_is_filtered_and_not_paginated(viewer_client, db):
    for i in range(30):
        PersonFactory(full_name=f"Nguyễn Văn {i}", country="VN")
    PersonFactory(full_name="John Smith", country="US")
    table = read_csv(viewer_client.get("/people/?export=csv&country=VN&page=2"))
    assert len(table) == 31 and all("Smith" not in r[0] for r in table)
