"""Fixtures of the dashboard tests: users in each role and a small Hanoi world."""
import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group

from meetings.models import Participation
from partnerships.models import Agreement, Locality, Partnership
from staff.roles import EDITOR, VIEWER
from tests.factories import (
    AgreementFactory,
    HanoiFactory,
    LocalityFactory,
    MeetingFactory,
    MilestoneFactory,
    ParticipationFactory,
    PartnershipFactory,
    PersonFactory,
    SourceArticleFactory,
    UserFactory,
    area,
)


@pytest.fixture
def viewer(db):
    user = UserFactory(username="viewer", is_staff=False)
    user.groups.add(Group.objects.get(name=VIEWER))
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="editor", is_staff=False)
    user.groups.add(Group.objects.get(name=EDITOR))
    return user


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def world(db, editor):
    """Hanoi, Vientiane (with Chanthabuly inside it), Los Angeles and Jakarta, with a few
    meetings, people, articles, agreements and milestones."""
    hanoi = HanoiFactory(latitude=Decimal("21.02850"), longitude=Decimal("105.85420"))
    hoan_kiem = Locality.objects.create(name_en="Hoan Kiem", name_vi="Hoàn Kiếm", kind=Locality.Kind.DISTRICT,
                                        country="VN", parent=hanoi, is_hanoi_side=True)
    vientiane = LocalityFactory(name_en="Vientiane", name_vi="Viêng Chăn",
                                aliases=["Vientiane Capital", "ນະຄອນຫຼວງວຽງຈັນ"],
                                kind=Locality.Kind.CAPITAL, country="LA",
                                latitude=Decimal("17.97570"), longitude=Decimal("102.63310"))
    chanthabuly = LocalityFactory(name_en="Chanthabuly", name_vi="Chanthabuly", kind=Locality.Kind.DISTRICT,
                                  country="LA", parent=vientiane)
    los_angeles = LocalityFactory(name_en="Los Angeles", name_vi="Los Angeles", country="US",
                                  latitude=Decimal("34.05220"), longitude=Decimal("-118.24370"))
    jakarta = LocalityFactory(name_en="Jakarta", name_vi="Gia-các-ta", aliases=["DKI Jakarta"], country="ID",
                              kind=Locality.Kind.CAPITAL, latitude=Decimal("-6.20880"), longitude=Decimal("106.84560"))

    p_vte = PartnershipFactory(hanoi_locality=hanoi, partner_locality=vientiane, level=Partnership.Level.TWINNING,
                               status=Partnership.Status.ACTIVE, established_on=datetime.date(2004, 1, 1))
    p_vte.areas.add(area("culture"), area("education"))
    p_chan = PartnershipFactory(hanoi_locality=hoan_kiem, partner_locality=chanthabuly,
                                level=Partnership.Level.FRIENDSHIP)
    p_la = PartnershipFactory(hanoi_locality=hanoi, partner_locality=los_angeles,
                              level=Partnership.Level.COOPERATION, status=Partnership.Status.EXPLORING)
    p_la.areas.add(area("smart_city"))
    p_jkt = PartnershipFactory(hanoi_locality=hanoi, partner_locality=jakarta, level=Partnership.Level.FRIENDSHIP,
                               status=Partnership.Status.DORMANT)

    today = datetime.date.today()
    mou = AgreementFactory(partnership=p_vte, title="Biên bản ghi nhớ Hà Nội – Viêng Chăn 2023-2027",
                           stage=Agreement.Stage.IN_FORCE, valid_from=datetime.date(2023, 10, 4),
                           valid_until=today + datetime.timedelta(days=60), signed_on=datetime.date(2023, 10, 4))
    la_mou = AgreementFactory(partnership=p_la, title="MoU Hanoi – Los Angeles", stage=Agreement.Stage.APPROVED,
                              stage_changed_on=datetime.date(2024, 1, 10))

    thanh = PersonFactory(full_name="Trần Sỹ Thanh", current_title="Bí thư Thành ủy Hà Nội")
    hue = PersonFactory(full_name="Vương Đình Huệ")
    athsaphangthong = PersonFactory(full_name="Athsaphangthong Siphandone", country="LA")

    reception = MeetingFactory(title="Tiếp Đoàn đại biểu cấp cao Thủ đô Viêng Chăn", date=datetime.date(2023, 10, 4),
                               place="Trụ sở UBND Thành phố", kind="reception")
    reception.partnerships.add(p_vte)
    reception.agreements.add(mou)
    reception.areas.add(area("culture"))
    ParticipationFactory(meeting=reception, person=thanh, title_at_time="Chủ tịch UBND Thành phố Hà Nội",
                         side=Participation.Side.HANOI, role=Participation.Role.HOST)
    ParticipationFactory(meeting=reception, person=athsaphangthong, title_at_time="Đô trưởng Thủ đô Viêng Chăn",
                         side=Participation.Side.PARTNER, role=Participation.Role.GUEST)
    visit = MeetingFactory(title="Chủ tịch HĐND Thành phố thăm Los Angeles", date=datetime.date(2023, 8, 14),
                           kind="visit_abroad", place="Los Angeles")
    visit.partnerships.add(p_la)
    ParticipationFactory(meeting=visit, person=hue, title_at_time="Bí thư Thành ủy", side=Participation.Side.HANOI)
    later = MeetingFactory(title="Làm việc với Huyện Chanthabuly", date=datetime.date(2024, 11, 28))
    later.partnerships.add(p_chan)
    ParticipationFactory(meeting=later, person=thanh, title_at_time="Bí thư Thành ủy Hà Nội")

    article = SourceArticleFactory(title="Hướng tới mối quan hệ hợp tác thực chất giữa Hà Nội và Viêng Chăn",
                                   url="https://example.org/hn-vc", published_on=datetime.date(2023, 10, 5),
                                   clean_text="Chiều 4/10, Chủ tịch UBND Thành phố Trần Sỹ Thanh đã tiếp <b>Đoàn</b>.")
    reception.articles.add(article)

    overdue = MilestoneFactory(title="Gửi báo cáo kết quả năm", agreement=mou, owner=editor,
                               due_on=today - datetime.timedelta(days=3))
    soon = MilestoneFactory(title="Chuẩn bị gia hạn biên bản", agreement=mou, owner=editor,
                            due_on=today + datetime.timedelta(days=10))
    other = MilestoneFactory(title="Liên hệ Los Angeles", agreement=None, partnership=p_la,
                             due_on=today + datetime.timedelta(days=20))
    return {
        "hanoi": hanoi, "vientiane": vientiane, "chanthabuly": chanthabuly, "los_angeles": los_angeles,
        "jakarta": jakarta, "p_vte": p_vte, "p_la": p_la, "p_jkt": p_jkt, "mou": mou, "la_mou": la_mou,
        "thanh": thanh, "hue": hue, "reception": reception, "visit": visit, "article": article,
        "overdue": overdue, "soon": soon, "other": other, "later": later,
    }
