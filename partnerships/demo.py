"""Demo data: the facts reported by the five seed articles, in our own words, plus a few
milestones around today so that the reminders and the dashboard have something to show.

Everything is keyed on natural keys and created with get_or_create, so loading twice
changes nothing."""
import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from partnerships.areas import ensure_standard_areas
from staff.roles import sync_role_groups
from meetings.models import Meeting, Participation, Person, SourceArticle
from meetings.services import article_content_hash
from partnerships.models import (
    Agreement,
    CooperationArea,
    Locality,
    Milestone,
    MilestoneTemplate,
    Organization,
    Partnership,
    StageChange,
)
from staff.models import StaffProfile

DEMO_USERNAME = "demo"
DEMO_PASSWORD = "hanoi-demo-2026"
VIEWER_USERNAME = "demo-viewer"

LOCALITIES = [
    # key, name_en, name_vi, kind, country, parent key, hanoi side, lat, lon, wikidata, aliases
    ("hanoi", "Hanoi", "Hà Nội", "capital", "VN", None, True, 21.02850, 105.85420, "Q1858",
     ["Ha Noi", "Thủ đô Hà Nội", "Thành phố Hà Nội"]),
    ("hoan_kiem", "Hoan Kiem", "Hoàn Kiếm", "district", "VN", "hanoi", True, 21.02880, 105.85250, "Q1072638",
     ["Quận Hoàn Kiếm"]),
    ("vientiane", "Vientiane", "Viêng Chăn", "capital", "LA", None, False, 17.97570, 102.63310, "Q9326",
     ["Thủ đô Viêng Chăn", "Vieng Chan", "Viangchan", "Vientiane Capital"]),
    ("chanthabuly", "Chanthabuly", "Chanthabuly", "district", "LA", "vientiane", False, 17.96670, 102.60000, "",
     ["Chanthabouly", "Huyện Chanthabuly"]),
    ("california", "California", "California", "province", "US", None, False, 36.77830, -119.41790, "Q99",
     ["Tiểu bang California", "CA"]),
    ("los_angeles", "Los Angeles", "Los Angeles", "city", "US", "california", False, 34.05220, -118.24370, "Q65",
     ["LA", "Thành phố Los Angeles", "City of Los Angeles"]),
    ("san_francisco", "San Francisco", "San Francisco", "city", "US", "california", False, 37.77490, -122.41940,
     "Q62", ["Xan Phran-xi-xcô"]),
    ("jakarta", "Jakarta", "Gia-các-ta", "capital", "ID", None, False, -6.20880, 106.84560, "Q3630",
     ["Thủ đô Jakarta", "DKI Jakarta", "Giacacta"]),
]

ORGANIZATIONS = [
    # name_vi, name_en, abbreviation, kind, country, locality key
    ("Ủy ban nhân dân Thành phố Hà Nội", "Hanoi People's Committee", "UBND TP", "peoples_committee", "VN", "hanoi"),
    ("Hội đồng nhân dân Thành phố Hà Nội", "Hanoi People's Council", "HĐND TP", "peoples_council", "VN", "hanoi"),
    ("Thành ủy Hà Nội", "Hanoi Party Committee", "Thành ủy", "party_committee", "VN", "hanoi"),
    ("Đại sứ quán Hoa Kỳ tại Việt Nam", "Embassy of the United States in Hanoi", "ĐSQ Hoa Kỳ", "embassy", "US",
     "hanoi"),
    ("Hội đồng Thành phố Los Angeles", "Los Angeles City Council", "", "city_council", "US", "los_angeles"),
    ("Chính quyền Thành phố Los Angeles", "City of Los Angeles", "", "city_government", "US", "los_angeles"),
    ("Tổng Lãnh sự quán Việt Nam tại San Francisco", "Consulate General of Viet Nam in San Francisco", "",
     "consulate", "VN", "san_francisco"),
    ("Chính quyền Thủ đô Viêng Chăn", "Vientiane Capital Administration", "", "city_government", "LA",
     "vientiane"),
    ("Huyện ủy Chanthabuly", "Chanthabuly District Party Committee", "", "party_committee", "LA", "chanthabuly"),
]

