"""The dashboard in a real browser: login, search, filters, timeline, workflow refusals,
milestones and the language switch."""
import re

import pytest
from playwright.sync_api import expect

from partnerships.models import Agreement, Milestone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_then_overview(page, login, shot, world, editor):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    shot(page, "01-login")
    login(page, "editor", "/accounts/login/?next=/")
    expect(page.locator("h1")).to_have_text("Tổng quan")
    expect(page.locator(".milestones")).to_contain_text("Gửi báo cáo kết quả năm")
    expect(page.locator(".worldmap circle")).to_have_count(4)  # Hanoi + Vientiane, Los Angeles, Jakarta
    shot(page, "02-overview")


def test_search_box_ignores_accents(page, login, shot, world, viewer):
    login(page, "viewer")
    page.fill("#site-search", "vieng chan")
    page.press("#site-search", "Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=vieng\+chan"))
    results = page.locator("main")
    expect(results.get_by_role("link", name="Viêng Chăn", exact=True)).to_be_visible()
    expect(results).to_contain_text("Tiếp Đoàn đại biểu cấp cao Thủ đô Viêng Chăn")
    shot(page, "03-search-vieng-chan")
    page.fill("#site-search", "tran sy thanh")
    page.press("#site-search", "Enter")
    expect(results.get_by_role("link", name="Trần Sỹ Thanh")).to_be_visible()


def test_filter_partner_list_then_open_timeline(page, login, shot, world, viewer):
    login(page, "viewer", "/accounts/login/?next=/partners/")
    expect(page.locator("table.data tbody tr")).to_have_count(4)
    page.click("details.filters summary")
    page.select_option("#id_continent", "NA")  # auto-submits (static/js/dashboard.js)
    expect(page).to_have_url(re.compile(r"continent=NA"))
    expect(page.locator("table.data tbody tr")).to_have_count(1)
    expect(page.locator("table.data tbody")).to_contain_text("Los Angeles")
    shot(page, "04-partners-filtered")
    page.goto("/partners/?country=LA")
    page.get_by_role("link", name="Viêng Chăn", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Viêng Chăn")
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text("Tiếp Đoàn đại biểu cấp cao Thủ đô Viêng Chăn")
    expect(timeline).to_contain_text("Đô trưởng Thủ đô Viêng Chăn")
    expect(page.locator("main")).to_contain_text("Chanthabuly")
    shot(page, "05-partner-timeline")


def test_advance_stage_refusal_then_success(page, login, shot, world, editor):
    agreement = world["la_mou"]
    login(page, "editor", f"/accounts/login/?next=/agreements/{agreement.pk}/")
    page.select_option("#id_to_stage", "signed")
    page.click("text=Ghi nhận chuyển giai đoạn")
    expect(page.locator(".form-errors")).to_contain_text("Hãy đính kèm văn bản đã ký")
    shot(page, "06-agreement-refusal")
    agreement.refresh_from_db()
    assert agreement.stage == Agreement.Stage.APPROVED
    page.select_option("#id_to_stage", "terminated")
    page.fill("#id_note", "Dừng theo đề nghị của phía bạn")
    page.click("text=Ghi nhận chuyển giai đoạn")
    expect(page.locator(".messages")).to_contain_text("Đã chuyển giai đoạn")
    expect(page.locator("ol.timeline")).to_contain_text("Dừng theo đề nghị của phía bạn")
    shot(page, "07-agreement-advanced")
    agreement.refresh_from_db()
    assert agreement.stage == Agreement.Stage.TERMINATED


def test_mark_milestone_done(page, login, shot, world, editor):
    milestone = world["soon"]
    login(page, "editor", "/accounts/login/?next=/milestones/%3Fmine%3D1")
    shot(page, "08-milestones-mine")
    page.click(f"[data-testid=done-{milestone.pk}]")
    expect(page.locator(".messages")).to_contain_text("đã xong")
    expect(page).to_have_url(re.compile(r"/milestones/\?mine=1$"))
    shot(page, "09-milestone-done")
    milestone.refresh_from_db()
    assert milestone.status == Milestone.Status.DONE


def test_viewer_sees_no_editor_buttons(page, login, world, viewer):
    login(page, "viewer", "/accounts/login/?next=/milestones/")
    expect(page.locator("table.data tbody tr")).to_have_count(3)
    expect(page.locator("[data-testid^=done-]")).to_have_count(0)


def test_switch_language_is_remembered(page, login, shot, world, viewer):
    login(page, "viewer", "/accounts/login/?next=/meetings/")
    expect(page.locator("nav.mainnav")).to_contain_text("Cuộc gặp")
    page.click("form.lang button[value=en]")
    expect(page.locator("nav.mainnav")).to_contain_text("Meetings")
    expect(page.locator("table.data")).to_contain_text("04/10/2023")
    shot(page, "10-meetings-english")
    page.goto("/")
    expect(page.locator("h1")).to_have_text("Overview")
    page.click("form.lang button[value=vi]")
    expect(page.locator("h1")).to_have_text("Tổng quan")


def test_phone_layout(chromium, live_server, login, shot, world, editor):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                                   has_touch=True, base_url=live_server.url)
    page = context.new_page()
    try:
        login(page, "editor")
        expect(page.locator("#site-search")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the overview scrolls sideways on a phone ({width}px)"
        shot(page, "11-overview-phone")
    finally:
        context.close()
