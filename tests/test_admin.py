"""Every admin page a clerk can open loads, with a query count that does not grow with the rows."""
import datetime

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.urls import reverse

from partnerships.models import AgreementDocument
from tests.factories import (
    AgreementDocumentFactory,
    AgreementFactory,
    MeetingFactory,
    MilestoneFactory,
    ParticipationFactory,
    PartnershipFactory,
    SourceArticleFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ADMIN_QUERY_BUDGET = 30
CHANGELIST_QUERY_BUDGET = 20
# Rows the demo data has none of, so that their change pages are opened too.
FACTORIES = {AgreementDocument: AgreementDocumentFactory}
REGISTERED = sorted(admin.site._registry, key=lambda model: model._meta.label)


@pytest.fixture
def superuser_client(client):
    call_command("load_demo")
    client.force_login(UserFactory(username="admin", is_superuser=True))
    return client


def _more_rows(count=25):
    for _ in range(count):
        partnership = PartnershipFactory()
        agreement = AgreementFactory(partnership=partnership)
        MilestoneFactory(agreement=agreement)
        meeting = MeetingFactory(date=datetime.date(2024, 5, 1))
        meeting.partnerships.add(partnership)
        meeting.articles.add(SourceArticleFactory())
        ParticipationFactory(meeting=meeting)


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context)


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_changelist_loads_within_budget_whatever_the_rows(superuser_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    before = _queries(superuser_client, url)
    _more_rows()
    after = _queries(superuser_client, url)
    assert after <= CHANGELIST_QUERY_BUDGET
    assert after == before, f"{url}: {before} queries with the demo data, {after} with more rows"


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_filter_choice_of_a_changelist_opens(superuser_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = superuser_client.get(url)
    changelist = response.context["cl"]
    links = {choice["query_string"] for spec in changelist.filter_specs if spec.has_output()
             for choice in spec.choices(changelist)}
    assert superuser_client.get(url + "?_facets=True").status_code == 200  # "Show counts"
    for query_string in sorted(links):  # each opens (200), within the budget
        assert _queries(superuser_client, url + query_string) <= CHANGELIST_QUERY_BUDGET, query_string


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_add_and_change_pages_load(superuser_client, model, rf):
    opts = model._meta
    request = rf.get("/admin/")
    request.user = UserFactory(username="root", is_superuser=True)
    if admin.site._registry[model].has_add_permission(request):
        assert _queries(superuser_client, reverse(f"admin:{opts.app_label}_{opts.model_name}_add")) <= ADMIN_QUERY_BUDGET
    instance = model._default_manager.order_by("pk").first()
    if instance is None and model in FACTORIES:
        instance = FACTORIES[model]()
    if instance is None:
        pytest.skip(f"the demo data has no {opts.verbose_name}")
    change = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[instance.pk])
    assert _queries(superuser_client, change) <= ADMIN_QUERY_BUDGET
    if hasattr(model, "history"):
        history = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[instance.pk])
        assert _queries(superuser_client, history) <= ADMIN_QUERY_BUDGET


def test_a_duplicate_article_is_refused_in_admin_with_a_message(superuser_client):
    url = reverse("admin:meetings_sourcearticle_add")
    data = {"title": "Hà Nội tiếp Đô trưởng Viêng Chăn", "clean_text": "Chiều 4/10, Chủ tịch UBND Thành phố tiếp.",
            "language": "vi", "review_status": "pending"}
    assert superuser_client.post(url, data).status_code == 302
    superuser_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = superuser_client.post(url, {**data, "title": "Bản sao"})
    assert response.status_code == 200
    assert "already stored" in response.content.decode()


def test_an_agreement_added_in_admin_enters_the_workflow(superuser_client):
    from partnerships.models import Agreement, Partnership

    partnership = Partnership.objects.get(partner_locality__name_en="Jakarta")
    response = superuser_client.post(reverse("admin:partnerships_agreement_add"), {
        "partnership": partnership.pk, "kind": "mou", "title": "Biên bản ghi nhớ Hà Nội – Gia-các-ta",
        "stage_changes-TOTAL_FORMS": 0, "stage_changes-INITIAL_FORMS": 0,
        "documents-TOTAL_FORMS": 0, "documents-INITIAL_FORMS": 0,
        "milestones-TOTAL_FORMS": 0, "milestones-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement = Agreement.objects.get(title="Biên bản ghi nhớ Hà Nội – Gia-các-ta")
    assert agreement.stage == Agreement.Stage.PROPOSED
    assert list(agreement.stage_changes.values_list("to_stage", "recorded_by__username")) == [("proposed", "admin")]