PARTNERSHIPS = [
    # key, hanoi key, partner key, level, status, established, areas, notes
    ("hn_la", "hanoi", "los_angeles", "cooperation", "exploring", None,
     ["transport", "environment", "smart_city", "culture", "people_to_people", "trade_investment", "tourism",
      "urban_planning", "waste_water", "health"],
     "Both cities agreed in 2018 to negotiate towards a cooperation document; Hanoi hopes to move on to twinning."),
    ("hn_vte", "hanoi", "vientiane", "friendship", "active", None,
     ["digital_transformation", "e_government", "cyber_security", "security", "trade_investment", "tourism",
      "culture", "education"],
     "The two capitals work under a party-and-government cooperation agreement for 2022–2025."),
    ("hk_ctb", "hoan_kiem", "chanthabuly", "friendship", "active", None,
     ["culture", "tourism", "trade_investment", "education", "digital_transformation", "e_government"],
     "District-level pair inside the Hanoi–Vientiane partnership."),
    ("hn_jkt", "hanoi", "jakarta", "friendship", "active", None, ["people_to_people"],
     "The Hanoi People's Council has worked with the Jakarta Regional Council."),
]

ARTICLES = [
    # key, title, publisher, published_on, url, language, summary
    ("a000", "Hà Nội và ĐSQ Mỹ tiếp tục hợp tác chặt chẽ", "", None, "", "vi",
     "Chủ tịch UBND Thành phố Trần Sỹ Thanh tiếp Đại sứ Hoa Kỳ Marc E. Knapper; hai bên bàn hợp tác về thương "
     "mại, đầu tư, y tế, giáo dục, chất lượng không khí, du lịch và thúc đẩy kết nghĩa Hà Nội – Los Angeles; "
     "Hà Nội đang thống nhất với phía bạn về bản ghi nhớ."),
    ("a001", "Hà Nội mong muốn tăng cường hợp tác với các địa phương của Hoa Kỳ", "Kinh tế & Đô thị",
     datetime.date(2020, 7, 6), "", "vi",
     "Bí thư Thành ủy Vương Đình Huệ và, trước đó, Chủ tịch UBND Thành phố Nguyễn Đức Chung tiếp Đại sứ Hoa Kỳ "
     "Daniel Kritenbrink nhân 25 năm quan hệ ngoại giao; hai bên bàn về đầu tư, công nghệ, du lịch."),
    ("a002", "Chủ tịch HĐND thành phố Hà Nội thăm và làm việc tại Los Angeles", "", datetime.date(2023, 8, 15),
     "", "vi",
     "Đoàn do Chủ tịch HĐND Thành phố Nguyễn Ngọc Tuấn dẫn đầu làm việc với Hội đồng và Chính quyền Los Angeles "
     "ngày 14/8/2023; hai bên thống nhất đẩy nhanh đàm phán Biên bản ghi nhớ đang được hoàn thiện từ năm 2018."),
    ("a003", "Thúc đẩy hợp tác giữa Hà Nội - Viêng Chăn", "", None, "", "vi",
     "Phó Bí thư Thành ủy Nguyễn Văn Phong tiếp đoàn huyện Chanthabuly do Bí thư Huyện ủy, Huyện trưởng "
     "Duangta Soulivong dẫn đầu; gợi ý hợp tác văn hóa – du lịch, giáo dục, chuyển đổi số."),
    ("a004", "Hướng tới mối quan hệ hợp tác thực chất, ngày càng phát triển, toàn diện giữa Hà Nội và Viêng Chăn",
     "Cổng Thông tin điện tử Hà Nội", datetime.date(2023, 10, 4),
     "https://hanoi.gov.vn/tintuc_sukien/-/hn/ZVOm7e3VDMRM/3/2860047/"
     "huong-toi-moi-quan-he-hop-tac-thuc-chat-ngay-cang-phat-trien-toan-dien-giua-ha-noi-va-vieng-chan.html",
     "vi",
     "Chủ tịch UBND Thành phố Trần Sỹ Thanh tiếp đoàn Thủ đô Viêng Chăn do Đô trưởng Athsaphangthong Siphandone "
     "dẫn đầu; khẳng định vai trò của thỏa thuận hợp tác 2022–2025 và đề xuất hợp tác chuyển đổi số, chính quyền "
     "điện tử, an ninh mạng."),
]

