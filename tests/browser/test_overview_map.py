"""The overview's map in a real browser: static/js/worldmap.js fetches the partner points
(dashboard:map_points) and draws them under the Content-Security-Policy; without JavaScript
the map keeps its outline, Hanoi and the caption."""
import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Chromium reports each CSP violation as a DOM event (and a console error); collected from the start.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def test_points_are_drawn_with_their_names_and_links(page, login, shot, world, viewer):
    console, errors = [], []
    page.on("console", lambda message: console.append((message.type, message.text)))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.add_init_script(WATCH_CSP)
    login(page, "viewer")

    figure = page.locator("figure.worldmap")
    expect(figure).to_have_attribute("data-points-drawn", "3")
    expect(figure.locator("g.pt circle")).to_have_count(4)  # Hanoi + Vientiane, Los Angeles, Jakarta
    expect(figure.locator("g.pt.inactive")).to_have_count(2)  # Los Angeles exploring, Jakarta dormant
    expect(figure.locator("figcaption")).to_have_text("3 địa phương đối tác trên bản đồ")

    vientiane = figure.locator(f'a[href="/partners/{world["vientiane"].pk}/"]')
    expect(vientiane.locator("title")).to_have_text("Viêng Chăn (Vientiane)")  # the tooltip
    expect(vientiane.locator("g")).to_have_attribute("class", "pt")
    circle = vientiane.locator("circle")
    expect(circle).to_have_attribute("cx", "282.63")
    expect(circle).to_have_attribute("cy", "72.02")
    expect(circle).to_have_attribute("r", "2.6")
    line = vientiane.locator("line")  # from Hanoi
    expect(line).to_have_attribute("x1", "285.85")
    expect(line).to_have_attribute("y1", "68.97")
    expect(figure.locator(f'a[href="/partners/{world["jakarta"].pk}/"] title')).to_have_text(
        "Gia-các-ta (Jakarta)")
    shot(page, "12-overview-map")

    assert page.evaluate("window.__cspViolations") == []
    assert [text for kind, text in console if kind == "error" or "Content Security Policy" in text] == []
    assert errors == []

    circle.click()
    expect(page.locator("h1")).to_contain_text("Viêng Chăn")


def test_without_javascript_the_map_keeps_hanoi_and_the_caption(chromium, live_server, login, world, viewer):
    context = chromium.new_context(java_script_enabled=False, locale="vi-VN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login(page, "viewer")
        figure = page.locator("figure.worldmap")
        expect(figure.locator("svg image")).to_have_count(1)  # the outline
        expect(figure.locator("circle")).to_have_count(1)
        expect(figure.locator("g.pt.hanoi title")).to_have_text("Hà Nội")
        expect(figure.locator("figcaption")).to_have_text("3 địa phương đối tác trên bản đồ")
    finally:
        context.close()
