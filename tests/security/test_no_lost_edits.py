"""Two staff editing the same agreement or meeting: the second save is refused, nothing is lost."""
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from meetings.models import Meeting
from partnerships.models import Agreement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _form_data(client, url):
    """The change form as the browser would submit it, unchanged."""
    html = client.get(url).content.decode()
    data = {}
    for tag in re.findall(r"<input\b[^>]*>", html):
        name = re.search(r'\sname="([^"]+)"', tag)
        kind = re.search(r'\stype="([^"]+)"', tag)
        value = re.search(r'\svalue="([^"]*)"', tag)
        if not name or (kind and kind.group(1) in {"submit", "checkbox", "file"}):
            continue
        data[name.group(1)] = value.group(1) if value else ""
    for select in re.finditer(r'<select\b[^>]*?\sname="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(2))
        if chosen:
            data[select.group(1)] = chosen if "multiple" in select.group(0) else chosen[0]
    for area in re.finditer(r'<textarea\b[^>]*?\sname="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[area.group(1)] = area.group(2).strip()
    return data


@pytest.fixture
def two_clerks(client, django_user_model):
    call_command("load_demo")
    from django.test import Client

    first, second = client, Client()
    for number, browser in enumerate([first, second]):
        browser.force_login(UserFactory(username=f"clerk{number}", is_superuser=True))
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return first, second


@pytest.mark.parametrize("model, field", [(Agreement, "title"), (Meeting, "title")])
def test_the_second_save_is_refused_with_a_message(two_clerks, model, field):
    first, second = two_clerks
    obj = model.objects.order_by("pk").first()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    first_form, second_form = _form_data(first, url), _form_data(second, url)

    saved = first.post(url, {**first_form, field: "Bản của người thứ nhất"})
    assert saved.status_code == 302
    refused = second.post(url, {**second_form, field: "Bản của người thứ hai"})
    assert refused.status_code == 200
    assert "Someone else saved this" in refused.content.decode()

    obj.refresh_from_db()
    assert getattr(obj, field) == "Bản của người thứ nhất"
    assert obj.version == 2
    # Reopened, the form carries the new version and saves.
    again = second.post(url, {**_form_data(second, url), field: "Bản của người thứ hai"})
    assert again.status_code == 302
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == ("Bản của người thứ hai", 3)