AGREEMENTS = [
    # key, partnership, kind, title, valid_from, valid_until, target, areas, notes, history, renews
    ("la_mou", "hn_la", "mou", "Biên bản ghi nhớ hợp tác giữa Thành phố Hà Nội và Thành phố Los Angeles",
     None, None, datetime.date(2023, 12, 31),
     ["transport", "environment", "smart_city", "culture", "people_to_people"],
     "Negotiated since 2018; Hanoi aimed to sign in 2023, the 10th anniversary of the Viet Nam – US "
     "comprehensive partnership.",
     [("proposed", datetime.date(2018, 1, 1), "Both sides agreed in 2018 to negotiate (month not stated).", None),
      ("negotiating", datetime.date(2018, 1, 1), "Negotiation under way since 2018.", None),
      ("negotiating", datetime.date(2023, 8, 14), "Both cities agreed in Los Angeles to speed up the "
       "negotiation.", "a002")],
     None),
    ("vte_2022", "hn_vte", "cooperation_agreement",
     "Thỏa thuận hợp tác giữa Đảng bộ, Chính quyền Thủ đô Hà Nội và Đảng bộ, Chính quyền Thủ đô Viêng Chăn "
     "giai đoạn 2022–2025",
     datetime.date(2022, 1, 1), datetime.date(2025, 12, 31), None,
     ["digital_transformation", "e_government", "cyber_security", "trade_investment", "tourism"],
     "The signing date is not stated in the sources; the period is 2022–2025.",
     [("signed", datetime.date(2022, 1, 1), "Signing date not stated; the agreement covers 2022–2025.", "a004"),
      ("in_force", datetime.date(2022, 1, 1), "In force for 2022–2025.", "a004"),
      ("expired", datetime.date(2026, 1, 1), "Validity ended on 31/12/2025.", None)],
     None),
    ("vte_2026", "hn_vte", "plan", "Kế hoạch hợp tác Hà Nội – Viêng Chăn giai đoạn 2026–2030",
     datetime.date(2026, 1, 1), datetime.date(2030, 12, 31), datetime.date(2026, 12, 31),
     ["digital_transformation", "e_government", "cyber_security", "education"],
     "Demo data, not from the seed articles: the renewal of the 2022–2025 agreement.",
     [("proposed", datetime.date(2026, 3, 2), "Demo: renewal proposed.", None),
      ("negotiating", datetime.date(2026, 6, 15), "Demo: drafts exchanged.", None)],
     "vte_2022"),
]

