import pytest
from django.conf import settings
from django.utils import translation

from tests.factories import AgreementFactory, HanoiFactory, PartnershipFactory, UserFactory


@pytest.fixture
def hanoi(db):
    return HanoiFactory()


@pytest.fixture
def staff_user(db):
    return UserFactory(username="clerk")


@pytest.fixture
def partnership(db, hanoi):
    return PartnershipFactory(hanoi_locality=hanoi)


@pytest.fixture
def agreement(db, partnership):
    return AgreementFactory(partnership=partnership)


@pytest.fixture
def superuser(client):
    """An administrator logged in on ``client``, reading the admin in English."""
    user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return user


@pytest.fixture(autouse=True)
def english_messages():
    """Assertions read English messages; tests of the Vietnamese UI switch language themselves."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached: a rolled-back test leaves no pages behind."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def reference_rows(request):
    """Rows that data migrations create (standard areas, role groups) are gone after a
    transactional test flushed the database: put them back for the transactional tests."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        request.getfixturevalue("transactional_db")
        from partnerships.areas import ensure_standard_areas
        from partnerships.models import CooperationArea
        from staff.roles import sync_role_groups

        ensure_standard_areas(CooperationArea)
        sync_role_groups()


def pytest_terminal_summary(terminalreporter):
    """Says where the browser tests left their screenshots, so that a person can look at the pages."""
    import os
    from pathlib import Path

    folder = Path(os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parent.parent / "test-artifacts" /
                                 "screenshots"))
    shots = sorted(folder.glob("*.png")) if folder.is_dir() else []
    if shots:
        terminalreporter.write_sep("-", f"{len(shots)} screenshots in {folder}")
        for shot in shots:
            terminalreporter.write_line(f"  {shot.name}")
