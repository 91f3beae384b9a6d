"""What the speed work on the lists must not change: the per-row counts (now read for the
shown page only), sorting by them, the counts in CSV, the paginator's total, the fast filter
selects and the partner page's limit with its "show everything" link."""
import csv
import io

import pytest
from django import forms
from django.urls import reverse

from dashboard.widgets import FastSelect, SelectedOnlySelect
from meetings.filters import MeetingFilterSet
from meetings.models import Meeting, Person
from partnerships.views import PartnerTimelineView
from tests.factories import MeetingFactory, ParticipationFactory, PersonFactory, SourceArticleFactory

pytestmark = pytest.mark.django_db


def rows(response):
    return list(response.context["object_list"])


def test_meeting_counts_on_the_page(viewer_client, world):
    by_pk = {m.pk: m for m in rows(viewer_client.get("/meetings/"))}
    reception = by_pk[world["reception"].pk]
    assert (reception.participant_count, reception.article_count) == (2, 1)
    assert by_pk[world["visit"].pk].article_count == 0


def test_meeting_sort_by_participants_with_a_joining_filter(viewer_client, world):
    response = viewer_client.get(f"/meetings/?sort=-participants&partner={world['vientiane'].pk}")
    ordered = rows(response)
    assert ordered[0] == world["reception"] and ordered[0].participant_count == 2
    assert response.context["paginator"].count == len(ordered)


def test_people_counts_and_sort_by_last_met(viewer_client, world):
    thanh = next(p for p in rows(viewer_client.get("/people/")) if p.pk == world["thanh"].pk)
    assert thanh.meeting_count == 2 and thanh.first_met_on <= thanh.last_met_on
    nobody = PersonFactory(full_name="Chưa gặp")
    people = rows(viewer_client.get("/people/?sort=-last_met"))
    met = [p.last_met_on for p in people if p.last_met_on]  # where NULLs go depends on the database
    assert met == sorted(met, reverse=True) and met[0] >= thanh.last_met_on
    assert [p for p in people if p.pk == nobody.pk][0].meeting_count == 0


def test_partner_counts_and_sort_by_last_meeting(viewer_client, world):
    ordered = rows(viewer_client.get("/partners/?sort=-last_meeting"))
    dates = [p.last_meeting_on for p in ordered if p.last_meeting_on]
    assert dates == sorted(dates, reverse=True)
    vientiane = next(p for p in ordered if p.partner_locality_id == world["vientiane"].pk)
    assert vientiane.meeting_count >= 1


def test_article_meeting_count(viewer_client, world):
    article = next(a for a in rows(viewer_client.get("/articles/")) if a.pk == world["article"].pk)
    assert article.meeting_count == 1


def test_csv_carries_the_counts_past_one_chunk(viewer_client, world, monkeypatch):
    monkeypatch.setattr("dashboard.lists.CSV_CHUNK", 2)
    for i in range(3):
        ParticipationFactory(meeting=MeetingFactory(title=f"Họp {i}"), person=world["thanh"])
    body = viewer_client.get("/people/?export=csv").content.decode("utf-8")[1:]
    table = list(csv.reader(io.StringIO(body)))
    thanh = next(r for r in table[1:] if r[0] == world["thanh"].full_name)
    assert thanh[3] == "5"
    assert len(table) - 1 == Person.objects.count()


def test_fast_select_renders_like_select():
    choices = [("", "---------"), ("a", "<A>"), ("b", "B")]
    html = FastSelect(choices=choices, attrs={"id": "id_x"}).render("x", "b")
    assert html == ('<select name="x" id="id_x"><option value="">---------</option>'
                    '<option value="a">&lt;A&gt;</option><option value="b" selected>B</option></select>')
    plain = forms.Select(choices=choices).render("x", "b")
    assert plain.count("<option") == html.count("<option")


def test_person_filter_lists_only_the_chosen_person(world):
    html = str(MeetingFilterSet({"person": world["hue"].pk}, queryset=Meeting.objects.all()).form["person"])
    assert html.count("<option") == 2 and world["hue"].full_name in html and "selected" in html
    empty = str(MeetingFilterSet({}, queryset=Meeting.objects.all()).form["person"])
    assert empty.count("<option") == 1
    assert isinstance(MeetingFilterSet.base_filters["person"].extra["widget"](), SelectedOnlySelect)


def test_person_page_links_to_the_filtered_meetings(viewer_client, world):
    html = viewer_client.get(reverse("meetings:person_detail", args=[world["hue"].pk])).content.decode()
    assert f"/meetings/?person={world['hue'].pk}" in html


def test_partner_timeline_shows_the_newest_and_links_to_everything(viewer_client, world, monkeypatch):
    monkeypatch.setattr(PartnerTimelineView, "TIMELINE_LIMIT", 2)
    monkeypatch.setattr(PartnerTimelineView, "PEOPLE_LIMIT", 0)
    url = reverse("partnerships:partner_detail", args=[world["vientiane"].pk])
    full = viewer_client.get(url + "?all=1").context["timeline"]
    short = viewer_client.get(url)
    timeline = short.context["timeline"]
    assert timeline.entries == full.entries[:2] and timeline.hidden_entries == len(full.entries) - 2
    assert timeline.people == [] and timeline.hidden_people == len(full.people) >= 1
    assert 'href="?all=1"' in short.content.decode()
    assert full.hidden_entries == 0 and 'href="?all=1"' not in viewer_client.get(url + "?all=1").content.decode()


def test_search_still_matches_publisher_and_place(viewer_client, world):
    SourceArticleFactory(title="Tin ngắn", publisher="Báo Thời Đại Mới")
    results = viewer_client.get("/search/?q=thoi+dai+moi").context["results"]
    assert [a.publisher for a in results.articles] == ["Báo Thời Đại Mới"]
    assert world["reception"] in viewer_client.get("/search/?q=tru+so+ubnd").context["results"].meetings


def test_a_huge_unfiltered_list_says_its_total_is_an_estimate(viewer_client, world, monkeypatch):
    """At scale an unfiltered list is counted from PostgreSQL's estimate: the page says "about";
    a filtered list is counted exactly and says the number alone."""
    from django.db import connection

    from ops import changelists

    if connection.vendor != "postgresql":
        pytest.skip("the row estimate is PostgreSQL's (pg_class.reltuples); other databases count exactly")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE meetings_meeting")
    monkeypatch.setattr(changelists, "ESTIMATE_FROM", 2)
    viewer_client.cookies["django_language"] = "en"
    assert '<span class="count">about 3</span>' in viewer_client.get("/meetings/").content.decode()
    assert '<span class="count">1</span>' in viewer_client.get("/meetings/", {"kind": "visit_abroad"}).content.decode()
    viewer_client.cookies["django_language"] = "vi"
    assert '<span class="count">khoảng 3</span>' in viewer_client.get("/meetings/").content.decode()