MEETINGS = [
    # key, title, date, precision, part of day, kind, place, locality, partnerships, agreements,
    # organizations (name_vi), areas, articles, summary, outcomes,
    # participants: (full name, title as stated, side, role, organization name_vi or None)
    ("m2020_hue", "Bí thư Thành ủy Vương Đình Huệ tiếp Đại sứ Hoa Kỳ Daniel Kritenbrink",
     datetime.date(2020, 7, 6), "day", "afternoon", "reception", "Hà Nội", "hanoi", [], [],
     ["Thành ủy Hà Nội", "Đại sứ quán Hoa Kỳ tại Việt Nam"], ["trade_investment", "tourism"], ["a001"],
     "Reception marking 25 years of Viet Nam – US diplomatic relations; Hanoi's wish to work more with US "
     "localities.",
     "The embassy invited the Party Secretary to its anniversary events; Hanoi to help start building the new "
     "embassy in 2020.",
     [("Vương Đình Huệ", "Ủy viên Bộ Chính trị, Bí thư Thành ủy", "hanoi", "host", "Thành ủy Hà Nội"),
      ("Nguyễn Thế Hùng", "Phó Chủ tịch UBND Thành phố", "hanoi", "attendee", "Ủy ban nhân dân Thành phố Hà Nội"),
      ("Daniel J. Kritenbrink", "Đại sứ Hoa Kỳ tại Việt Nam", "partner", "guest",
       "Đại sứ quán Hoa Kỳ tại Việt Nam")]),
    ("m2020_chung", "Chủ tịch UBND Thành phố Nguyễn Đức Chung tiếp Đại sứ Hoa Kỳ Daniel J. Kritenbrink",
     datetime.date(2020, 1, 1), "year", "", "reception", "Hà Nội", "hanoi", [], [],
     ["Ủy ban nhân dân Thành phố Hà Nội", "Đại sứ quán Hoa Kỳ tại Việt Nam"], [], ["a001"],
     "An earlier reception reported in the same article; the article gives no date, only that it came before "
     "6/7/2020.",
     "Hanoi offered help with the embassy's 25th-anniversary plans.",
     [("Nguyễn Đức Chung", "Ủy viên Trung ương Đảng, Phó Bí thư Thành ủy, Chủ tịch UBND Thành phố", "hanoi",
       "host", "Ủy ban nhân dân Thành phố Hà Nội"),
      ("Daniel J. Kritenbrink", "Đại sứ Hoa Kỳ", "partner", "guest", "Đại sứ quán Hoa Kỳ tại Việt Nam")]),
    ("m2023_la", "Đoàn HĐND Thành phố Hà Nội làm việc tại Los Angeles",
     datetime.date(2023, 8, 14), "day", "morning", "visit_abroad", "Los Angeles, California", "los_angeles",
     ["hn_la"], ["la_mou"],
     ["Hội đồng nhân dân Thành phố Hà Nội", "Hội đồng Thành phố Los Angeles", "Chính quyền Thành phố Los Angeles",
      "Tổng Lãnh sự quán Việt Nam tại San Francisco"],
     ["transport", "environment", "smart_city", "culture", "people_to_people", "trade_investment", "tourism",
      "urban_planning", "waste_water"], ["a002"],
     "Working session with the Los Angeles City Council and city government during a visit to the US; the "
     "delegation also toured the Los Angeles Metro.",
     "Agreed to speed up negotiation of the MoU; Los Angeles to send a delegation led by its Mayor to Hanoi.",
     [("Nguyễn Ngọc Tuấn", "Chủ tịch HĐND Thành phố Hà Nội", "hanoi", "guest",
       "Hội đồng nhân dân Thành phố Hà Nội"),
      ("Hoàng Anh Tuấn", "Tổng Lãnh sự Việt Nam tại San Francisco", "other", "attendee",
       "Tổng Lãnh sự quán Việt Nam tại San Francisco"),
      ("Paul Krekorian", "Chủ tịch Hội đồng Thành phố Los Angeles", "partner", "host",
       "Hội đồng Thành phố Los Angeles"),
      ("Erin Bromaghim", "Phó Thị trưởng Thành phố Los Angeles", "partner", "host",
       "Chính quyền Thành phố Los Angeles")]),
    ("m2023_vte", "Chủ tịch UBND Thành phố Trần Sỹ Thanh tiếp Đoàn đại biểu cấp cao Thủ đô Viêng Chăn",
     datetime.date(2023, 10, 4), "day", "afternoon", "reception", "Hà Nội", "hanoi", ["hn_vte"], ["vte_2022"],
     ["Ủy ban nhân dân Thành phố Hà Nội", "Chính quyền Thủ đô Viêng Chăn"],
     ["digital_transformation", "e_government", "cyber_security", "security", "trade_investment", "tourism"],
     ["a004"],
     "High-level delegation of Vientiane Capital received in Hanoi; review of the 2022–2025 cooperation.",
     "Proposed new cooperation on digital transformation, e-government and cyberspace management.",
     [("Trần Sỹ Thanh", "Ủy viên Trung ương Đảng, Phó Bí thư Thành ủy, Chủ tịch UBND Thành phố Hà Nội", "hanoi",
       "host", "Ủy ban nhân dân Thành phố Hà Nội"),
      ("Nguyễn Mạnh Quyền", "Phó Chủ tịch UBND Thành phố", "hanoi", "attendee",
       "Ủy ban nhân dân Thành phố Hà Nội"),
      ("Athsaphangthong Siphandone", "Ủy viên Trung ương Đảng, Phó Bí thư Thành ủy, Đô trưởng Thủ đô Viêng Chăn",
       "partner", "guest", "Chính quyền Thủ đô Viêng Chăn")]),
    ("m2023_ctb", "Phó Bí thư Thành ủy Nguyễn Văn Phong tiếp Đoàn đại biểu huyện Chanthabuly",
     datetime.date(2023, 11, 28), "day", "morning", "reception", "Hà Nội", "hanoi", ["hk_ctb", "hn_vte"], [],
     ["Thành ủy Hà Nội", "Huyện ủy Chanthabuly"],
     ["culture", "tourism", "trade_investment", "education", "digital_transformation", "e_government"], ["a003"],
     "Courtesy call by the Chanthabuly district delegation. The article gives only 28/11; the year 2023 is an "
     "assumption of the demo data.",
     "Suggested cooperation in cultural industry with tourism, teacher exchange and digital government.",
     [("Nguyễn Văn Phong", "Phó Bí thư Thành ủy Hà Nội", "hanoi", "host", "Thành ủy Hà Nội"),
      ("Duangta Soulivong", "Bí thư Huyện ủy, Huyện trưởng Chanthabuly", "partner", "guest",
       "Huyện ủy Chanthabuly")]),
    ("m2024_knapper", "Chủ tịch UBND Thành phố Trần Sỹ Thanh tiếp Đại sứ Hoa Kỳ Marc E. Knapper",
     datetime.date(2024, 1, 1), "year", "", "reception", "Hà Nội", "hanoi", ["hn_la"], ["la_mou"],
     ["Ủy ban nhân dân Thành phố Hà Nội", "Đại sứ quán Hoa Kỳ tại Việt Nam"],
     ["trade_investment", "people_to_people", "health", "education", "environment", "tourism", "innovation"],
     ["a000"],
     "Reception of the US Ambassador after the upgrade of Viet Nam – US relations; the article gives no date "
     "(before the October 2024 anniversary of the liberation of the capital).",
     "The Ambassador to act as a bridge for a Hanoi – Los Angeles twinning; Hanoi to agree the MoU's content "
     "with Los Angeles.",
     [("Trần Sỹ Thanh", "Chủ tịch UBND TP Hà Nội", "hanoi", "host", "Ủy ban nhân dân Thành phố Hà Nội"),
      ("Marc E. Knapper", "Đại sứ Hoa Kỳ tại Việt Nam", "partner", "guest", "Đại sứ quán Hoa Kỳ tại Việt Nam")]),
]

