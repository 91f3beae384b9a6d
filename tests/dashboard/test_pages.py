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
    assert len(context["months"]) == 12
    # the rows' links ({% id_url %}: one reverse() per URL name) are the URLs reverse() gives
    for name, pk in [("partnerships:agreement_detail", world["mou"].pk),
                     ("partnerships:partner_detail", world["jakarta"].pk),
                     ("meetings:article_detail", context["pending_articles"][0].pk)]:
        assert f'<a href="{reverse(name, args=[pk])}">' in html, name


def test_id_url_is_the_url_tag_for_row_ids():
    from django.template import engines

    template = engines["django"].from_string(
        "{% load dashboard %}{% for pk in ids %}{% id_url 'partnerships:partner_detail' pk %} {% endfor %}"
        "{% id_url 'meetings:meeting_ics' '7' %}")
    assert template.render({"ids": [12, 3]}) == "/partners/12/ /partners/3/ /meetings/7/ics"


def test_overview_map_has_hanoi_and_the_caption_but_not_the_points(viewer_client, world):
    """The partner points come from dashboard:map_points (tests/dashboard/test_map_points.py),
    drawn by static/js/worldmap.js; without it the map still has its outline, Hanoi and the
    caption."""
    response = viewer_client.get("/")
    html = response.content.decode()
    assert response.context["map_count"] == 3  # Vientiane, Los Angeles, Jakarta (Chanthabuly has no coordinates)
    assert "img/world.svg" in html
    # Hanoi (105.8542 E, 21.0285 N) on the equirectangular 360×180 frame, with a decimal point
    assert '<g class="pt hanoi"><circle cx="285.85" cy="68.97" r="3.4"/><title>Hà Nội</title></g>' in html
    assert html.count("<circle") == 1 and "Viêng Chăn (Vientiane)" not in html
    assert f'data-points-url="{reverse("dashboard:map_points")}"' in html
    assert '<script src="/static/js/worldmap.js" defer></script>' in html
    assert "3 địa phương đối tác trên bản đồ" in html
    viewer_client.cookies["django_language"] = "en"
    assert "3 partner localities on the map" in viewer_client.get("/").content.decode()


def test_partner_timeline(viewer_client, world):
    response = viewer_client.get(reverse("partnerships:partner_detail", args=[world["vientiane"].pk]))
    timeline = response.context["timeline"]
    kinds = [(e.kind, e.date) for e in timeline.entries]
    assert [d for _, d in kinds] == sorted((d for _, d in kinds), reverse=True)
    assert ("meeting", world["reception"].date) in kinds
    assert ("article", world["article"].published_on) in kinds
    # the Chanthabuly meeting belongs to the child district and shows on Vientiane's timeline
    assert any(e.kind == "meeting" and e.obj.title.startswith("Làm việc với Huyện") for e in timeline.entries)
    assert world["chanthabuly"] in timeline.children
    assert [row["person"].full_name for row in timeline.people] == ["Athsaphangthong Siphandone"]
    html = response.content.decode()
    assert "Đô trưởng Thủ đô Viêng Chăn" in html and "Chanthabuly" in html
    # Milestones are not what happened: the one due in ten days is coming up, apart; the overdue
    # one is counted, with a link to it in the milestone list.
    assert {k for k, _ in kinds} == {"meeting", "article"}
    assert [(e.kind, e.obj) for e in timeline.upcoming] == [("milestone", world["soon"])]
    assert (timeline.pending_milestones, timeline.overdue_milestones) == (2, 1)
    coming = html[html.index("<h2>Sắp đến</h2>"):html.index('<ol class="timeline">')]  # "Coming up"
    assert world["soon"].title in coming and world["mou"].title in coming and world["overdue"].title not in html
    partner = world["vientiane"].pk
    assert (f'<a href="/milestones/?partner={partner}&amp;overdue=1" class="pill warn">'
            "1 mốc công việc quá hạn</a>") in coming
    assert f'<a href="/milestones/?partner={partner}&amp;status=pending">2 mốc công việc chưa xong' in coming


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
