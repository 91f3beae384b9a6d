"""The page cache (dashboard.content_cache) never shows what is no longer true: a write of any
kind shows on the next request, each user and role sees their own page, in their language,
for today, and the forms of a cached page still work."""
import datetime
import re

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from partnerships.models import Agreement, Milestone, Partnership
from partnerships.services import agreement_advance, partnerships_refresh_activity
from staff.roles import EDITOR, VIEWER
from tests.factories import MeetingFactory, MilestoneFactory, UserFactory

pytestmark = pytest.mark.django_db


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_a_page_is_served_from_the_cache_until_something_changes(editor_client, world, django_assert_num_queries):
    url = reverse("partnerships:partner_detail", args=[world["vientiane"].pk])
    assert "Viêng Chăn" in text(editor_client.get(url))
    with django_assert_num_queries(1):  # the session: no user, no permissions, no data
        assert "Viêng Chăn" in text(editor_client.get(url))

    world["vientiane"].name_vi = "Viêng Chăn (tên mới)"
    world["vientiane"].save()
    assert "Viêng Chăn (tên mới)" in text(editor_client.get(url))


def test_a_meeting_added_shows_on_the_timeline_and_the_list(editor_client, world):
    timeline = reverse("partnerships:partner_detail", args=[world["vientiane"].pk])
    meetings = reverse("meetings:meeting_list") + "?partner=" + str(world["vientiane"].pk)
    editor_client.get(timeline), editor_client.get(meetings)
    meeting = MeetingFactory(title="Hội đàm về quy hoạch đô thị", date=datetime.date(2025, 3, 3))
    meeting.partnerships.add(world["p_vte"])  # the link alone (a many-to-many change) makes the pages stale
    assert "Hội đàm về quy hoạch đô thị" in text(editor_client.get(timeline))
    assert "Hội đàm về quy hoạch đô thị" in text(editor_client.get(meetings))


def test_a_stage_change_through_the_workflow_shows_on_the_board(editor_client, editor, world):
    board = reverse("partnerships:agreement_board")
    assert world["la_mou"].title in text(editor_client.get(board))
    terminated = reverse("partnerships:agreement_list") + "?stage=terminated"
    assert world["la_mou"].title not in text(editor_client.get(terminated))
    agreement_advance(agreement=world["la_mou"], to_stage=Agreement.Stage.TERMINATED, on=timezone.localdate(),
                      by=editor, note="Los Angeles withdrew")
    assert world["la_mou"].title in text(editor_client.get(terminated))


def dormant_section(response):
    return re.search(r"Dormant partnerships</h2>.*?</section>", text(response), re.S).group(0)


def test_a_bulk_update_shows_too(editor_client, world):
    """bulk_update sends no signal: the service that uses it says the data changed."""
    editor_client.cookies["django_language"] = "en"
    jakarta = world["p_jkt"]
    Partnership.objects.filter(pk=jakarta.pk).update(established_on=datetime.date(2001, 1, 1),
                                                     last_activity_on=datetime.date(2001, 1, 1))
    meeting = MeetingFactory(title="Gặp lại Gia-các-ta", date=timezone.localdate())
    links = Meeting.partnerships.through
    links.objects.bulk_create([links(meeting_id=meeting.pk, partnership_id=jakarta.pk)])  # no signal
    assert "Gia-các-ta" in dormant_section(editor_client.get("/"))  # last activity not recomputed yet

    partnerships_refresh_activity(partnership_ids=[jakarta.pk])
    assert "Gia-các-ta" not in dormant_section(editor_client.get("/"))


def logged_in(user):
    client = Client()
    client.force_login(user)  # a login is a write (last_login): log in first, then read the pages
    return client


def test_my_overview_is_mine(editor, world):
    other = UserFactory(username="other-editor")
    other.groups.add(*editor.groups.all())
    MilestoneFactory(title="Việc riêng của người khác", agreement=world["mou"], owner=other,
                     due_on=timezone.localdate())
    mine, theirs = logged_in(editor), logged_in(other)
    assert "Gửi báo cáo kết quả năm" in text(mine.get("/"))
    page = text(theirs.get("/"))
    assert "Việc riêng của người khác" in page and "Gửi báo cáo kết quả năm" not in page


@pytest.mark.parametrize("url, editors_link", [
    (reverse("partnerships:milestone_list"), "/milestones/{overdue}/done/"),
    (reverse("meetings:article_list"), reverse("ingestion:article_add")),
])
def test_a_viewer_never_gets_the_editors_page(editor, viewer, world, url, editors_link):
    editors_link = editors_link.format(overdue=world["overdue"].pk)
    editor_client, viewer_client = logged_in(editor), logged_in(viewer)
    assert editors_link in text(editor_client.get(url))
    assert editors_link not in text(viewer_client.get(url))


def test_a_changed_role_shows_at_once(client, world):
    user = UserFactory(username="promoted")
    user.groups.add(Group.objects.get(name=VIEWER))
    client.force_login(user)
    url = reverse("partnerships:milestone_list")
    complete = reverse("partnerships:milestone_complete", args=[world["overdue"].pk])
    assert complete not in text(client.get(url))
    user.groups.add(Group.objects.get(name=EDITOR))
    assert complete in text(client.get(url))


def test_each_language_has_its_page(editor_client, world):
    editor_client.cookies["django_language"] = "vi"
    assert "Tổng quan" in text(editor_client.get("/"))
    editor_client.cookies["django_language"] = "en"
    english = text(editor_client.get("/"))
    assert "Overview" in english and "Tổng quan" not in english


def test_tomorrow_the_page_is_tomorrows(editor_client, editor, world):
    """Overdue is relative to Hanoi's date: yesterday's cached page is not today's."""
    due = timezone.localdate() + datetime.timedelta(days=1)
    MilestoneFactory(title="Hạn chót ngày mai", agreement=world["mou"], owner=editor, due_on=due)
    row = re.compile(r'<li class="[^"]*">\s*<time>[^<]*</time> Hạn chót ngày mai')
    assert "overdue" not in row.search(text(editor_client.get("/"))).group(0)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2)):
        editor_client.force_login(editor)  # the session of two days ago has expired
        assert "overdue" in row.search(text(editor_client.get("/"))).group(0)


def test_the_forms_of_a_cached_page_work_in_another_session(editor, world):
    """The cached milestone list keeps no one's CSRF token: each session gets its own."""
    url = reverse("partnerships:milestone_list")
    first = Client(enforce_csrf_checks=True)
    first.force_login(editor)
    text(first.get(url))
    second = Client(enforce_csrf_checks=True)
    second.force_login(editor)
    page = text(second.get(url))
    action = reverse("partnerships:milestone_complete", args=[world["overdue"].pk])
    form = re.search(rf'<form method="post" action="{re.escape(action)}">.*?</form>', page, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    response = second.post(action, {"csrfmiddlewaretoken": token, "next": url})
    assert response.status_code == 302
    world["overdue"].refresh_from_db()
    assert world["overdue"].status == Milestone.Status.DONE
    assert action not in text(second.get(url + "?status=pending"))


def test_an_unreachable_cache_only_costs_the_cache(editor_client, world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    url = reverse("partnerships:partner_detail", args=[world["vientiane"].pk])
    assert "Viêng Chăn" in text(editor_client.get(url))
    world["vientiane"].name_vi = "Viêng Chăn (mới)"
    world["vientiane"].save()  # the change cannot be recorded in the cache; the save still happens
    assert "Viêng Chăn (mới)" in text(editor_client.get(url))