MILESTONE_TEMPLATES = [
    # stage, agreement kind ("" for every kind), title, days after entering the stage
    ("negotiating", "", "Gửi dự thảo văn kiện cho phía đối tác", 30),
    ("draft_agreed", "", "Trình UBND Thành phố phê duyệt nội dung văn kiện", 14),
    ("approved", "", "Chuẩn bị lễ ký kết: địa điểm, thành phần, bản dịch", 21),
    ("signed", "", "Lưu bản ký gốc và báo cáo Bộ Ngoại giao", 7),
    ("in_force", "plan", "Xây dựng kế hoạch triển khai năm đầu", 60),
]

MILESTONES = [
    # title, agreement key, partnership key, due offset from today (days), done
    ("Gửi dự thảo Biên bản ghi nhớ đã chỉnh sửa cho Los Angeles", "la_mou", None, -5, False),
    ("Chuẩn bị chương trình đón đoàn Thị trưởng Los Angeles", "la_mou", None, 12, False),
    ("Trình UBND Thành phố dự thảo Kế hoạch hợp tác 2026–2030", "vte_2026", None, 25, False),
    ("Báo cáo kết quả hợp tác Hoàn Kiếm – Chanthabuly năm 2026", None, "hk_ctb", 3, False),
    ("Tổng kết Thỏa thuận hợp tác 2022–2025", "vte_2022", None, -40, True),
]


@dataclass
class DemoResult:
    created: int = 0


def load_demo(*, today=None):
    """Loads the demo data; returns how many rows were created (0 on a second run)."""
    today = today or timezone.localdate()
    result = DemoResult()
    with transaction.atomic():
        _load(today, result)
    return result


def _get_or_create(result, model, defaults=None, **lookup):
    obj, created = model.objects.get_or_create(defaults=defaults or {}, **lookup)
    result.created += int(created)
    return obj


