"""The list filters a staff user sees: the milestone owner filter (words of a name, not a
<select> of every user), the small selects written by FastSelect, and the labels set in bulk."""
import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape
from django_filters import ModelChoiceFilter

from dashboard.widgets import FastSelect
from meetings.filters import MeetingFilterSet
from meetings.models import Meeting
from partnerships.filters import AgreementFilterSet, PartnershipFilterSet
from partnerships.list_selectors import with_labels
from partnerships.models import Agreement, CooperationArea, Milestone, Partnership
from tests.factories import MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return {m.title for m in response.context["object_list"]}


@pytest.fixture
def owners(world):
    thuy = UserFactory(username="thuy.nguyen", first_name="Thủy", last_name="Nguyễn Thị")
    duc = UserFactory(username="duc.tran", first_name="Đức", last_name="Trần Minh")
    MilestoneFactory(title="Thủy's", owner=thuy, agreement=world["mou"])
    MilestoneFactory(title="Đức's", owner=duc, agreement=world["mou"])
    return {"thuy": thuy, "duc": duc}


@pytest.mark.parametrize("query, expected", [
    ("thuy", {"Thủy's"}),              # user name
    ("THỦY", {"Thủy's"}),              # case and accents ignored
    ("nguyen thi", {"Thủy's"}),        # words of the full name, in any column
    ("duc tran", {"Đức's"}),
    ("tran thuy", set()),              # every word must match the same owner
])
def test_owner_filter_matches_words_of_the_owner_name(editor_client, owners, query, expected):
    assert titles(editor_client.get("/milestones/", {"owner": query})) == expected


def test_owner_filter_still_takes_an_owner_id(editor_client, owners, editor):
    assert titles(editor_client.get("/milestones/", {"owner": owners["duc"].pk})) == {"Đức's"}
    assert titles(editor_client.get("/milestones/", {"owner": editor.pk})) == {
        "Gửi báo cáo kết quả năm", "Chuẩn bị gia hạn biên bản"}
    assert titles(editor_client.get("/milestones/", {"owner": "9" * 30})) == set()  # no such id


def test_owner_filter_is_a_text_box_not_a_list_of_every_user(editor_client, owners):
    UserFactory.create_batch(30)
    html = editor_client.get("/milestones/", {"owner": "thuy"}).content.decode()
    assert '<input type="text" name="owner" value="thuy"' in html
    assert '<select name="owner"' not in html and "duc.tran</option>" not in html


def test_the_owner_filter_keeps_the_other_filters(editor_client, owners, world):
    response = editor_client.get("/milestones/", {"owner": "thuy", "status": Milestone.Status.DONE})
    assert titles(response) == set()
    response = editor_client.get("/milestones/", {"owner": "thuy", "partner": world["vientiane"].pk})
    assert titles(response) == {"Thủy's"}


def markup(html):
    return re.sub(r">\s+<", "><", html)


@pytest.mark.parametrize("null_label", [None, "Không có"])
def test_fast_select_writes_what_django_select_writes(world, null_label):
    field = ModelChoiceFilter(queryset=CooperationArea.objects.all(), null_label=null_label).field
    for value in (None, CooperationArea.objects.first().pk):
        django_select, fast = forms.Select(), FastSelect()
        django_select.choices = fast.choices = field.choices
        assert markup(fast.render("area", value)) == markup(django_select.render("area", value))


@pytest.mark.parametrize("filterset, name", [
    (PartnershipFilterSet, "area"), (PartnershipFilterSet, "hanoi_locality"), (AgreementFilterSet, "area"),
    (MeetingFilterSet, "area"), (MeetingFilterSet, "organization"),
])
def test_model_selects_are_read_with_one_plain_query(world, filterset, name):
    """Not through Django's choice iterator, which opens a server-side cursor on PostgreSQL
    (DECLARE, FETCH, CLOSE: three round trips for a short list)."""
    form = filterset({}, queryset=filterset._meta.model.objects.all()).form
    with CaptureQueriesContext(connection) as queries:
        html = str(form[name])
    assert len(queries) == 1 and not queries[0]["sql"].lstrip().upper().startswith("DECLARE")
    assert html.startswith(f'<select name="{name}"')


