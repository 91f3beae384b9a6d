"""Event kind, agreements with stage, areas of cooperation."""
import pytest

from meetings.extraction import extract
from meetings.extraction.events import event_kind, find_agreements, find_areas
from meetings.extraction.places import default_gazetteer


@pytest.mark.parametrize("title, lede, kind", [
    ("Hà Nội - Viêng Chăn tăng cường hợp tác", ["Sáng 28/11, Phó Bí thư Thành ủy chủ trì buổi tiếp đoàn tới chào xã giao."], "reception"),
    ("Hanoi, Seoul deepen ties", ["On Tuesday, Hanoi Mayor Tran Sy Thanh received Mayor of Seoul Oh Se-hoon in Hanoi."], "reception"),
    ("Lãnh đạo HĐND Hà Nội thăm và làm việc tại Los Angeles", ["Sáng 14/8, đoàn gặp Thị trưởng."], "visit_abroad"),
    ("Hà Nội tăng cường hợp tác", ["Sáng 3/9 theo giờ địa phương, đoàn công tác của thành phố Hà Nội gặp chính quyền Pa-ri."], "visit_abroad"),
    ("Hanoi leaders visit Jakarta", ["A Hanoi delegation led by Chairman Nguyen Ngoc Tuan visited Jakarta on Aug. 2."], "visit_abroad"),
    ("Hà Nội và Pa-ri ký chương trình hợp tác", ["Chiều 10/3, hai bên đã ký kết chương trình hợp tác."], "signing"),
    ("Hai thành phố tăng cường hợp tác", ["Sáng 10/3, lễ ký kết biên bản ghi nhớ giữa hai thành phố đã diễn ra."], "signing"),
    ("Hanoi, Beijing hold talks", ["Leaders held talks via videoconference on December 5."], "online"),
    ("Hội đàm trực tuyến Hà Nội - Tô-ky-ô", ["Chiều 5/12, hai bên hội đàm."], "online"),
    ("Diễn đàn hợp tác Hà Nội - Mát-xcơ-va", ["Sáng 23/9, diễn đàn đã diễn ra với 200 doanh nghiệp."], "conference"),
    ("Hanoi hosts culture festival", ["The festival drew thousands of visitors."], "other"),
    ("Đoàn đại biểu Thủ đô Viêng Chăn thăm Hà Nội", ["Từ ngày 3 đến 5/10, đoàn đã thăm và làm việc tại Hà Nội."], "reception"),
    ("Seoul delegation in town", ["A Seoul City delegation is on a working visit to Hanoi this week."], "reception"),
    ("Hà Nội và Tô-ky-ô tiếp tục hợp tác chặt chẽ", ["Hai bên tiếp tục thảo luận về hợp tác văn hóa."], "other"),
])
def test_event_kind(title, lede, kind):
    assert event_kind(title, lede, default_gazetteer())[0] == kind


@pytest.mark.parametrize("sentence, kind, stage", [
    ("Bản ghi nhớ giữa Hà Nội và Xơ-un hiện đang được hai bên xúc tiến, hoàn thiện.", "mou", "negotiating"),
    ("Hà Nội và Băng Cốc đẩy mạnh trao đổi, hướng tới ký kết thỏa thuận hợp tác về du lịch.", "cooperation_agreement", "proposed"),
    ("Hai thành phố đã ký kết biên bản ghi nhớ năm 2015.", "mou", "signed"),
    ("Hai bên nhất trí gia hạn biên bản ghi nhớ hợp tác.", "mou", "renewed"),
    ("Hai bên cũng bàn về dự định kết nghĩa giữa Hà Nội và thành phố Gyeongju.", "twinning", "proposed"),
    ("Hai bên sẽ xây dựng kế hoạch hợp tác giai đoạn 2026 - 2030, tiến tới ký kết.", "plan", "proposed"),
    ("The two cities signed a memorandum of understanding on urban development.", "mou", "signed"),
    ("The MoU on cooperation is under negotiation.", "mou", "negotiating"),
    ("The sides will sign a sister city agreement next year.", "twinning", "proposed"),
    ("The cooperation agreement was renewed for another five years.", "cooperation_agreement", "renewed"),
    ("They discussed the cooperation programme 2022-2025.", "plan", "unknown"),
])
def test_agreement_kind_and_stage(sentence, kind, stage):
    found = find_agreements([sentence])
    assert (found[0].kind, found[0].stage) == (kind, stage)
    assert found[0].sentence == sentence


def test_agreement_validity_years():
    ag = find_agreements(["Văn kiện hợp tác quan trọng nhất là bản thỏa thuận hợp tác giai đoạn 2022 - 2025 của hai Thủ đô."],
                         event_year=2023)[0]
    assert (ag.kind, ag.valid_from, ag.valid_to, ag.stage) == ("cooperation_agreement", 2022, 2025, "signed")


def test_several_agreements_in_one_sentence():
    found = find_agreements(["Phía Hà Nội đang trao đổi với đối tác để thống nhất về nội dung bản ghi nhớ, "
                             "tiến tới ký kết thỏa thuận vào năm sau."])
    assert [(a.kind, a.stage) for a in found] == [("mou", "negotiating"), ("cooperation_agreement", "proposed")]


def test_areas_bilingual():
    areas, ev = find_areas(["Các lĩnh vực hợp tác gồm văn hóa, giao lưu nhân dân, giao thông vận tải, bảo vệ môi trường "
                            "và phát triển thành phố thông minh.",
                            "The sides agreed to cooperate in digital transformation, e-government and cyber security."])
    assert set(areas) == {"transport", "environment", "smart_city", "culture", "people_to_people",
                          "digital_transformation", "e_government", "cyber_security"}
    assert ev["transport"].startswith("Các lĩnh vực")


def test_areas_ignore_statistics_and_investment_environment():
    areas, _ = find_areas(["Ngành du lịch của thành phố tăng trưởng 12% trong chín tháng đầu năm nhờ lượng khách quốc tế.",
                           "Lãnh đạo thành phố mời các nhà đầu tư tìm hiểu môi trường đầu tư tại Thủ đô."])
    assert "tourism" not in areas and "environment" not in areas


def test_areas_only_from_the_article_not_the_noise(vi_article):
    d = extract(vi_article)
    assert set(d.areas) == {"education", "health", "digital_transformation", "urban_planning", "waste_water",
                            "tourism", "transport"}
