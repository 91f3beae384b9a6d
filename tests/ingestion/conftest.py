import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from partnerships.models import Locality
from staff.roles import EDITOR, VIEWER
from tests.factories import LocalityFactory, UserFactory


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor1", is_staff=False)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def viewer(db):
    user = UserFactory(username="viewer1", is_staff=False)
    user.groups.add(Group.objects.get(name=VIEWER))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # assertions read the English messages
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(viewer)
    return client


@pytest.fixture
def vientiane(db):
    return LocalityFactory(name_en="Vientiane", name_vi="Viêng Chăn", country="LA", kind=Locality.Kind.CAPITAL,
                           aliases=["Thủ đô Viêng Chăn", "Vieng Chan"])
