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


def test_the_long_partner_select_still_reads_plain_values(world):
    form = AgreementFilterSet({}, queryset=Agreement.objects.all()).form
    with CaptureQueriesContext(connection) as queries:
        html = str(form["partner"])
    assert len(queries) == 1 and '"partnerships_locality"."aliases"' not in queries[0]["sql"]  # values, not rows
    assert f'<option value="{world["vientiane"].pk}">Viêng Chăn (Vientiane)</option>' in html


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
