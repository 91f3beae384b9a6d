"""Editor actions: advancing a stage, completing and snoozing milestones, reviewing
articles; viewers get 403 and nothing changes; CSRF protects every form."""
import datetime

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.models import Agreement, Milestone, StageChange

pytestmark = pytest.mark.django_db


def advance_url(agreement):
    return reverse("partnerships:agreement_detail", args=[agreement.pk])


def test_editor_sees_advance_form_with_allowed_stages_only(editor_client, world):
    response = editor_client.get(advance_url(world["la_mou"]))
    form = response.context["form"]
    assert [value for value, _ in form.fields["to_stage"].choices] == ["signed", "terminated"]
    assert b"csrfmiddlewaretoken" in response.content


def test_viewer_has_no_advance_form(viewer_client, world):
    response = viewer_client.get(advance_url(world["la_mou"]))
    assert response.context["form"] is None
    assert b'name="to_stage"' not in response.content


def test_editor_advances_a_stage(editor_client, world):
    response = editor_client.post(advance_url(world["mou"]), {
        "to_stage": "terminated", "on": datetime.date.today().isoformat(), "note": "Hai bên thống nhất chấm dứt"})
    assert response.status_code == 302
    world["mou"].refresh_from_db()
    assert world["mou"].stage == Agreement.Stage.TERMINATED
    change = StageChange.objects.get(agreement=world["mou"])
    assert change.note == "Hai bên thống nhất chấm dứt"
    page = editor_client.get(advance_url(world["mou"])).content.decode()
    assert "Hai bên thống nhất chấm dứt" in page


def test_workflow_refusal_is_shown_as_a_form_error(editor_client, world):
    response = editor_client.post(advance_url(world["la_mou"]), {
        "to_stage": "signed", "on": datetime.date.today().isoformat()})
    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert errors == ["Hãy đính kèm văn bản đã ký hoặc chọn bài báo nguồn trước khi ghi nhận việc ký kết."]
    assert "Hãy đính kèm văn bản đã ký" in response.content.decode()
    world["la_mou"].refresh_from_db()
    assert world["la_mou"].stage == Agreement.Stage.APPROVED


def test_future_date_refused(editor_client, world):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    response = editor_client.post(advance_url(world["la_mou"]), {"to_stage": "terminated", "on": tomorrow.isoformat()})
    assert response.status_code == 400
    assert not StageChange.objects.exists()


def test_viewer_cannot_advance(viewer_client, world):
    response = viewer_client.post(advance_url(world["la_mou"]), {
        "to_stage": "terminated", "on": datetime.date.today().isoformat()})
    assert response.status_code == 403
    world["la_mou"].refresh_from_db()
    assert world["la_mou"].stage == Agreement.Stage.APPROVED


def test_anonymous_post_goes_to_login(client, world):
    response = client.post(reverse("partnerships:milestone_complete", args=[world["soon"].pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    response = client.post(advance_url(world["la_mou"]), {"to_stage": "terminated"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_editor_marks_milestone_done_and_returns_to_list(editor_client, world):
    back = reverse("partnerships:milestone_list") + "?mine=1"
    response = editor_client.post(reverse("partnerships:milestone_complete", args=[world["soon"].pk]),
                                  {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    world["soon"].refresh_from_db()
    assert world["soon"].status == Milestone.Status.DONE
    assert world["soon"].completed_on == datetime.date.today()


def test_next_must_stay_on_site(editor_client, world):
    response = editor_client.post(reverse("partnerships:milestone_complete", args=[world["soon"].pk]),
                                  {"next": "https://evil.example/"})
    assert response["Location"] == reverse("partnerships:milestone_list")


def test_editor_snoozes_milestone(editor_client, world):
    until = datetime.date.today() + datetime.timedelta(days=5)
    editor_client.post(reverse("partnerships:milestone_snooze", args=[world["soon"].pk]), {"until": until.isoformat()})
    world["soon"].refresh_from_db()
    assert world["soon"].snoozed_until == until


def test_snooze_in_the_past_is_refused(editor_client, world):
    response = editor_client.post(reverse("partnerships:milestone_snooze", args=[world["soon"].pk]),
                                  {"until": "2020-01-01"}, follow=True)
    world["soon"].refresh_from_db()
    assert world["soon"].snoozed_until is None
    assert [m.level_tag for m in response.context["messages"]] == ["error"]


def test_viewer_cannot_touch_milestones(viewer_client, world):
    for name, data in [("partnerships:milestone_complete", {}),
                       ("partnerships:milestone_snooze", {"until": "2099-01-01"})]:
        assert viewer_client.post(reverse(name, args=[world["soon"].pk]), data).status_code == 403
    world["soon"].refresh_from_db()
    assert world["soon"].status == Milestone.Status.PENDING and world["soon"].snoozed_until is None


def test_milestone_actions_are_post_only(editor_client, world):
    assert editor_client.get(reverse("partnerships:milestone_complete", args=[world["soon"].pk])).status_code == 405


def test_list_shows_action_buttons_to_editors_only(client, editor, viewer, world):
    url = reverse("partnerships:milestone_list")
    client.force_login(editor)
    assert b"Mark done" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content or \
        "Đánh dấu xong".encode() in client.get(url).content
    client.force_login(viewer)
    assert reverse("partnerships:milestone_complete", args=[world["soon"].pk]).encode() not in client.get(url).content


def test_article_page_links_editors_to_the_review(client, editor, viewer, world):
    url = reverse("meetings:article_detail", args=[world["article"].pk])
    review = reverse("ingestion:article_review", args=[world["article"].pk]).encode()
    client.force_login(editor)
    assert review in client.get(url).content
    client.force_login(viewer)
    assert review not in client.get(url).content


def test_csrf_is_enforced(editor, world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    for url, data in [
        (reverse("partnerships:milestone_complete", args=[world["soon"].pk]), {}),
        (advance_url(world["la_mou"]), {"to_stage": "terminated", "on": datetime.date.today().isoformat()}),
        (reverse("dashboard:calendar_token_reset"), {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    world["soon"].refresh_from_db()
    assert world["soon"].status == Milestone.Status.PENDING


def test_signing_with_an_evidence_article_is_accepted(editor_client, world):
    world["visit"].articles.add(world["article"])  # an article about a Los Angeles meeting
    response = editor_client.post(advance_url(world["la_mou"]), {
        "to_stage": "signed", "on": datetime.date.today().isoformat(), "evidence": world["article"].pk})
    assert response.status_code == 302
    change = StageChange.objects.get(agreement=world["la_mou"])
    assert change.evidence == world["article"]
    page = editor_client.get(advance_url(world["la_mou"])).content.decode()
    assert world["article"].title in page  # evidence shown in the stage history
