"""Real Chromium through Playwright's sync API against pytest-django's live_server.

Debian's /usr/bin/chromium is used as is (never ``playwright install``); without it the
browser tests are skipped with the reason. Each test leaves a screenshot under
test-artifacts/screenshots/ (or $SCREENSHOT_DIR)."""
import os
from pathlib import Path

import pytest

from tests.dashboard.conftest import editor, viewer, world  # noqa: F401  (shared fixtures)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
PASSWORD = "correct horse battery"  # tests.factories.UserFactory


def screenshot_dir():
    root = Path(__file__).resolve().parents[2]
    path = Path(os.environ.get("SCREENSHOT_DIR") or root / "test-artifacts" / "screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session", autouse=True)
def _media_url_for_live_server():
    """MEDIA_URL is None in the settings (uploads are served only through views that check
    the login), but Django's live server handler parses MEDIA_URL and fails on None. Give it
    an unused path for the browser session only."""
    from django.test.utils import override_settings

    with override_settings(MEDIA_URL="/_test_media_not_linked/"):
        yield


@pytest.fixture(autouse=True)
def _migration_data(transactional_db):
    """Live-server tests run in transactional mode, and each one ends by flushing the tables:
    the rows the data migrations made (the role groups, the standard areas) are gone for the
    next test unless the serialized rollback restored them — which it does not when other
    modules run in the same session. Re-create them, idempotently."""
    from partnerships.areas import STANDARD_AREAS
    from partnerships.models import CooperationArea
    from staff.roles import sync_role_groups

    sync_role_groups()
    for slug, name_vi, name_en in STANDARD_AREAS:
        CooperationArea.objects.get_or_create(slug=slug, defaults={"name_vi": name_vi, "name_en": name_en})


@pytest.fixture(scope="module")
def chromium():
    """One browser per module. Playwright's sync API leaves an event loop registered on this
    thread, so Django would refuse ORM calls from the fixtures; they are safe here (nothing
    runs concurrently in this thread), hence DJANGO_ALLOW_ASYNC_UNSAFE — set only while the
    browser lives, so neither later tests nor their subprocesses (manage.py check --deploy)
    inherit it."""
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests need it")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN",
                                   timezone_id="Asia/Ho_Chi_Minh", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shot():
    def take(page, name, full_page=True):
        path = screenshot_dir() / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path
    return take


@pytest.fixture
def login():
    def do(page, username, next_url="/"):
        page.goto(next_url)
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("form.stacked button[type=submit]")
        page.wait_for_load_state("domcontentloaded")
        return page
    return do