def _load(today, result):
    sync_role_groups()  # a database flushed by a test or a restore may lack the groups migrations made
    User = get_user_model()
    demo = User.objects.filter(username=DEMO_USERNAME).first()
    if demo is None:
        demo = User.objects.create_superuser(DEMO_USERNAME, "demo@hanoi.example", DEMO_PASSWORD,
                                             first_name="Demo", last_name="Đối ngoại")
        result.created += 1
    viewer = User.objects.filter(username=VIEWER_USERNAME).first()
    if viewer is None:
        viewer = User.objects.create_user(VIEWER_USERNAME, "viewer@hanoi.example", DEMO_PASSWORD)
        result.created += 1
    for user, group_name in [(demo, "administrator"), (demo, "editor"), (viewer, "viewer")]:
        group = Group.objects.filter(name=group_name).first()
        if group and not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
    _get_or_create(result, StaffProfile, user=demo)
    _get_or_create(result, StaffProfile, user=viewer)

    ensure_standard_areas(CooperationArea)
    areas = {a.slug: a for a in CooperationArea.objects.all()}

    localities = {}
    for key, name_en, name_vi, kind, country, parent, hanoi_side, lat, lon, qid, aliases in LOCALITIES:
        localities[key] = _get_or_create(
            result, Locality, country=country, name_en=name_en,
            defaults=dict(name_vi=name_vi, kind=kind, parent=localities.get(parent), is_hanoi_side=hanoi_side,
                          latitude=lat, longitude=lon, wikidata_id=qid, aliases=aliases),
        )

    organizations = {}
    for name_vi, name_en, abbreviation, kind, country, locality in ORGANIZATIONS:
        organizations[name_vi] = _get_or_create(
            result, Organization, country=country, name_vi=name_vi,
            defaults=dict(name_en=name_en, abbreviation=abbreviation, kind=kind, locality=localities[locality]),
        )

    partnerships = {}
    for key, hanoi_key, partner_key, level, status, established, area_slugs, notes in PARTNERSHIPS:
        partnership = _get_or_create(
            result, Partnership, hanoi_locality=localities[hanoi_key], partner_locality=localities[partner_key],
            defaults=dict(level=level, status=status, established_on=established, notes=notes,
                          responsible_officer=demo),
        )
        partnership.areas.add(*[areas[s] for s in area_slugs])
        partnerships[key] = partnership

    articles = {}
    for key, title, publisher, published_on, url, language, summary in ARTICLES:
        articles[key] = _get_or_create(
            result, SourceArticle, content_hash=article_content_hash(f"demo:{title}"),
            defaults=dict(title=title, publisher=publisher, published_on=published_on, url=url, language=language,
                          summary=summary, clean_text=summary, review_status=SourceArticle.ReviewStatus.CONFIRMED),
        )

    agreements = {}
    for key, p_key, kind, title, valid_from, valid_until, target, area_slugs, notes, history, renews in AGREEMENTS:
        last_stage, last_date = history[-1][0], history[-1][1]
        signed = next((date for stage, date, _note, _a in history if stage == Agreement.Stage.SIGNED), None)
        agreement, created = Agreement.objects.get_or_create(
            partnership=partnerships[p_key], title=title,
            defaults=dict(kind=kind, valid_from=valid_from, valid_until=valid_until, target_signing_on=target,
                          notes=notes, stage=last_stage, stage_changed_on=last_date, signed_on=signed,
                          renews=agreements.get(renews), responsible_officer=demo),
        )
        if created:
            result.created += 1
            agreement.areas.add(*[areas[s] for s in area_slugs])
            previous = ""
            for stage, changed_on, note, evidence in history:
                StageChange.objects.create(agreement=agreement, from_stage=previous, to_stage=stage,
                                           changed_on=changed_on, note=note, evidence=articles.get(evidence),
                                           recorded_by=None if stage == Agreement.Stage.EXPIRED else demo)
                previous = stage
        agreements[key] = agreement

    people = {}
    for (key, title, date, precision, part, kind, place, locality, p_keys, a_keys, org_names, area_slugs,
         article_keys, summary, outcomes, participants) in MEETINGS:
        meeting, created = Meeting.objects.get_or_create(
            title=title, date=date,
            defaults=dict(date_precision=precision, part_of_day=part, kind=kind, place=place,
                          locality=localities[locality], summary=summary, outcomes=outcomes),
        )
        if not created:
            continue
        result.created += 1
        meeting.partnerships.add(*[partnerships[k] for k in p_keys])
        meeting.agreements.add(*[agreements[k] for k in a_keys])
        meeting.organizations.add(*[organizations[n] for n in org_names])
        meeting.areas.add(*[areas[s] for s in area_slugs])
        meeting.articles.add(*[articles[k] for k in article_keys])
        for full_name, stated_title, side, role, org_name in participants:
            person = people.get(full_name) or _get_or_create(
                result, Person, full_name=full_name,
                defaults=dict(country="VN" if side != "partner" else organizations[org_name].country,
                              current_title=stated_title),
            )
            people[full_name] = person
            _get_or_create(result, Participation, meeting=meeting, person=person,
                           defaults=dict(title_at_time=stated_title, side=side, role=role,
                                         organization=organizations.get(org_name)))

    for stage, kind, title, offset in MILESTONE_TEMPLATES:
        _get_or_create(result, MilestoneTemplate, stage=stage, agreement_kind=kind, title=title,
                       defaults=dict(offset_days=offset))

    for title, a_key, p_key, offset, done in MILESTONES:
        due_on = today + datetime.timedelta(days=offset)
        _get_or_create(
            result, Milestone, title=title,
            defaults=dict(agreement=agreements.get(a_key), partnership=partnerships.get(p_key), owner=demo,
                          due_on=due_on, status=Milestone.Status.DONE if done else Milestone.Status.PENDING,
                          completed_on=due_on if done else None),
        )
