"""Every URL of the URLconf × anonymous / viewer / editor / administrator.

The table below is the expected answer for each. A URL missing from it fails the suite, so a
new page cannot ship without someone deciding who may see it."""
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import URLResolver, get_resolver, reverse

from meetings.models import Meeting, Person, SourceArticle
from partnerships.models import Agreement, Locality, Milestone
from staff.models import StaffProfile
from tests.factories import AgreementDocumentFactory, SourceArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "login"  # redirected to the login page
ROLES = ["anonymous", "viewer", "editor", "administrator"]
LOGGED_IN = (LOGIN, 200, 200, 200)
EDITORS = (LOGIN, 403, 200, 200)

# GET answers, in the order of ROLES.
EXPECTED = {
    "healthz": (200, 200, 200, 200),
    "protected_media": LOGGED_IN,
    "set_language": (405, 405, 405, 405),  # POST only
    "login": (200, 200, 200, 200),
    "logout": (405, 405, 405, 405),
    "ingestion:article_add": EDITORS,
    "ingestion:queue": LOGGED_IN,
    "ingestion:article_review": EDITORS,
    "documents:download": LOGGED_IN,
    "reminders:preferences": LOGGED_IN,
    "dashboard:overview": LOGGED_IN,
    "dashboard:map_points": LOGGED_IN,
    "dashboard:search": LOGGED_IN,
    "dashboard:profile": LOGGED_IN,
    "dashboard:calendar_token_reset": (LOGIN, 405, 405, 405),
    "dashboard:calendar_feed": (200, 200, 200, 200),  # the private token is the key
    "partnerships:partner_list": LOGGED_IN,
    "partnerships:partner_detail": LOGGED_IN,
    "partnerships:agreement_list": LOGGED_IN,
    "partnerships:agreement_board": LOGGED_IN,
    "partnerships:agreement_detail": LOGGED_IN,
    "partnerships:milestone_list": LOGGED_IN,
    "partnerships:milestone_complete": (LOGIN, 403, 405, 405),
    "partnerships:milestone_snooze": (LOGIN, 403, 405, 405),
    "meetings:meeting_list": LOGGED_IN,
    "meetings:meeting_detail": LOGGED_IN,
    "meetings:meeting_ics": LOGGED_IN,
    "meetings:article_list": LOGGED_IN,
    "meetings:article_detail": LOGGED_IN,
    "meetings:person_list": LOGGED_IN,
    "meetings:person_detail": LOGGED_IN,
}

# Actions that change something: POST answers. Editors' actions are refused to viewers.
EXPECTED_POST = {
    "partnerships:milestone_complete": (LOGIN, 403, 302, 302),
    "partnerships:milestone_snooze": (LOGIN, 403, 302, 302),
    "partnerships:agreement_detail": (LOGIN, 403, 302, 302),
    "ingestion:article_add": (LOGIN, 403, 400, 400),  # editors get the form back: nothing to ingest
    "ingestion:article_review": (LOGIN, 403, 302, 302),
    "dashboard:calendar_token_reset": (LOGIN, 302, 302, 302),
}

ADMIN_PAGES = ["admin:index", "admin:partnerships_agreement_changelist", "admin:meetings_meeting_changelist",
               "admin:auth_user_changelist"]
ADMIN_EXPECTED = ("admin_login", "admin_login", "admin_login", 200)


def url_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            yield from url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    (tmp_path / "evidence.pdf").write_bytes(b"%PDF-1.4")
    users = {"anonymous": None}
    for role, staff in [("viewer", False), ("editor", False), ("administrator", True)]:
        user = UserFactory(username=f"matrix-{role}", is_staff=staff)
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    pending = SourceArticleFactory(review_status=SourceArticle.ReviewStatus.PENDING,
                                   draft={"title": "Tiếp Đại sứ", "segments": []})
    milestone = Milestone.objects.filter(status=Milestone.Status.PENDING).first()
    args = {
        "protected_media": ["evidence.pdf"],
        "ingestion:article_review": [pending.pk],
        "documents:download": [AgreementDocumentFactory().pk],
        "dashboard:calendar_feed": [StaffProfile.objects.get(user__username="demo").calendar_token],
        "partnerships:partner_detail": [Locality.objects.get(name_en="Vientiane").pk],
        "partnerships:agreement_detail": [Agreement.objects.get(stage="negotiating", kind="mou").pk],
        "partnerships:milestone_complete": [milestone.pk],
        "partnerships:milestone_snooze": [milestone.pk],
        "meetings:meeting_detail": [Meeting.objects.first().pk],
        "meetings:meeting_ics": [Meeting.objects.first().pk],
        "meetings:article_detail": [SourceArticle.objects.first().pk],
        "meetings:person_detail": [Person.objects.first().pk],
    }
    return users, args


def _check(client, response, expected, url):
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    elif expected == "admin_login":
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url
    else:
        assert response.status_code == expected, f"{url}: {response.status_code}, expected {expected}"


def test_every_url_has_an_expected_answer():
    assert set(url_names()) == set(EXPECTED), "add the new URL to EXPECTED with the answer for each role"


@pytest.mark.parametrize("role", ROLES)
def test_get_answers(world, client, role):
    users, args = world
    if users[role]:
        client.force_login(users[role])
    for name, answers in EXPECTED.items():
        url = reverse(name, args=args.get(name, []))
        _check(client, client.get(url), answers[ROLES.index(role)], f"GET {url} as {role}")
    for name in ADMIN_PAGES:
        url = reverse(name)
        _check(client, client.get(url), ADMIN_EXPECTED[ROLES.index(role)], f"GET {url} as {role}")


@pytest.mark.parametrize("role", ROLES)
def test_post_answers_and_a_refused_action_changes_nothing(world, client, role):
    users, args = world
    if users[role]:
        client.force_login(users[role])
    milestone = Milestone.objects.get(pk=args["partnerships:milestone_complete"][0])
    agreement = Agreement.objects.get(pk=args["partnerships:agreement_detail"][0])
    stage_changes = agreement.stage_changes.count()
    for name, answers in EXPECTED_POST.items():
        url = reverse(name, args=args.get(name, []))
        data = {"to_stage": "terminated", "on": "2026-11-20", "note": "ma trận quyền", "until": "2026-12-31"}
        _check(client, client.post(url, data), answers[ROLES.index(role)], f"POST {url} as {role}")
    if role in ("anonymous", "viewer"):
        milestone.refresh_from_db()
        agreement.refresh_from_db()
        assert milestone.status == Milestone.Status.PENDING and milestone.snoozed_until is None
        assert agreement.stage == Agreement.Stage.NEGOTIATING
        assert agreement.stage_changes.count() == stage_changes