@pytest.mark.parametrize("query", ["vieng chan", "VIÊNG CHĂN", "vientiane", "Vientiane Capital"])
@pytest.mark.parametrize("url, expected", [
    ("/agreements/", {"mou"}), ("/agreements/board/", {"mou"}), ("/milestones/", {"overdue", "soon"}),
    ("/meetings/", {"reception", "later"}), ("/articles/", {"article"}),
])
def test_partner_filter_takes_words_of_a_name_or_alias(editor_client, world, query, url, expected):
    """Names in either language or an alias, accents and case ignored; a meeting with one of the
    partner's districts (Chanthabuly) counts as the partner's."""
    response = editor_client.get(url, {"partner": query})
    shown = response.context["object_list"] if "columns" not in response.context else [
        row for _, column in response.context["columns"] for row in column]
    assert set(shown) == {world[key] for key in expected}


def test_partner_filter_matches_only_partners_it_names(viewer_client, world):
    assert titles(viewer_client.get("/meetings/", {"partner": "los angeles"})) == {world["visit"].title}
    assert titles(viewer_client.get("/meetings/", {"partner": "vieng angeles"})) == set()  # every word must match
    assert titles(viewer_client.get("/meetings/", {"partner": "hoan kiem"})) == set()  # Hanoi's side is no partner
    assert len(titles(viewer_client.get("/meetings/", {"partner": "  "}))) == 3  # blank: no filter


def test_partner_filter_from_a_link_shows_the_name_and_finds_the_same_rows(viewer_client, world):
    response = viewer_client.get("/meetings/", {"partner": world["vientiane"].pk})
    html = response.content.decode()
    assert '<input type="text" name="partner" value="Viêng Chăn (Vientiane)"' in html
    by_id = set(response.context["object_list"])
    assert by_id == {world["reception"], world["later"]}  # the Chanthabuly meeting too
    # Submitting the form again sends the name the box shows.
    assert set(viewer_client.get("/meetings/", {"partner": "Viêng Chăn (Vientiane)"}).context["object_list"]) == by_id
    assert titles(viewer_client.get("/meetings/", {"partner": "9" * 30})) == set()  # no such id


def test_partner_filter_counts_a_partners_districts_as_the_partner(viewer_client, world):
    """The partner page counts its districts' milestones and agreements; the lists it links to
    (``?partner=<id>``) must show the same ones."""
    p_chan = Partnership.objects.get(partner_locality=world["chanthabuly"])
    district_task = MilestoneFactory(title="Gửi thư mời Huyện Chanthabuly", agreement=None, partnership=p_chan)
    for partner in (world["vientiane"].pk, "vieng chan"):
        shown = set(viewer_client.get("/milestones/", {"partner": partner}).context["object_list"])
        assert shown == {world["overdue"], world["soon"], district_task}
    # The district alone is not its city.
    assert set(viewer_client.get("/milestones/", {"partner": "chanthabuly"}).context["object_list"]) == {district_task}


def test_partner_filter_is_a_text_box_not_a_list_of_every_partner(viewer_client, world):
    for url in ("/meetings/", "/articles/", "/people/", "/agreements/", "/agreements/board/", "/milestones/"):
        html = viewer_client.get(url).content.decode()
        assert '<input type="text" name="partner"' in html, url
        assert '<select name="partner"' not in html and ">Los Angeles</option>" not in html, url


@pytest.mark.parametrize("language", ["vi", "en"])
def test_labels_set_in_bulk_are_the_display_values(world, language):
    rows = list(Agreement.objects.all())
    meetings = list(Meeting.objects.all())
    partnerships = list(Partnership.objects.all())
    with translation.override(language):
        with_labels(rows, "stage", "kind")
        with_labels(meetings, "kind")
        with_labels(partnerships, "level", "status")
        assert all(a.stage_label == a.get_stage_display() and a.kind_label == a.get_kind_display() for a in rows)
        assert all(m.kind_label == m.get_kind_display() for m in meetings)
        assert all(p.level_label == p.get_level_display() and p.status_label == p.get_status_display()
                   for p in partnerships)
    with_labels([], "stage")  # nothing to do


def test_the_lists_show_the_labels(viewer_client, world):
    response = viewer_client.get("/partners/")
    html = response.content.decode()
    for p in response.context["object_list"]:
        assert p.level_label and f"<td>{escape(p.level_label)}</td>" in html
        assert f'<span class="pill status-{p.status}">{escape(p.status_label)}</span>' in html
    response = viewer_client.get("/meetings/")
    html = response.content.decode()
    for m in response.context["object_list"]:
        assert m.kind_label and f"<td>{escape(m.kind_label)}</td>" in html
