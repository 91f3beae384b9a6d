"""Every dashboard page: anonymous users go to the login page, logged-in staff get it."""
import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_urls(world):
    return [
        reverse("dashboard:overview"),
        reverse("dashboard:search") + "?q=vieng",
        reverse("dashboard:profile"),
        reverse("partnerships:partner_list"),
        reverse("partnerships:partner_detail", args=[world["vientiane"].pk]),
        reverse("partnerships:agreement_list"),
        reverse("partnerships:agreement_board"),
        reverse("partnerships:agreement_detail", args=[world["mou"].pk]),
        reverse("partnerships:milestone_list") + "?mine=1",
        reverse("meetings:meeting_list"),
        reverse("meetings:meeting_detail", args=[world["reception"].pk]),
        reverse("meetings:meeting_ics", args=[world["reception"].pk]),
        reverse("meetings:article_list"),
        reverse("meetings:article_detail", args=[world["article"].pk]),
        reverse("meetings:person_list"),
        reverse("meetings:person_detail", args=[world["thanh"].pk]),
    ]


def test_url_structure_matches_reminder_links(world):
    assert reverse("dashboard:overview") == "/"
    assert reverse("partnerships:partner_detail", args=[7]) == "/partners/7/"
    assert reverse("partnerships:agreement_board") == "/agreements/board/"
    assert reverse("partnerships:agreement_detail", args=[3]) == "/agreements/3/"
    assert reverse("meetings:meeting_ics", args=[5]) == "/meetings/5/ics"
    assert reverse("meetings:article_detail", args=[2]) == "/articles/2/"
    assert reverse("meetings:person_detail", args=[2]) == "/people/2/"
    assert reverse("partnerships:milestone_list") == "/milestones/"
    assert reverse("dashboard:search") == "/search/"
    assert reverse("dashboard:calendar_feed", args=["abc"]) == "/calendar/abc.ics"


def test_anonymous_is_sent_to_login(client, world):
    for url in page_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_viewer_sees_every_page(viewer_client, world):
    for url in page_urls(world):
        response = viewer_client.get(url)
        assert response.status_code == 200, url


def test_unknown_rows_are_404(viewer_client, world):
    for name in ["partnerships:partner_detail", "partnerships:agreement_detail", "meetings:meeting_detail",
                 "meetings:article_detail", "meetings:person_detail", "meetings:meeting_ics"]:
        assert viewer_client.get(reverse(name, args=[999999])).status_code == 404, name


def test_hanoi_side_locality_has_no_partner_page(viewer_client, world):
    assert viewer_client.get(reverse("partnerships:partner_detail", args=[world["hanoi"].pk])).status_code == 404


def test_login_page_renders(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b'name="username"' in response.content


def test_base_layout_has_search_nav_and_language_switch(viewer_client, world):
    html = viewer_client.get("/").content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert reverse("partnerships:agreement_board") in html
    assert 'action="/i18n/setlang/"' in html
    assert "<script>" not in html and "style=" not in html  # CSP without 'unsafe-inline'
    assert "https://" not in html.split("<body")[0]  # no CDN in the head


def test_overview_widgets(client, editor, world):
    client.force_login(editor)
    response = client.get("/")
    html = response.content.decode()
    context = response.context
    assert [m.title for m in context["my_milestones"]] == ["Gửi báo cáo kết quả năm", "Chuẩn bị gia hạn biên bản"]
    assert world["mou"] in context["expiring"]
    assert any(p.partner_locality == world["jakarta"] for p in context["dormant"])
    assert {row["stage"]: row["count"] for row in context["pipeline"]}["in_force"] == 1
    assert context["pending_count"] == 1
    assert world["vientiane"].pk in {point["id"] for point in context["map_points"]}
    assert "img/world.svg" in html and "<circle" in html
    # Vientiane (102.6331 E, 17.9757 N) on the equirectangular 360×180 frame, with a decimal point
    assert '<circle cx="282.63" cy="72.02" r="2.6"' in html
    assert len(context["months"]) == 12


def test_partner_timeline(viewer_client, world):
    response = viewer_client.get(reverse("partnerships:partner_detail", args=[world["vientiane"].pk]))
    timeline = response.context["timeline"]
    kinds = [(e.kind, e.date) for e in timeline.entries]
    assert [d for _, d in kinds] == sorted((d for _, d in kinds), reverse=True)
    assert ("meeting", world["reception"].date) in kinds
    assert ("article", world["article"].published_on) in kinds
    assert any(k == "milestone" for k, _ in kinds)
    # the Chanthabuly meeting belongs to the child district and shows on Vientiane's timeline
    assert any(e.kind == "meeting" and e.obj.title.startswith("Làm việc với Huyện") for e in timeline.entries)
    assert world["chanthabuly"] in timeline.children
    assert [row["person"].full_name for row in timeline.people] == ["Athsaphangthong Siphandone"]
    html = response.content.decode()
    assert "Đô trưởng Thủ đô Viêng Chăn" in html and "Chanthabuly" in html


def test_article_text_is_escaped(viewer_client, world):
    html = viewer_client.get(reverse("meetings:article_detail", args=[world["article"].pk])).content.decode()
    assert "&lt;b&gt;Đoàn&lt;/b&gt;" in html and "<b>Đoàn</b>" not in html
    assert 'href="https://example.org/hn-vc"' in html
    assert world["reception"].title in html


def test_person_titles_over_time(viewer_client, world):
    response = viewer_client.get(reverse("meetings:person_detail", args=[world["thanh"].pk]))
    titles = [t["title"] for t in response.context["person"].titles]
    assert titles == ["Chủ tịch UBND Thành phố Hà Nội", "Bí thư Thành ủy Hà Nội"]


def test_meeting_detail_lists_participants_and_articles(viewer_client, world):
    html = viewer_client.get(reverse("meetings:meeting_detail", args=[world["reception"].pk])).content.decode()
    assert "Trần Sỹ Thanh" in html and "Chủ tịch UBND Thành phố Hà Nội" in html
    assert world["article"].title in html
